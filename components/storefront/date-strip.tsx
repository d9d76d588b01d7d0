"use client";

import { useEffect, useRef, useState } from "react";
import { cx } from "@/components/ui/cx";

/**
 * The pickup-date chips. On a phone they scroll sideways, with arrow buttons and a fade on
 * the side that has more; from the `sm` width up they wrap onto lines, so nothing hides.
 * The chosen date is scrolled into view after a page load.
 */
export function DateStrip({ children, prevLabel, nextLabel }: { children: React.ReactNode; prevLabel: string; nextLabel: string }) {
  const ref = useRef<HTMLUListElement>(null);
  const [more, setMore] = useState({ left: false, right: false });

  useEffect(() => {
    const list = ref.current;
    if (!list) return;
    const measure = () => setMore({ left: list.scrollLeft > 4, right: list.scrollLeft + list.clientWidth < list.scrollWidth - 4 });
    list.querySelector<HTMLElement>('[aria-current="date"]')?.scrollIntoView({ block: "nearest", inline: "center" });
    measure();
    list.addEventListener("scroll", measure, { passive: true });
    window.addEventListener("resize", measure);
    return () => {
      list.removeEventListener("scroll", measure);
      window.removeEventListener("resize", measure);
    };
  }, []);

  const scrollBy = (direction: 1 | -1) => ref.current?.scrollBy({ left: direction * ref.current.clientWidth * 0.8, behavior: "smooth" });
  const arrow = "absolute top-0 flex h-full w-12 items-center text-2xl font-bold text-brand-700 sm:hidden";

  return (
    <div className="relative -mx-4">
      <ul
        ref={ref}
        className="flex gap-2 overflow-x-auto scroll-smooth px-4 pb-1 [scrollbar-width:none] sm:flex-wrap sm:overflow-visible"
        data-testid="date-strip"
      >
        {children}
      </ul>
      {more.left && (
        <button
          type="button"
          onClick={() => scrollBy(-1)}
          aria-label={prevLabel}
          className={cx(arrow, "left-0 justify-start bg-gradient-to-r from-stone-50 via-stone-50/90 to-transparent pl-1")}
        >
          ‹
        </button>
      )}
      {more.right && (
        <button
          type="button"
          onClick={() => scrollBy(1)}
          aria-label={nextLabel}
          className={cx(arrow, "right-0 justify-end bg-gradient-to-l from-stone-50 via-stone-50/90 to-transparent pr-1")}
        >
          ›
        </button>
      )}
    </div>
  );
}

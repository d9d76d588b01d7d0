import crypto from "node:crypto";
import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { getDb } from "@/db/client";
import { PageHeader, Section } from "@/components/admin/page-header";
import { PhoneOrderForm } from "@/components/admin/phone-order-form";
import { requirePagePermission } from "@/lib/auth/session";
import { formatDate } from "@/lib/format";
import { phoneOrderDates } from "@/lib/orders/admin";
import { listProductsForDate } from "@/lib/storefront/listing";
import { placePhoneOrderAction } from "../actions";
import { EmptyState } from "@/components/admin/data-table";

export default async function PhoneOrderPage({ searchParams }: { searchParams: Promise<{ date?: string }> }) {
  await requirePagePermission("orders", "/admin/orders/new");
  const t = await getTranslations("admin.orders");
  const locale = await getLocale();
  const db = getDb();
  const dates = phoneOrderDates({ db });
  const { date: wanted } = await searchParams;
  const selected = dates.find((d) => d.date === wanted) ?? dates.find((d) => d.state === "open") ?? dates[0];
  const products = selected
    ? listProductsForDate({ db, date: selected.date })
        .filter((p) => p.planned > 0)
        .map((p) => ({
          id: p.id,
          name: p.name,
          price: p.price,
          available: p.available,
          maxPerOrder: p.maxPerOrder,
          optionGroups: p.optionGroups,
        }))
    : [];
  const stateNote = (state: string) => (state === "cutoff_passed" ? t("stateCutoff") : state === "not_open_yet" ? t("stateNotOpen") : null);

  return (
    <div className="max-w-4xl">
      <Link
        href={`/admin/orders${selected ? `?date=${selected.date}` : ""}`}
        className="mb-2 inline-flex min-h-11 items-center text-brand-700 hover:underline"
      >
        ← {t("title")}
      </Link>
      <PageHeader title={t("newTitle")} lead={t("newLead")} />
      {!selected ? (
        <EmptyState>{t("noDates")}</EmptyState>
      ) : (
        <Section>
          <nav aria-label={t("pickDate")} className="mb-6">
            <p className="mb-2 text-sm font-semibold text-stone-700">{t("pickDate")}</p>
            <ul className="flex flex-wrap gap-2">
              {dates.map((d) => (
                <li key={d.date}>
                  <Link
                    href={`/admin/orders/new?date=${d.date}`}
                    aria-current={d.date === selected.date ? "date" : undefined}
                    className="flex min-h-11 flex-col justify-center rounded-xl border border-stone-300 bg-white px-3 text-center aria-[current=date]:border-brand-600 aria-[current=date]:bg-brand-50 aria-[current=date]:font-bold"
                  >
                    {formatDate(d.date, locale)}
                    {stateNote(d.state) && <span className="text-xs font-normal text-stone-500">{stateNote(d.state)}</span>}
                  </Link>
                </li>
              ))}
            </ul>
          </nav>
          {products.length === 0 ? (
            <p className="text-stone-600">{t("notPlanned")}</p>
          ) : (
            <PhoneOrderForm
              key={selected.date}
              date={selected.date}
              slots={selected.slots}
              products={products}
              idempotencyKey={crypto.randomUUID()}
              action={placePhoneOrderAction}
            />
          )}
        </Section>
      )}
    </div>
  );
}

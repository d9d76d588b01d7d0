"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useEffect, useRef, useState } from "react";
import type { CommandAction } from "@/lib/actions";

type Detector = { detect: (source: CanvasImageSource) => Promise<{ rawValue: string }[]> };

/**
 * The tablet camera reads an order QR: the browser's BarcodeDetector where it exists, jsQR on
 * video frames otherwise (loaded only then). A read opens the order and marks it arrived.
 * Typing the code is always there for a camera that will not focus.
 */
export function QrScanner({ scan }: { scan: CommandAction<{ text: string }, { orderId: number; markedArrived: boolean }> }) {
  const t = useTranslations("rack");
  const router = useRouter();
  const video = useRef<HTMLVideoElement>(null);
  const [status, setStatus] = useState<"starting" | "scanning" | "denied" | "unsupported">("starting");
  const [error, setError] = useState<string | null>(null);
  const [manual, setManual] = useState("");
  const busy = useRef(false);

  async function submit(text: string) {
    if (busy.current) return;
    busy.current = true;
    const result = await scan({ text });
    if (result?.ok && result.data) {
      router.push(`/rack/orders/${result.data.orderId}${result.data.markedArrived ? "?scanned=arrived" : ""}`);
      return;
    }
    setError(result?.message ?? t("errors.generic"));
    // Let the camera try again after a moment rather than re-reading the same bad code at 10 fps.
    setTimeout(() => (busy.current = false), 1500);
  }

  useEffect(() => {
    let stream: MediaStream | null = null;
    let frame = 0;
    let stopped = false;
    async function start() {
      if (!navigator.mediaDevices?.getUserMedia) {
        setStatus("unsupported");
        return;
      }
      try {
        stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: "environment" }, audio: false });
      } catch {
        setStatus("denied");
        return;
      }
      if (stopped || !video.current) return;
      video.current.srcObject = stream;
      await video.current.play().catch(() => {});
      setStatus("scanning");
      const Native = (globalThis as unknown as { BarcodeDetector?: new (o: { formats: string[] }) => Detector }).BarcodeDetector;
      const detector = Native ? new Native({ formats: ["qr_code"] }) : null;
      const jsQR = detector ? null : (await import("jsqr")).default;
      const canvas = document.createElement("canvas");
      const context = canvas.getContext("2d", { willReadFrequently: true });
      const tick = async () => {
        if (stopped) return;
        const v = video.current;
        if (v && v.readyState >= 2 && !busy.current) {
          let text: string | null = null;
          if (detector) {
            text = (await detector.detect(v).catch(() => []))[0]?.rawValue ?? null;
          } else if (jsQR && context) {
            canvas.width = v.videoWidth;
            canvas.height = v.videoHeight;
            context.drawImage(v, 0, 0);
            text = jsQR(context.getImageData(0, 0, canvas.width, canvas.height).data, canvas.width, canvas.height)?.data ?? null;
          }
          if (text) void submit(text);
        }
        frame = window.setTimeout(tick, 100);
      };
      void tick();
    }
    void start();
    return () => {
      stopped = true;
      clearTimeout(frame);
      stream?.getTracks().forEach((track) => track.stop());
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  return (
    <div className="mx-auto max-w-xl px-3 py-4">
      <h1 className="text-2xl font-bold">{t("scan.title")}</h1>
      <p className="mt-1 text-lg text-stone-700">{t(`scan.${status}`)}</p>
      <video
        ref={video}
        muted
        playsInline
        aria-label={t("scan.videoLabel")}
        className="mt-3 aspect-square w-full rounded-2xl bg-ink object-cover"
      />
      {error && (
        <p role="alert" data-testid="scan-error" className="mt-3 rounded-xl border border-red-300 bg-red-50 px-4 py-2 text-lg text-red-800">
          {error}
        </p>
      )}
      <form
        className="mt-4 flex gap-2"
        onSubmit={(e) => {
          e.preventDefault();
          busy.current = false;
          void submit(manual);
        }}
      >
        <label htmlFor="scan-manual" className="sr-only">
          {t("scan.manualLabel")}
        </label>
        <input
          id="scan-manual"
          value={manual}
          onChange={(e) => setManual(e.target.value)}
          placeholder={t("scan.manualPlaceholder")}
          className="min-h-12 flex-1 rounded-xl border-2 border-stone-300 bg-white px-3 text-xl"
        />
        <button type="submit" className="min-h-12 rounded-xl bg-ink px-4 text-lg font-bold text-white">
          {t("scan.open")}
        </button>
      </form>
    </div>
  );
}

import type { Metadata, Viewport } from "next";
import { getLocale } from "next-intl/server";
import { MessagesProvider } from "@/components/ui/messages-provider";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "단골", template: "%s · 단골" },
  description: "동네 가게의 픽업 예약, 픽업 랙, 상담표, 단골 지표",
  manifest: "/manifest.webmanifest",
  icons: { icon: "/icon.svg" },
};

export const viewport: Viewport = { width: "device-width", initialScale: 1, themeColor: "#b4651d" };

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  const locale = await getLocale();
  return (
    <html lang={locale}>
      <body className="min-h-dvh">
        <MessagesProvider namespaces={["common", "auth"]}>{children}</MessagesProvider>
      </body>
    </html>
  );
}

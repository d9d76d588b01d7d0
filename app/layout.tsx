import type { Metadata, Viewport } from "next";
import { getLocale, getTranslations } from "next-intl/server";
import { MessagesProvider } from "@/components/ui/messages-provider";
import "./globals.css";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("common");
  return {
    title: { default: t("appName"), template: `%s · ${t("appName")}` },
    description: t("meta.description"),
    manifest: "/manifest.webmanifest",
    icons: { icon: "/icon.svg" },
  };
}

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

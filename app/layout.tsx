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
    // Raster icons: a phone decodes a PNG, where an SVG icon is laid out as a document of its own
    // on the page's main thread (twice: the tab's icon and the manifest's). public/icon.svg is the
    // drawing they are made from.
    icons: { icon: { url: "/icon-32.png", sizes: "32x32", type: "image/png" }, apple: "/icon-192.png" },
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

import type { NextConfig } from "next";
import createNextIntlPlugin from "next-intl/plugin";

const withNextIntl = createNextIntlPlugin("./i18n/request.ts");

const nextConfig: NextConfig = {
  // better-sqlite3 is a native addon: load it from node_modules at run time, never bundle it.
  serverExternalPackages: ["better-sqlite3"],
  poweredByHeader: false,
  // A build for tests may live in another folder so it never clobbers the served one.
  distDir: process.env.NEXT_DIST_DIR || ".next",
  // Product photos are posted to a server action: room for one 8 MB photo (lib/products/photos.ts).
  experimental: { serverActions: { bodySizeLimit: "9mb" } },
};

export default withNextIntl(nextConfig);

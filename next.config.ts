import type { NextConfig } from "next";
import createNextIntlPlugin from "next-intl/plugin";

const withNextIntl = createNextIntlPlugin("./i18n/request.ts");

const nextConfig: NextConfig = {
  // better-sqlite3 is a native addon: load it from node_modules at run time, never bundle it.
  serverExternalPackages: ["better-sqlite3"],
  poweredByHeader: false,
  // A build for tests may live in another folder so it never clobbers the served one.
  distDir: process.env.NEXT_DIST_DIR || ".next",
  experimental: {
    // Same limit as SERVER_ACTION_BODY_LIMIT_BYTES (lib/http/server-actions.ts), which the
    // proxy enforces first with a 413; room for one 8 MB product photo (lib/products/photos.ts).
    serverActions: { bodySizeLimit: "9mb" },
    // The stylesheet inlined in each page's <head>: no render-blocking request before the first
    // paint on a phone's first visit (the CSP already allows inline styles).
    inlineCss: true,
  },
  // Static files skip proxy.ts (which sets the full set, CSP included, on everything else).
  async headers() {
    return [
      {
        source: "/_next/:path*",
        headers: [
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "X-Frame-Options", value: "DENY" },
        ],
      },
    ];
  },
};

export default withNextIntl(nextConfig);

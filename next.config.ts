import path from "node:path";
import { createRequire } from "node:module";
import type { NextConfig } from "next";
import createNextIntlPlugin from "next-intl/plugin";

const withNextIntl = createNextIntlPlugin("./i18n/request.ts");
const require = createRequire(import.meta.url);

const nextConfig: NextConfig = {
  // better-sqlite3 is a native addon: load it from node_modules at run time, never bundle it.
  serverExternalPackages: ["better-sqlite3"],
  poweredByHeader: false,
  // proxy.ts sees requests as they came: a client navigation keeps its `rsc` headers and `_rsc`
  // query, so the shared storefront page (lib/storefront/html-cache.ts) never answers one.
  skipProxyUrlNormalize: true,
  // `npm test` type-checks the whole tree before it builds for the end-to-end tests: the build
  // need not do it again. Every other build (npm start, npm run build) checks types itself.
  typescript: { ignoreBuildErrors: process.env.DANGOL_TYPES_CHECKED === "1" },
  // A build for tests may live in another folder so it never clobbers the served one.
  distDir: process.env.NEXT_DIST_DIR || ".next",
  turbopack: {
    resolveAlias: {
      // Messages arrive precompiled (i18n/compile.ts): format them with next-intl's format-only
      // runtime, so no page ships the ICU parser or sets up intl-messageformat while hydrating.
      "use-intl/format-message": `./${path.relative(import.meta.dirname, require.resolve("use-intl/format-message/format-only"))}`,
    },
  },
  experimental: {
    // Same limit as SERVER_ACTION_BODY_LIMIT_BYTES (lib/http/server-actions.ts), which the
    // proxy enforces first with a 413; room for one 8 MB product photo (lib/products/photos.ts).
    serverActions: { bodySizeLimit: "9mb" },
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

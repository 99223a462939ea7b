import type { NextConfig } from "next";

/**
 * Pages and routes get their security headers (and the CSP nonce) from src/proxy.ts; the paths it
 * skips — build assets and the OneAccess emulator, which sends its own CSP and X-Frame-Options —
 * get the constant ones here. (No overlap, so no header is sent twice.)
 */
const ASSET_HEADERS = [
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
];

/**
 * src/proxy.ts runs before the API routes too, and Next.js then buffers each request body for it,
 * by default up to 10 MB. Buffering one byte more than the routes' own limit keeps that copy small
 * while the routes (src/server/http/limited-body.ts) still see that a body was too large.
 */
const bodyLimit = Number(process.env.REQUEST_BODY_LIMIT_BYTES || 1024 * 1024);

const nextConfig: NextConfig = {
  experimental: {
    proxyClientMaxBodySize: (Number.isFinite(bodyLimit) && bodyLimit > 0 ? bodyLimit : 1024 * 1024) + 1,
  },
  // PGlite ships WASM + data files and Prisma's query compiler is WASM too: load them from
  // node_modules at run time instead of bundling them.
  // pino and prom-client: one copy for every route and instrumentation, so all count into one
  // metrics registry and write through one log stream (src/server/observability).
  serverExternalPackages: ["@electric-sql/pglite", "pglite-prisma-adapter", "@prisma/client", "@prisma/adapter-pg", "pg", "pino", "prom-client"],
  poweredByHeader: false,
  typedRoutes: false,
  async headers() {
    return [
      { source: "/_next/static/:path*", headers: [...ASSET_HEADERS, { key: "X-Frame-Options", value: "DENY" }] },
      { source: "/_next/image", headers: [...ASSET_HEADERS, { key: "X-Frame-Options", value: "DENY" }] },
      { source: "/dev/oneaccess/:path*", headers: ASSET_HEADERS },
    ];
  },
};

export default nextConfig;

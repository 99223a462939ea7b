import path from "node:path";
import type { NextConfig } from "next";

/**
 * The bench's "Next.js floor" (README "Benchmarks"): a bare Next.js app whose route
 * handlers do the baseline's own work. The repository root is the build's root so the handlers
 * can import bench/baseline and the app's src/ (through the `~/*` path of tsconfig.json).
 */
const root = path.resolve(import.meta.dirname, "..", "..");

const nextConfig: NextConfig = {
  turbopack: { root },
  outputFileTracingRoot: root,
  serverExternalPackages: ["@electric-sql/pglite", "pg"],
  poweredByHeader: false,
  // Type-checked with the rest of the repository by `npm run typecheck` (the root tsconfig
  // includes bench/, with the app's type augmentations this folder's build would not see).
  typescript: { ignoreBuildErrors: true },
};

export default nextConfig;

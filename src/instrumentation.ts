/**
 * Runs once when a Next.js server process boots, before it serves requests: validates the
 * environment (fails fast with a readable message) and applies pending migrations, so
 * `npm start` on a new release upgrades the database by itself (replicas coordinate through
 * the migration advisory lock).
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { getEnv } = await import("./env");
  const env = getEnv();
  if (env.usingDevDefaults.length) {
    console.warn(`[env] using development defaults for: ${env.usingDevDefaults.join(", ")} (never in production)`);
  }
  const { ensureDatabaseReady } = await import("./server/db");
  await ensureDatabaseReady();
}

/**
 * Runs once when a Next.js server process boots, before it serves requests: validates the
 * environment (fails fast with a readable message, exit code 1) and applies pending migrations,
 * so `npm start` on a new release upgrades the database by itself (replicas coordinate through
 * the migration advisory lock); then starts the billing worker (aggregation → usage push →
 * retention) unless BILLING_WORKER_IN_SERVER=false. Replicas may all run it: it coordinates
 * through the database. The work is in src/server/boot.ts (Node.js only).
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { boot } = await import("./server/boot");
  await boot();
}

/**
 * Runs once when a Next.js server process boots, before it serves requests: validates the
 * environment (fails fast with a readable message) and applies pending migrations, so
 * `npm start` on a new release upgrades the database by itself (replicas coordinate through
 * the migration advisory lock); then starts the billing worker (aggregation → usage push →
 * retention) unless BILLING_WORKER_IN_SERVER=false. Replicas may all run it: it coordinates
 * through the database.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { getEnv } = await import("./env");
  const env = getEnv();
  if (env.usingDevDefaults.length) {
    console.warn(`[env] using development defaults for: ${env.usingDevDefaults.join(", ")} (never in production)`);
  }
  if (env.ONEACCESS_EMULATOR) {
    console.warn(
      `[env] ONEACCESS_EMULATOR is on: the local OneAccess emulator answers at /dev/oneaccess/* and lets anyone sign in as a demo user${env.NODE_ENV === "production" ? " — turn it off in production" : ""}`,
    );
  }
  // Configuration checks of the /admin overview that need no database: one line naming the problems.
  const problemLine = (await import("./server/setup-health")).bootProblemLine(env);
  if (problemLine) console.warn(problemLine);
  const { ensureDatabaseReady } = await import("./server/db");
  await ensureDatabaseReady();
  // Feature modules register their retention purgers when loaded; load them before the worker runs.
  await import("./server/projects");
  if (env.BILLING_WORKER_IN_SERVER) {
    const { startBillingWorkerOnce } = await import("./server/billing/worker");
    startBillingWorkerOnce();
  }
}

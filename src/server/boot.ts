/**
 * What a Next.js server process does before it serves requests (called from
 * src/instrumentation.ts): validate the environment, apply pending migrations, start the billing
 * worker (which purges the tables of src/server/features.ts).
 *
 * Any failure here ends the process with exit code 1 and a readable message. Next.js would
 * otherwise keep the server up and answer every request with a 500 — a misconfigured replica
 * must fail its health check and restart loop visibly instead.
 */
import { EnvError, getEnv } from "~/env";
import { logger } from "./observability/logger";

export async function boot(): Promise<void> {
  try {
    await start();
  } catch (err) {
    if (err instanceof EnvError) logger("boot").fatal(err.message);
    else logger("boot").fatal({ err }, "the server could not start");
    process.exit(1);
  }
}

async function start(): Promise<void> {
  const env = getEnv();
  if (env.usingDevDefaults.length) {
    logger("env").warn(`using development defaults for: ${env.usingDevDefaults.join(", ")} (never in production)`);
  }
  if (env.ONEACCESS_EMULATOR) {
    logger("env").warn(
      `ONEACCESS_EMULATOR is on: the local OneAccess emulator answers at /dev/oneaccess/* and lets anyone sign in as a demo user${env.NODE_ENV === "production" ? " — turn it off in production" : ""}`,
    );
  }
  // Configuration checks of the /admin overview that need no database: one line naming the problems.
  const problemLine = (await import("./setup-health")).bootProblemLine(env);
  if (problemLine) logger("setup").warn(problemLine);
  const { ensureDatabaseReady } = await import("./db");
  await ensureDatabaseReady();
  if (env.BILLING_WORKER_IN_SERVER) {
    const { startBillingWorkerOnce } = await import("./billing/worker");
    startBillingWorkerOnce();
  }
}

/**
 * npm run worker — the billing worker as its own process (usage aggregation, usage push, data
 * retention of the tables listed in src/server/features.ts; src/server/billing/worker.ts). Safe
 * next to app servers that run it too. On the
 * embedded PGlite only one process may open the data directory: there, rely on the app server's
 * worker instead (see docs/billing.md).
 */
import { EnvError, getEnv } from "~/env";
import { startBillingWorker } from "~/server/billing/worker";
import { ensureDatabaseReady } from "~/server/db";
import { logger } from "~/server/observability/logger";
import { parseCli, usageFromHeader } from "./cli-args";

// No options: --help prints the header above; anything else is a usage error, not ignored.
parseCli({ options: {} }, usageFromHeader(import.meta.url));

try {
  if (!getEnv().DATABASE_URL) {
    // Two processes opening one PGlite directory would corrupt it.
    console.error("[worker] npm run worker needs DATABASE_URL (PostgreSQL); with the embedded PGlite the app server runs the worker");
    process.exit(2);
  }
} catch (err) {
  if (err instanceof EnvError) {
    console.error(err.message);
    process.exit(2);
  }
  throw err;
}
// Misconfiguration above is told to the person starting it; from here on it is a service and
// logs JSON lines (README "Operations: logs, health, metrics").
const db = await ensureDatabaseReady((l) => logger("worker").info(l));
const worker = startBillingWorker({ prisma: db.prisma, keepAlive: true });

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    logger("worker").info({ signal }, "finishing the current cycle");
    void worker
      .stop()
      .then(() => db.close())
      .then(() => process.exit(0));
  });
}

/**
 * /api/health (README "Operations: logs, health, metrics"):
 * - liveness: the process answers. No database, no I/O: a slow database must not get healthy
 *   replicas restarted. Carries the version and, when the deployment says so, the commit.
 * - readiness: the database answers `SELECT 1` within a bounded wait. A load balancer routes
 *   traffic by this one: a replica that cannot reach the database can neither record nor
 *   acknowledge a marketplace call (the call would be answered 000005 anyway).
 */
import packageJson from "../../../package.json";
import { getEnv } from "~/env";
import { getDatabase } from "~/server/db";
import { logger } from "./logger";

export interface HealthAnswer {
  status: number;
  body: Record<string, unknown>;
}

function identity(): Record<string, unknown> {
  return { version: packageJson.version, commit: getEnv().APP_COMMIT ?? null };
}

export function liveness(): HealthAnswer {
  return { status: 200, body: { status: "ok", ...identity(), uptimeSeconds: Math.round(process.uptime()) } };
}

export interface ReadinessDeps {
  /** Runs `SELECT 1` on the app's database. */
  ping(): Promise<unknown>;
  timeoutMs: number;
}

class ReadinessTimeout extends Error {}

export async function readiness(deps: ReadinessDeps): Promise<HealthAnswer> {
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      Promise.resolve().then(deps.ping),
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new ReadinessTimeout()), deps.timeoutMs);
      }),
    ]);
    return { status: 200, body: { status: "ready", ...identity(), database: "ok", latencyMs: Math.round(performance.now() - started) } };
  } catch (err) {
    // The answer is public: it says what failed, the log says the driver's detail (hosts, users).
    const timedOut = err instanceof ReadinessTimeout;
    logger("health").warn({ err }, "readiness check failed");
    const reason = timedOut ? `database: no answer within ${deps.timeoutMs} ms` : "database: the query failed (see the server log)";
    return { status: 503, body: { status: "unavailable", ...identity(), database: "down", reason } };
  } finally {
    clearTimeout(timer);
  }
}

export function healthResponse(answer: HealthAnswer): Response {
  return Response.json(answer.body, { status: answer.status, headers: { "cache-control": "no-store" } });
}

/** Readiness of this process's database (getDatabase(): PostgreSQL or the embedded PGlite). */
export function databaseReadiness(): Promise<HealthAnswer> {
  return readiness({ ping: () => getDatabase().prisma.$queryRaw`SELECT 1`, timeoutMs: getEnv().HEALTH_READY_TIMEOUT_MS });
}

/**
 * The billing worker: every BILLING_WORKER_INTERVAL_SECONDS, aggregate closed hours of the usage
 * ledger into the push outbox, push due records, purge released tenants past retention, and keep
 * the call log and replay store tidy (interrupted calls, call-log retention, expired nonces).
 *
 * Runs inside each app server process (started from src/instrumentation.ts) and/or as
 * `npm run worker` (scripts/worker.ts). Any number of copies may run against one database: the
 * aggregation takes an advisory lock, the outbox and the purge claim rows with SKIP LOCKED.
 * No state is kept in memory between cycles.
 */
import type { PrismaClient } from "~/generated/prisma/client";
import { ensureDatabaseReady } from "~/server/db";
import { aggregateUsage, type AggregationResult } from "./aggregation";
import { billingConfig } from "./config";
import { pushDueUsage, type PushResult } from "./push";
import { purgeReleasedData } from "./retention";
import { callLogHousekeeping, type HousekeepingResult } from "~/server/marketplace/housekeeping";
import { logger } from "~/server/observability/logger";
import { newRequestId, runWithRequestContext } from "~/server/observability/request-context";

export interface CycleResult {
  aggregated: AggregationResult;
  pushed: PushResult;
  purged: number;
  /** Interrupted calls closed, old calls and expired nonces deleted (src/server/marketplace/housekeeping.ts). */
  callLog: HousekeepingResult;
}

export async function runBillingCycle(prisma: PrismaClient, nowMs = Date.now()): Promise<CycleResult> {
  const cfg = billingConfig();
  const aggregated = await aggregateUsage(prisma, { nowMs, delayMs: cfg.aggregationDelayMs });
  const pushed = await pushDueUsage(prisma, cfg, { nowMs });
  const purged = await purgeReleasedData(prisma, nowMs);
  const callLog = await callLogHousekeeping(prisma, { nowMs });
  return { aggregated, pushed, purged, callLog };
}

export interface WorkerHandle {
  /** Stops scheduling and waits for a running cycle to finish. */
  stop(): Promise<void>;
}

export interface WorkerOptions {
  prisma?: PrismaClient;
  intervalMs?: number;
  /** Keep the Node process alive (standalone worker); the server process has its own handles. */
  keepAlive?: boolean;
  /** Human lines (tests); default: the JSON log, with each cycle's counts as fields. */
  log?: (line: string, fields?: Record<string, unknown>) => void;
}

export function startBillingWorker(opts: WorkerOptions = {}): WorkerHandle {
  const log = opts.log ?? ((l: string, fields?: Record<string, unknown>) => logger("worker").info(fields ?? {}, l));
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;

  // Each cycle logs under an id of its own ("worker-…"), as a request does (request-context.ts).
  const cycle = () => runWithRequestContext({ requestId: `worker-${newRequestId()}` }, runCycle);
  const runCycle = async () => {
    try {
      const prisma = opts.prisma ?? (await ensureDatabaseReady()).prisma;
      const r = await runBillingCycle(prisma);
      const { aggregated: a, pushed: p } = r;
      if (a.records || p.calls || r.purged) {
        log(`aggregated ${a.entries} entries into ${a.records} record(s) over ${a.hours} hour(s); pushed ${p.sent}, retrying ${p.retrying}, failed ${p.failed}; purged ${r.purged}`, { aggregated: a, pushed: p, purged: r.purged });
      }
      const c = r.callLog;
      if (c.interrupted || c.deletedCalls) log(`call log: ${c.interrupted} interrupted call(s) closed, ${c.deletedCalls} old call(s) deleted`, { callLog: c });
    } catch (err) {
      log(`cycle failed (will run again): ${(err as Error).message}`, { err });
    }
  };
  const schedule = (ms: number) => {
    if (stopped) return;
    timer = setTimeout(() => {
      running = cycle().finally(() => schedule(opts.intervalMs ?? billingConfig().workerIntervalMs));
    }, ms);
    if (!opts.keepAlive) timer.unref();
  };
  schedule(1_000);
  log(`worker started (every ${Math.round((opts.intervalMs ?? billingConfig().workerIntervalMs) / 1000)} s)`);
  return {
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
    },
  };
}

const globalForWorker = globalThis as unknown as { __kooBillingWorker?: WorkerHandle };

/** For src/instrumentation.ts: one worker per server process, even if register() runs twice. */
export function startBillingWorkerOnce(opts: WorkerOptions = {}): WorkerHandle {
  globalForWorker.__kooBillingWorker ??= startBillingWorker(opts);
  return globalForWorker.__kooBillingWorker;
}

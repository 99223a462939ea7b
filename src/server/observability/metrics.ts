/**
 * Prometheus metrics (prom-client), served by /api/metrics (README "Operations: logs, health,
 * metrics"). Two kinds, chosen per metric:
 *
 * - Per-process counters and histograms for events this process handled (marketplace calls,
 *   metered debits and refusals, sign-in failures). Each replica counts its own; Prometheus
 *   scrapes every instance and `sum without (instance)` gives the total. Nothing is shared or
 *   persisted: a restart resets a replica's counters, which `rate()`/`increase()` handle.
 * - Gauges computed from the database at scrape time for shared state (the usage-push outbox's
 *   depth and oldest pending age, dead letters): every replica would otherwise report its own
 *   partial view, and the truth is one set of rows. Every replica reports the same value, so
 *   aggregate them with `max`, not `sum`.
 *
 * Label values come from closed sets or are clipped to a safe pattern ("other" otherwise), so a
 * caller cannot create unbounded series. The registry lives on globalThis: Next.js bundles routes
 * and instrumentation separately, and all must count into one registry.
 */
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from "prom-client";
import type { PrismaClient } from "~/generated/prisma/client";
import { AppError } from "~/server/errors";

export const METRICS_CONTENT_TYPE = Registry.PROMETHEUS_CONTENT_TYPE;

const LABEL = /^[A-Za-z0-9_.-]{1,48}$/;
const label = (v: string | null | undefined, fallback = "none") => (v == null || v === "" ? fallback : LABEL.test(v) ? v : "other");

function build() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: "koo_" });
  const r = [registry];
  return {
    registry,
    calls: new Counter({
      name: "koo_marketplace_calls_total",
      help: "Marketplace calls answered by this process, by channel (base|kit|license), activity and resultCode.",
      labelNames: ["channel", "activity", "result_code"] as const,
      registers: r,
    }),
    callSeconds: new Histogram({
      name: "koo_marketplace_call_duration_seconds",
      help: "Time from receiving a marketplace call to its answer (call recorded both ways), by channel and activity. The marketplace waits 5 s.",
      labelNames: ["channel", "activity"] as const,
      buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2, 3, 5, 10],
      registers: r,
    }),
    debits: new Counter({
      name: "koo_metered_debits_total",
      help: "consume() calls that debited (outcome=debited) or replayed an earlier debit with the same idempotency key (outcome=replayed), by meter.",
      labelNames: ["meter", "outcome"] as const,
      registers: r,
    }),
    refusals: new Counter({
      name: "koo_metered_refusals_total",
      help: "consume() calls refused, by meter and error code (QUOTA_EXCEEDED, PACKAGE_EXHAUSTED, INSTANCE_FROZEN …).",
      labelNames: ["meter", "code"] as const,
      registers: r,
    }),
    signInFailures: new Counter({
      name: "koo_sign_in_failures_total",
      help: "Failed sign-ins, by who (staff|customer) and reason.",
      labelNames: ["who", "reason"] as const,
      registers: r,
    }),
    outboxPending: new Gauge({
      name: "koo_usage_push_outbox_pending",
      help: "Usage records waiting to be pushed (status PENDING), read from the database at scrape time: the same on every replica.",
      registers: r,
    }),
    outboxOldestAge: new Gauge({
      name: "koo_usage_push_outbox_oldest_pending_age_seconds",
      help: "Age of the oldest PENDING usage record since it was queued (0 when none), read from the database at scrape time.",
      registers: r,
    }),
    deadLetters: new Gauge({
      name: "koo_usage_push_dead_letters",
      help: "Usage records that will not be pushed without staff action (status FAILED), by deadReason; read from the database at scrape time.",
      labelNames: ["reason"] as const,
      registers: r,
    }),
    databaseUp: new Gauge({
      name: "koo_metrics_database_up",
      help: "1 when the database gauges of this scrape could be read, 0 when the database did not answer (the gauges then keep their last values).",
      registers: r,
    }),
  };
}

type Metrics = ReturnType<typeof build>;
const globalForMetrics = globalThis as unknown as { __kooMetrics?: Metrics };

function metrics(): Metrics {
  globalForMetrics.__kooMetrics ??= build();
  return globalForMetrics.__kooMetrics;
}

/** One completed marketplace call (the pipeline calls this once per answer). */
export function observeMarketplaceCall(call: { channel: string; activity?: string | null; resultCode: string; durationMs: number }): void {
  const m = metrics();
  const activity = label(call.activity, "unknown");
  m.calls.inc({ channel: label(call.channel), activity, result_code: label(call.resultCode) });
  m.callSeconds.observe({ channel: label(call.channel), activity }, Math.max(0, call.durationMs) / 1000);
}

/**
 * Counts the outcome of one consume(): debited / replayed, or refused with its error code.
 * Returns the consume promise unchanged so the hook is one line around it.
 */
export async function observeConsume<T extends { replayed: boolean }>(meter: unknown, consumed: Promise<T>): Promise<T> {
  const m = metrics();
  const meterLabel = label(typeof meter === "string" ? meter : null, "invalid");
  try {
    const result = await consumed;
    m.debits.inc({ meter: meterLabel, outcome: result.replayed ? "replayed" : "debited" });
    return result;
  } catch (err) {
    m.refusals.inc({ meter: meterLabel, code: err instanceof AppError ? label(err.code) : "INTERNAL" });
    throw err;
  }
}

/** A sign-in that did not succeed (reason: wrong_credentials, locked_address, oneaccess_error …). */
export function countSignInFailure(who: "staff" | "customer", reason: string): void {
  metrics().signInFailures.inc({ who, reason: label(reason, "unknown") });
}

const DB_QUERY_TIMEOUT_MS = 3000;

function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: no answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** Reads the outbox gauges from the database (shared state: see the header). */
export async function collectDatabaseGauges(prisma: PrismaClient, nowMs = Date.now(), timeoutMs = DB_QUERY_TIMEOUT_MS): Promise<boolean> {
  const m = metrics();
  try {
    const [pending, dead] = await within(
      Promise.all([
        prisma.usagePushRecord.aggregate({ where: { status: "PENDING" }, _count: { _all: true }, _min: { createdAt: true } }),
        prisma.usagePushRecord.groupBy({ by: ["deadReason"], where: { status: "FAILED" }, _count: { _all: true } }),
      ]),
      timeoutMs,
      "outbox gauges",
    );
    m.outboxPending.set(pending._count._all);
    const oldest = pending._min.createdAt;
    m.outboxOldestAge.set(oldest ? Math.max(0, (nowMs - oldest.getTime()) / 1000) : 0);
    // Reasons that dropped to zero must read 0, not their last value.
    m.deadLetters.reset();
    for (const d of dead) m.deadLetters.set({ reason: label(d.deadReason, "unknown") }, d._count._all);
    m.databaseUp.set(1);
    return true;
  } catch {
    m.databaseUp.set(0);
    return false;
  }
}

/** The exposition text (Prometheus text format 0.0.4). */
export function metricsText(): Promise<string> {
  return metrics().registry.metrics();
}

/** Tests start from zero. */
export function resetMetricsForTests(): void {
  metrics().registry.resetMetrics();
}

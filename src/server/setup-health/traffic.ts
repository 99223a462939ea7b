/** Area "traffic": what actually arrived — the call log, instances, tenants and the usage push outbox. */
import type { Env } from "~/env";
import type { PrismaClient } from "~/generated/prisma/client";
// The outbox definitions the staff usage view uses (usage-admin.ts summary), so both pages agree.
import { pushHealth, type PushAlert } from "~/server/billing";
import { advisory } from "./severity";
import { makeCheck } from "./check";
import { mktMeaningText, text, type SetupText } from "./messages";
import { INSTANCE_STATUSES, type LastCall, type SetupCheck, type TrafficFigures } from "./types";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** The marketplace wants usage within 2 hours of the hour's end (docs/billing.md §6). */
const REPORTING_WINDOW_MS = 2 * HOUR;

function describeCall(c: LastCall, nowMs: number): SetupText {
  const agoMin = Math.max(0, Math.round((nowMs - c.receivedAt.getTime()) / 60_000));
  return text("setup.call.detail", {
    activity: c.activity ?? text("setup.call.noActivity"),
    result: c.resultCode ?? text("setup.call.noAnswer"),
    at: c.receivedAt.toISOString(),
    minutes: agoMin,
    debug: text(c.isTest ? "setup.call.debug" : "setup.empty"),
  });
}

/**
 * The last call of a channel, rated by its answer: 000000 (or none yet) is OK; any other result
 * code is a warning whose title names the code.
 */
function lastCallCheck(id: string, c: LastCall, nowMs: number, channel: "lastBase" | "lastKit"): SetupCheck {
  const area = "traffic" as const;
  const detail = describeCall(c, nowMs);
  if (c.resultCode && c.resultCode !== "000000") {
    return makeCheck({ id, area, status: "warn" }, { title: text(`setup.${channel}.error.title`, { code: c.resultCode }), detail, fix: text("setup.lastCall.error.fix") });
  }
  return makeCheck({ id, area, status: "ok" }, { title: text(`setup.${channel}.ok.title`), detail });
}

/** The checks derived from what arrived. */
export function trafficChecks(env: Env, t: TrafficFigures, nowMs: number): SetupCheck[] {
  const area = "traffic" as const;
  const checks: SetupCheck[] = [];
  checks.push(
    t.lastBaseCall
      ? lastCallCheck("last-base-call", t.lastBaseCall, nowMs, "lastBase")
      : makeCheck(
          { id: "last-base-call", area, status: advisory(env) },
          { title: text("setup.lastBase.none.title"), detail: text("setup.lastBase.none.detail"), fix: text("setup.lastBase.none.fix") },
        ),
  );
  checks.push(
    t.lastKitCall
      ? lastCallCheck("last-kit-call", t.lastKitCall, nowMs, "lastKit")
      : makeCheck({ id: "last-kit-call", area, status: "info" }, { title: text("setup.lastKit.none.title"), detail: text("setup.lastKit.none.detail") }),
  );
  checks.push(
    t.errorAnswers24h === 0
      ? makeCheck({ id: "error-answers", area, status: "ok" }, { title: text("setup.errors.none.title"), detail: text("setup.errors.none.detail") })
      : makeCheck(
          { id: "error-answers", area, status: "warn" },
          { title: text("setup.errors.some.title", { n: t.errorAnswers24h }), detail: text("setup.errors.some.detail"), fix: text("setup.errors.some.fix") },
        ),
  );
  const { counts, oldestPendingAgeMs, deadByReason, alerts } = t.push;
  const overdue = oldestPendingAgeMs !== null && oldestPendingAgeMs > REPORTING_WINDOW_MS;
  const reasons = Object.entries(deadByReason)
    .filter(([, n]) => n > 0)
    .map(([r, n]) => `${n} ${r}`)
    .join(", ");
  const pushDetail = text("setup.outbox.detail", {
    pending: counts.PENDING,
    sent: counts.SENT,
    failed: counts.FAILED,
    reasons: reasons ? text("setup.outbox.reasons", { reasons }) : text("setup.empty"),
    oldest: oldestPendingAgeMs !== null ? text("setup.outbox.oldest", { minutes: Math.round(oldestPendingAgeMs / 60_000) }) : text("setup.empty"),
  });
  const outbox = { id: "push-outbox", area };
  checks.push(
    counts.FAILED > 0
      ? makeCheck({ ...outbox, status: "problem" }, { title: text("setup.outbox.dead.title", { n: counts.FAILED }), detail: pushDetail, fix: text("setup.outbox.dead.fix") })
      : overdue && env.USAGE_PUSH_ENABLED
        ? makeCheck({ ...outbox, status: "problem" }, { title: text("setup.outbox.behind.title"), detail: pushDetail, fix: text("setup.outbox.behind.fix") })
        : makeCheck({ ...outbox, status: "ok" }, { title: text("setup.outbox.ok.title"), detail: pushDetail }),
  );
  checks.push(pushAlertCheck(alerts));
  return checks;
}

/** Signature, key and data alerts from the marketplace's answers to the usage push. */
function pushAlertCheck(alerts: PushAlert[]): SetupCheck {
  const base = { id: "push-alerts", area: "traffic" as const };
  if (alerts.length === 0) {
    return makeCheck({ ...base, status: "ok" }, { title: text("setup.alerts.none.title"), detail: text("setup.alerts.none.detail") });
  }
  const worst = alerts.find((a) => a.kind !== "data") ?? alerts[0]!;
  return makeCheck(
    { ...base, status: "problem" },
    {
      title: text("setup.alerts.title", { code: worst.code, meaning: mktMeaningText(worst.code, worst.meaning) }),
      detail: text("setup.alerts.detail", {
        alerts: alerts.map((a) =>
          text("setup.alerts.item", { code: a.code, meaning: mktMeaningText(a.code, a.meaning), kind: text(`setup.alerts.kind.${a.kind}`), pending: a.pending, failed: a.failed }),
        ),
      }),
      fix: text(`setup.alerts.fix.${worst.kind}`),
    },
  );
}

async function lastCall(prisma: PrismaClient, channel: "base" | "kit"): Promise<LastCall | null> {
  return prisma.marketplaceCall.findFirst({
    where: { channel },
    select: { receivedAt: true, activity: true, resultCode: true, isTest: true },
    orderBy: [{ receivedAt: "desc" }, { id: "desc" }],
  });
}

/** The traffic figures, from the call log, instances, tenants and the usage push outbox. */
export async function loadTraffic(prisma: PrismaClient, nowMs: number): Promise<TrafficFigures> {
  const [lastBaseCall, lastKitCall, errorAnswers24h, instanceGroups, tenantsSynced, tenantsDeleted, push] = await Promise.all([
    lastCall(prisma, "base"),
    lastCall(prisma, "kit"),
    prisma.marketplaceCall.count({
      where: { receivedAt: { gte: new Date(nowMs - DAY) }, AND: [{ resultCode: { not: null } }, { resultCode: { not: "000000" } }] },
    }),
    prisma.instance.groupBy({ by: ["status"], _count: { _all: true } }),
    prisma.tenant.count({ where: { deletedAt: null } }),
    prisma.tenant.count({ where: { deletedAt: { not: null } } }),
    pushHealth(prisma, nowMs),
  ]);
  const instancesByStatus = Object.fromEntries(INSTANCE_STATUSES.map((s) => [s, 0])) as TrafficFigures["instancesByStatus"];
  for (const g of instanceGroups) instancesByStatus[g.status] = g._count._all;
  return {
    lastBaseCall,
    lastKitCall,
    errorAnswers24h,
    instancesByStatus,
    tenantsSynced,
    tenantsDeleted,
    push: { counts: push.counts, oldestPendingAgeMs: push.oldestPending?.ageMs ?? null, deadByReason: push.deadByReason, alerts: push.alerts },
  };
}

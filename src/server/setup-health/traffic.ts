/** Area "traffic": what actually arrived — the call log, instances, tenants and the usage push outbox. */
import type { Env } from "~/env";
import type { PrismaClient } from "~/generated/prisma/client";
// The outbox definitions the staff usage view uses (usage-admin.ts summary), so both pages agree.
import { pushHealth, type PushAlert } from "~/server/billing";
import { advisory } from "./severity";
import { INSTANCE_STATUSES, type LastCall, type SetupCheck, type TrafficFigures } from "./types";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** The marketplace wants usage within 2 hours of the hour's end (docs/billing.md §6). */
const REPORTING_WINDOW_MS = 2 * HOUR;

function describeCall(c: LastCall, nowMs: number): string {
  const agoMin = Math.max(0, Math.round((nowMs - c.receivedAt.getTime()) / 60_000));
  return `${c.activity ?? "(no activity)"} → ${c.resultCode ?? "no answer yet"} at ${c.receivedAt.toISOString()} (${agoMin} min ago)${c.isTest ? ", a debug call" : ""}.`;
}

/** The checks derived from what arrived. */
export function trafficChecks(env: Env, t: TrafficFigures, nowMs: number): SetupCheck[] {
  const area = "traffic" as const;
  const checks: SetupCheck[] = [];
  checks.push(
    t.lastBaseCall
      ? { id: "last-base-call", area, status: "ok", title: "Last base call received", detail: describeCall(t.lastBaseCall, nowMs) }
      : {
          id: "last-base-call",
          area,
          status: advisory(env),
          title: "No base call received yet",
          detail: "The call log holds no call to the production address.",
          fix: "Register the production address and run the seller console's debug tool (or `npm run simulate -- lifecycle`).",
        },
  );
  checks.push(
    t.lastKitCall
      ? { id: "last-kit-call", area, status: "ok", title: "Last Kit call received", detail: describeCall(t.lastKitCall, nowMs) }
      : {
          id: "last-kit-call",
          area,
          status: "info",
          title: "No Kit call received yet",
          detail: "Only 联营 products receive tenantSync, applicationSync and authSync calls.",
        },
  );
  checks.push(
    t.errorAnswers24h === 0
      ? { id: "error-answers", area, status: "ok", title: "No error answers in the last 24 h", detail: "Every answered call in the last 24 h was 000000." }
      : {
          id: "error-answers",
          area,
          status: "warn",
          title: `${t.errorAnswers24h} error answer(s) in the last 24 h`,
          detail: "Calls answered with a resultCode other than 000000 (000001 is a signature or key mismatch).",
          fix: "Open the call log, filter by result code and compare the keys if you see 000001.",
        },
  );
  const { counts, oldestPendingAgeMs, deadByReason, alerts } = t.push;
  const overdue = oldestPendingAgeMs !== null && oldestPendingAgeMs > REPORTING_WINDOW_MS;
  const reasons = Object.entries(deadByReason)
    .filter(([, n]) => n > 0)
    .map(([r, n]) => `${n} ${r}`)
    .join(", ");
  const pushDetail = `${counts.PENDING} pending, ${counts.SENT} sent, ${counts.FAILED} dead letter(s)${reasons ? ` (${reasons})` : ""}${oldestPendingAgeMs !== null ? `; the oldest pending hour closed ${Math.round(oldestPendingAgeMs / 60_000)} min ago` : ""}.`;
  checks.push(
    counts.FAILED > 0
      ? {
          id: "push-outbox",
          area,
          status: "problem",
          title: `${counts.FAILED} usage record(s) in the dead letters`,
          detail: pushDetail,
          fix: "Open Usage › Dead letters, read each reason and the marketplace's answer, fix the cause and re-queue.",
        }
      : overdue && env.USAGE_PUSH_ENABLED
        ? {
            id: "push-outbox",
            area,
            status: "problem",
            title: "Usage push is behind the 2-hour reporting window",
            detail: pushDetail,
            fix: "Check that the billing worker runs and that the open API endpoint answers (see Usage).",
          }
        : { id: "push-outbox", area, status: "ok", title: "Usage push outbox", detail: pushDetail },
  );
  checks.push(pushAlertCheck(alerts));
  return checks;
}

const ALERT_FIX: Record<PushAlert["kind"], string> = {
  signature: "Check KOOGALLERY_USAGE_PUSH_KEY: the 商家密钥 bound to 基础接口 in the seller console (the push is not AK/SK-signed).",
  key: "Check that KOOGALLERY_USAGE_PUSH_KEY is this seller's key, still valid and bound to 基础接口.",
  data: "Open Usage › Dead letters: the marketplace refused the records' content; fix what produced them, then re-queue.",
};

/** Signature, key and data alerts from the marketplace's answers to the usage push. */
function pushAlertCheck(alerts: PushAlert[]): SetupCheck {
  if (alerts.length === 0) {
    return { id: "push-alerts", area: "traffic", status: "ok", title: "No usage push alerts", detail: "The marketplace has not refused our signature, key or data." };
  }
  const worst = alerts.find((a) => a.kind !== "data") ?? alerts[0]!;
  return {
    id: "push-alerts",
    area: "traffic",
    status: "problem",
    title: `Usage push: the marketplace answers ${worst.code} (${worst.meaning})`,
    detail: alerts.map((a) => `${a.code} ${a.meaning} (${a.kind}): ${a.pending} record(s) waiting, ${a.failed} dead letter(s)`).join("; ") + ".",
    fix: ALERT_FIX[worst.kind],
  };
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

/**
 * How the usage push is doing, for the staff pages (/admin/usage and the /admin overview): records
 * per status, dead letters per reason, how many are due, the oldest record still waiting (its age
 * counts from the end of its hour — the marketplace wants usage within 2 hours of that), the last
 * success, and the alerts staff must act on: the marketplace refusing our signature or key
 * (MKT.0102 / 0151 / 0154 — nothing passes until fixed) or our data (MKT.0100 / 0101 / 0199 / 9002).
 * Alerts are derived from the records' last answers, so they clear by themselves once a push passes.
 */
import type { Prisma, PrismaClient } from "~/generated/prisma/client";
import { MKT_CODES, type AlertKind } from "~/server/openapi/mkt-codes";
import { DEAD_REASONS, type DeadReason } from "./outbox";

export { DEAD_REASONS, type DeadReason } from "./outbox";

/** PENDING → SENT, or FAILED: a dead letter (see deadReason). */
export const PUSH_STATUSES = ["PENDING", "SENT", "FAILED"] as const;
export type PushStatus = (typeof PUSH_STATUSES)[number];

const HOUR = 3_600_000;

/** The oldest record still waiting to be pushed (a stuck push shows here first). */
export const oldestPendingSelect = {
  id: true,
  meteringSn: true,
  instanceId: true,
  meter: true,
  hourStart: true,
  attempts: true,
  nextAttemptAt: true,
  lastResultCode: true,
  lastError: true,
  createdAt: true,
} as const satisfies Prisma.UsagePushRecordSelect;

export type OldestPending = Prisma.UsagePushRecordGetPayload<{ select: typeof oldestPendingSelect }> & { hourEnd: Date; ageMs: number };

export interface PushAlert {
  kind: AlertKind;
  code: string;
  meaning: string;
  /** Records not sent whose last answer was this code (PENDING: waiting for the fix; FAILED: dead letters). */
  pending: number;
  failed: number;
}

const ALERT_CODES = MKT_CODES.filter((c) => c.alert);

export interface PushHealth {
  counts: Record<PushStatus, number>;
  deadByReason: Record<DeadReason, number>;
  alerts: PushAlert[];
  total: number;
  /** PENDING records whose next attempt time has come (pushed by the next worker cycle). */
  dueNow: number;
  oldestPending: OldestPending | null;
  lastSentAt: Date | null;
}

export async function pushHealth(prisma: PrismaClient, nowMs: number): Promise<PushHealth> {
  const now = new Date(nowMs);
  const [groups, oldest, lastSent, dueNow, dead, answered] = await Promise.all([
    prisma.usagePushRecord.groupBy({ by: ["status"], _count: { _all: true } }),
    prisma.usagePushRecord.findFirst({
      where: { status: "PENDING" },
      select: oldestPendingSelect,
      orderBy: [{ hourStart: "asc" }, { createdAt: "asc" }, { id: "asc" }],
    }),
    prisma.usagePushRecord.aggregate({ where: { status: "SENT" }, _max: { sentAt: true } }),
    prisma.usagePushRecord.count({ where: { status: "PENDING", nextAttemptAt: { lte: now } } }),
    prisma.usagePushRecord.groupBy({ by: ["deadReason"], where: { status: "FAILED" }, _count: { _all: true } }),
    prisma.usagePushRecord.groupBy({
      by: ["lastResultCode", "status"],
      where: { status: { in: ["PENDING", "FAILED"] }, lastResultCode: { in: ALERT_CODES.map((c) => c.code) } },
      _count: { _all: true },
    }),
  ]);
  const deadByReason = Object.fromEntries(DEAD_REASONS.map((r) => [r, 0])) as Record<DeadReason, number>;
  for (const d of dead) if ((DEAD_REASONS as readonly (string | null)[]).includes(d.deadReason)) deadByReason[d.deadReason as DeadReason] = d._count._all;
  const alerts: PushAlert[] = [];
  for (const c of ALERT_CODES) {
    const n = (status: string) => answered.find((a) => a.lastResultCode === c.code && a.status === status)?._count._all ?? 0;
    if (n("PENDING") + n("FAILED") > 0) alerts.push({ kind: c.alert!, code: c.code, meaning: c.meaning, pending: n("PENDING"), failed: n("FAILED") });
  }
  const counts = Object.fromEntries(PUSH_STATUSES.map((s) => [s, 0])) as Record<PushStatus, number>;
  for (const g of groups) if ((PUSH_STATUSES as readonly string[]).includes(g.status)) counts[g.status as PushStatus] = g._count._all;
  const hourEnd = oldest ? new Date(oldest.hourStart.getTime() + HOUR) : null;
  return {
    counts,
    deadByReason,
    alerts,
    total: groups.reduce((n, g) => n + g._count._all, 0),
    dueNow,
    oldestPending: oldest && hourEnd ? { ...oldest, hourEnd, ageMs: Math.max(0, nowMs - hourEnd.getTime()) } : null,
    lastSentAt: lastSent._max.sentAt,
  };
}

/**
 * How the usage push is doing, for the staff pages (/admin/usage and the /admin overview): records
 * per status, how many are due, the oldest record still waiting (its age counts from the end of
 * its hour — the marketplace wants usage within 2 hours of that) and the last success.
 */
import type { Prisma, PrismaClient } from "~/generated/prisma/client";

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

export interface PushHealth {
  counts: Record<PushStatus, number>;
  total: number;
  /** PENDING records whose next attempt time has come (pushed by the next worker cycle). */
  dueNow: number;
  oldestPending: OldestPending | null;
  lastSentAt: Date | null;
}

export async function pushHealth(prisma: PrismaClient, nowMs: number): Promise<PushHealth> {
  const now = new Date(nowMs);
  const [groups, oldest, lastSent, dueNow] = await Promise.all([
    prisma.usagePushRecord.groupBy({ by: ["status"], _count: { _all: true } }),
    prisma.usagePushRecord.findFirst({
      where: { status: "PENDING" },
      select: oldestPendingSelect,
      orderBy: [{ hourStart: "asc" }, { createdAt: "asc" }, { id: "asc" }],
    }),
    prisma.usagePushRecord.aggregate({ where: { status: "SENT" }, _max: { sentAt: true } }),
    prisma.usagePushRecord.count({ where: { status: "PENDING", nextAttemptAt: { lte: now } } }),
  ]);
  const counts = Object.fromEntries(PUSH_STATUSES.map((s) => [s, 0])) as Record<PushStatus, number>;
  for (const g of groups) if ((PUSH_STATUSES as readonly string[]).includes(g.status)) counts[g.status as PushStatus] = g._count._all;
  const hourEnd = oldest ? new Date(oldest.hourStart.getTime() + HOUR) : null;
  return {
    counts,
    total: groups.reduce((n, g) => n + g._count._all, 0),
    dueNow,
    oldestPending: oldest && hourEnd ? { ...oldest, hourEnd, ageMs: Math.max(0, nowMs - hourEnd.getTime()) } : null,
    lastSentAt: lastSent._max.sentAt,
  };
}

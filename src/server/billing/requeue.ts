/**
 * Staff re-queue of a dead letter (docs/billing.md §6): after fixing the cause (a key, an on-demand
 * instance that was missing, …) a FAILED record goes back to PENDING, due now, with a fresh attempt
 * count — and the same metering_sn, so a delivery the marketplace did record is recognised instead
 * of counted twice. Who did it and when is written in the same transaction to the staff audit log
 * (StaffAuditEvent, action "usage.requeue", target the record id), so a re-queue without its audit
 * row cannot exist. Concurrent re-queues of one record: the conditional
 * update lets exactly one through; the others get PUSH_RECORD_NOT_FAILED and write nothing.
 *
 * Never re-queued: records the marketplace can no longer bill (begin_time more than 21 days ago) and
 * debug instances' records.
 */
import type { PrismaClient, UsagePushRecord } from "~/generated/prisma/client";
import { AppError } from "~/server/errors";
import { recordAudit } from "~/server/staff/audit-log";

type Requeueable = Pick<UsagePushRecord, "status" | "deadReason" | "hourStart" | "beginTime">;

/** Why a dead letter cannot go back to the queue, as a stable code (the console words it in its language). */
export type NotRequeueableCode = "TEST_INSTANCE" | "TOO_OLD";

const NOT_REQUEUEABLE_EN: Record<NotRequeueableCode, string> = {
  TEST_INSTANCE: "usage of a seller debug instance is never pushed",
  TOO_OLD: "begin_time is more than 21 days ago: the marketplace no longer bills it",
};

/** Why a dead letter cannot go back to the queue, or null when it can. */
export function notRequeueableCode(r: Requeueable, nowMs: number, maxAgeMs: number): NotRequeueableCode | null {
  if (r.deadReason === "TEST_INSTANCE") return "TEST_INSTANCE";
  if ((r.beginTime ?? r.hourStart).getTime() < nowMs - maxAgeMs) return "TOO_OLD";
  return null;
}

/** The same in English, for error details and logs. */
export function notRequeueableBecause(r: Requeueable, nowMs: number, maxAgeMs: number): string | null {
  const code = notRequeueableCode(r, nowMs, maxAgeMs);
  return code ? NOT_REQUEUEABLE_EN[code] : null;
}

export async function requeueDeadLetter(
  prisma: PrismaClient,
  input: { id: string; requeuedBy: string; actorRole?: string; clientAddress?: string | null; nowMs: number; maxAgeMs: number },
): Promise<void> {
  const by = input.requeuedBy.trim().slice(0, 64);
  if (!by) throw new AppError("FORBIDDEN", "a re-queue needs the staff member's name");
  await prisma.$transaction(async (tx) => {
    const r = await tx.usagePushRecord.findUnique({ where: { id: input.id } });
    if (!r) throw new AppError("NOT_FOUND", `usage record ${input.id}`);
    if (r.status !== "FAILED") throw new AppError("PUSH_RECORD_NOT_FAILED", `usage record ${r.meteringSn} is ${r.status}`);
    const why = notRequeueableBecause(r, input.nowMs, input.maxAgeMs);
    if (why) throw new AppError("PUSH_RECORD_NOT_REQUEUEABLE", `usage record ${r.meteringSn}: ${why}`);
    const now = new Date(input.nowMs);
    const { count } = await tx.usagePushRecord.updateMany({
      where: { id: r.id, status: "FAILED" },
      data: { status: "PENDING", deadReason: null, deadAt: null, nextAttemptAt: now, leaseUntil: null, attempts: 0 },
    });
    // Another staff member's re-queue committed first.
    if (count === 0) throw new AppError("PUSH_RECORD_NOT_FAILED", `usage record ${r.meteringSn} was re-queued meanwhile`);
    await recordAudit(tx, { name: by, role: input.actorRole ?? null, clientAddress: input.clientAddress ?? null }, {
      action: "usage.requeue",
      target: r.id,
      details: { meteringSn: r.meteringSn, deadReason: r.deadReason, lastResultCode: r.lastResultCode },
      nowMs: input.nowMs,
    });
  });
}

/** A re-queue as listed with its dead letter, read back from its audit row. */
export interface RequeueEntry {
  id: string;
  requeuedBy: string;
  requeuedAt: Date;
  deadReason: string | null;
  lastResultCode: string | null;
}

/** The latest `perRecord` re-queues of each record, from the audit log. */
export async function requeuesOf(prisma: Pick<PrismaClient, "staffAuditEvent">, recordIds: string[], perRecord: number): Promise<Map<string, RequeueEntry[]>> {
  const out = new Map<string, RequeueEntry[]>(recordIds.map((id) => [id, []]));
  if (recordIds.length === 0) return out;
  const rows = await prisma.staffAuditEvent.findMany({
    where: { action: "usage.requeue", target: { in: recordIds } },
    select: { id: true, target: true, actor: true, at: true, details: true },
    orderBy: [{ at: "desc" }, { id: "desc" }],
  });
  for (const row of rows) {
    const list = out.get(row.target ?? "");
    if (!list || list.length >= perRecord) continue;
    const d = (row.details ?? {}) as { deadReason?: unknown; lastResultCode?: unknown };
    list.push({
      id: row.id,
      requeuedBy: row.actor,
      requeuedAt: row.at,
      deadReason: typeof d.deadReason === "string" ? d.deadReason : null,
      lastResultCode: typeof d.lastResultCode === "string" ? d.lastResultCode : null,
    });
  }
  return out;
}

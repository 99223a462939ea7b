/**
 * Staff re-queue of a dead letter (docs/billing.md §6): after fixing the cause (a key, an on-demand
 * instance that was missing, …) a FAILED record goes back to PENDING, due now, with a fresh attempt
 * count — and the same metering_sn, so a delivery the marketplace did record is recognised instead
 * of counted twice. Who did it and when is written in the same transaction (UsagePushRequeue), so a
 * re-queue without its audit row cannot exist. Concurrent re-queues of one record: the conditional
 * update lets exactly one through; the others get PUSH_RECORD_NOT_FAILED and write nothing.
 *
 * Never re-queued: records the marketplace can no longer bill (begin_time more than 21 days ago) and
 * debug instances' records.
 */
import type { PrismaClient, UsagePushRecord } from "~/generated/prisma/client";
import { AppError } from "~/server/errors";

type Requeueable = Pick<UsagePushRecord, "status" | "deadReason" | "hourStart" | "beginTime">;

/** Why a dead letter cannot go back to the queue, or null when it can. */
export function notRequeueableBecause(r: Requeueable, nowMs: number, maxAgeMs: number): string | null {
  if (r.deadReason === "TEST_INSTANCE") return "usage of a seller debug instance is never pushed";
  if ((r.beginTime ?? r.hourStart).getTime() < nowMs - maxAgeMs) return "begin_time is more than 21 days ago: the marketplace no longer bills it";
  return null;
}

export async function requeueDeadLetter(
  prisma: PrismaClient,
  input: { id: string; requeuedBy: string; nowMs: number; maxAgeMs: number },
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
    await tx.usagePushRequeue.create({
      data: { recordId: r.id, requeuedBy: by, requeuedAt: now, deadReason: r.deadReason, lastResultCode: r.lastResultCode },
    });
  });
}

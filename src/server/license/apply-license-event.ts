/**
 * Applies one License callback to a code: looks the event up in the transition table of its kind
 * of call (license-state.ts), makes a repeated order a no-op, and writes the code, the order line
 * and the audit row in one transaction.
 *
 * Concurrency: the code's row is locked (SELECT … FOR UPDATE) for the whole decision, so callbacks
 * racing on one code (a renewal and a release from two replicas, ten renewals at once) are judged
 * one after the other against the current state and no update is lost. Two first callbacks for a
 * code never seen race on its primary key; the loser starts again and finds the row.
 */
import type { LicenseCode, Prisma } from "~/generated/prisma/client";
import type { LicenseActivity } from "~/koogallery/license-schemas";
import { AppError } from "~/server/errors";
import { joinReason, type LicenseNoteCode, type Reason } from "~/server/lifecycle/reasons";
import type { ActivityContext } from "~/server/marketplace/context";
import { isUniqueViolation } from "~/server/marketplace/prisma-errors";
import { licenseTransition, type LicenseEvent } from "./license-state";

export interface LicenseOrderRef {
  scene: string;
  orderId: string;
  orderLineId: string;
  productId?: string | null;
  expireAt?: Date | null;
}

/** What a callback changes besides the status (only when its order is new). */
export interface LicenseChanges {
  expireAt?: Date | null;
  productId?: string | null;
  orderId?: string | null;
  orderLineId?: string | null;
}

export interface ApplyLicenseEventInput {
  license: string;
  activity: LicenseActivity;
  event: LicenseEvent;
  /** When set, the same order applied twice changes nothing the second time. */
  order?: LicenseOrderRef;
  changes?: (current: LicenseCode | null) => LicenseChanges;
  reason?: string;
}

export interface ApplyLicenseEventOutcome {
  code: LicenseCode;
  /** The order was already applied. */
  duplicate: boolean;
  /** Nothing changed. */
  noop: boolean;
}

type Decision = { kind: "done"; outcome: ApplyLicenseEventOutcome } | { kind: "illegal"; reason: string } | { kind: "unknown" };

const NOT_APPLIED = "debug call (testFlag=1) on a production license code: recorded, not applied";

/** What an applied callback's row notes besides the request's own words (README "Lifecycle reasons"). */
function lifecycleNote(current: LicenseCode | null, t: { from: string; to: string; noop: boolean }): Reason<LicenseNoteCode> | null {
  if (!current) return { code: "firstSeen", text: "first seen" };
  if (t.noop) return { code: "already", text: `already ${t.to}` };
  if (t.from === "RELEASED") return { code: "debugRevived", text: "debug call revives a released test code" };
  return null;
}

async function decideAndWrite(tx: Prisma.TransactionClient, ctx: ActivityContext, input: ApplyLicenseEventInput): Promise<Decision> {
  const now = new Date(ctx.nowMs);
  const audit = { license: input.license, activity: input.activity, event: input.event, isTest: ctx.isTest, callId: ctx.callId };
  const locked = await tx.$queryRaw<{ license: string }[]>`SELECT "license" FROM "LicenseCode" WHERE "license" = ${input.license} FOR UPDATE`;
  const current = locked.length > 0 ? await tx.licenseCode.findUniqueOrThrow({ where: { license: input.license } }) : null;

  // Debug cases must never change real customers' codes, yet must still succeed.
  if (current && ctx.isTest && !current.isTest) {
    await tx.licenseTransition.create({ data: { ...audit, fromStatus: current.status, toStatus: current.status, accepted: true, reason: NOT_APPLIED, reasonCode: "debugIgnored" } });
    return { kind: "done", outcome: { code: current, duplicate: false, noop: true } };
  }

  const t = licenseTransition(current?.status ?? "UNKNOWN", input.event, ctx.isTest);
  if (!t.legal) {
    if (!current) return { kind: "unknown" };
    await tx.licenseTransition.create({ data: { ...audit, fromStatus: current.status, toStatus: null, accepted: false, reason: t.reason, reasonCode: t.reasonCode } });
    return { kind: "illegal", reason: t.reason };
  }

  const order = input.order;
  const duplicate =
    !!order &&
    !!current &&
    (await tx.licenseOrder.findUnique({
      where: { license_activity_scene_orderId_orderLineId: { license: input.license, activity: input.activity, scene: order.scene, orderId: order.orderId, orderLineId: order.orderLineId } },
      select: { id: true },
    })) !== null;
  // A redelivered order whose status effect is nil is answered without writing anything.
  if (duplicate && t.noop) return { kind: "done", outcome: { code: current!, duplicate: true, noop: true } };

  const from = current?.status;
  const status = {
    status: t.to,
    frozenAt: t.to === "FROZEN" ? (from === "FROZEN" ? current!.frozenAt : now) : t.to === "ACTIVE" ? null : (current?.frozenAt ?? null),
    releasedAt: t.to === "RELEASED" ? (from === "RELEASED" ? current!.releasedAt : now) : null,
  };
  const changes = duplicate ? {} : (input.changes?.(current) ?? {});
  const note = lifecycleNote(current, t);
  const reason = joinReason(input.reason, note?.text ?? null);

  const code = current
    ? await tx.licenseCode.update({ where: { license: input.license }, data: { ...status, ...changes } })
    : await tx.licenseCode.create({ data: { license: input.license, isTest: ctx.isTest, firstSeenVia: input.activity, ...status, ...changes } });
  if (order && !duplicate) {
    await tx.licenseOrder.create({ data: { license: input.license, activity: input.activity, ...order, isTest: ctx.isTest, callId: ctx.callId } });
  }
  await tx.licenseTransition.create({ data: { ...audit, fromStatus: from ?? null, toStatus: t.to, accepted: true, reason, reasonCode: note?.code ?? null } });
  return { kind: "done", outcome: { code, duplicate, noop: !!current && t.noop && Object.keys(changes).length === 0 } };
}

export async function applyLicenseEvent(ctx: ActivityContext, input: ApplyLicenseEventInput): Promise<ApplyLicenseEventOutcome> {
  for (let attempt = 0; attempt < 3; attempt++) {
    let decision: Decision;
    try {
      decision = await ctx.prisma.$transaction((tx) => decideAndWrite(tx, ctx, input));
    } catch (err) {
      // Another replica created the code (or applied this order) first: start again and see its row.
      if (isUniqueViolation(err)) continue;
      throw err;
    }
    if (decision.kind === "unknown") throw new AppError("LICENSE_NOT_FOUND", `license code ${input.license} does not exist`);
    if (decision.kind === "illegal") throw new AppError("LICENSE_ILLEGAL_TRANSITION", decision.reason);
    return decision.outcome;
  }
  throw new AppError("PROCESSING", "license code is being created concurrently; retry");
}

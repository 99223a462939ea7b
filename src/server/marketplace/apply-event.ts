/**
 * Applies one lifecycle event to an instance: looks the event up in the transition table,
 * makes repeated orders no-ops, and writes status, order and audit row in one transaction.
 *
 * Concurrency: the instance row is locked (SELECT … FOR UPDATE) before anything is read, so
 * every field an event computes from the current row — status, expiry, plan, purge date — is
 * read and written under the same lock. Two renewals racing from two replicas are applied one
 * after the other, the second seeing the first's expiry ("never shortens" holds whatever the
 * arrival order). A duplicate order racing with itself is serialised the same way and the
 * loser finds the InstanceOrder row (the unique key stays as the last line of defence).
 *
 * Debug calls (testFlag=1) follow the debug sandbox rules in debug-sandbox.ts and README
 * "Debug calls": they never fail on lifecycle order and never touch production instances.
 */
import type { Instance, Prisma } from "~/generated/prisma/client";
import { AppError } from "~/server/errors";
import type { InstanceReasonCode } from "~/server/lifecycle/reasons";
import type { ActivityContext } from "./context";
import { debugInstanceData, debugPlan } from "./debug-sandbox";
import { transition, type InstanceEvent } from "./instance-state";
import { isUniqueViolation } from "./prisma-errors";

export interface OrderRef {
  activity: string;
  scene: string;
  orderId: string;
  orderLineId: string;
  productId?: string | null;
  expireAt?: Date | null;
}

export interface ApplyEventInput {
  instanceId: string;
  event: InstanceEvent;
  /** When set, the same order applied twice is a no-op that succeeds. */
  order?: OrderRef;
  /** Extra changes to the instance, computed from its current (locked) state. */
  changes?: (current: Instance) => Prisma.InstanceUpdateInput;
  /** Why, for the audit row. */
  reason?: string;
}

export type ApplyEventOutcome = {
  instance: Instance;
  /** The same order was applied before: nothing changed. */
  duplicate: boolean;
  /** The event did not change the status (e.g. freeze of a frozen instance). */
  noop: boolean;
  /** A debug call that was recorded but not applied (a production instance). */
  ignored?: boolean;
};

type Decision = { kind: "done"; outcome: ApplyEventOutcome } | { kind: "refused"; reason: string } | { kind: "missing" };

/** Waiting for another replica's lock is normal under bursts; give it time on a busy machine. */
const TX_OPTIONS = { maxWait: 30_000, timeout: 30_000 } as const;

async function lockInstance(tx: Prisma.TransactionClient, id: string): Promise<Instance | null> {
  // The lock is the point; the typed read follows under it.
  const locked = await tx.$queryRaw<{ id: string }[]>`SELECT "id" FROM "Instance" WHERE "id" = ${id} FOR UPDATE`;
  if (locked.length === 0) return null;
  return tx.instance.findUnique({ where: { id } });
}

async function orderSeen(tx: Prisma.TransactionClient, instanceId: string, order: OrderRef): Promise<boolean> {
  const seen = await tx.instanceOrder.findUnique({
    where: {
      instanceId_activity_scene_orderId_orderLineId: {
        instanceId,
        activity: order.activity,
        scene: order.scene,
        orderId: order.orderId,
        orderLineId: order.orderLineId,
      },
    },
    select: { id: true },
  });
  return seen !== null;
}

async function decide(ctx: ActivityContext, tx: Prisma.TransactionClient, input: ApplyEventInput): Promise<Decision> {
  let current = await lockInstance(tx, input.instanceId);
  if (!current && ctx.isTest) {
    // A debug call may name an instance this deployment never saw (a fresh database, a case
    // saved against another environment): it gets a debug instance of that id first, in this
    // transaction, so a call that fails leaves no instance behind.
    await tx.instance.create({ data: debugInstanceData(ctx, input.instanceId) });
    current = await lockInstance(tx, input.instanceId);
  }
  if (!current) return { kind: "missing" };
  const audit = (row: Omit<Prisma.InstanceTransitionUncheckedCreateInput, "instanceId" | "event" | "callId">) =>
    tx.instanceTransition.create({ data: { instanceId: current!.id, event: input.event, callId: ctx.callId, ...row } });

  const plan = ctx.isTest ? debugPlan(current, input.event) : { kind: "strict" as const };
  if (plan.kind === "ignore") {
    await audit({ fromStatus: current.status, toStatus: current.status, accepted: true, reason: plan.reason, reasonCode: plan.reasonCode });
    return { kind: "done", outcome: { instance: current, duplicate: false, noop: true, ignored: true } };
  }

  if (input.order && (await orderSeen(tx, current.id, input.order))) {
    return { kind: "done", outcome: { instance: current, duplicate: true, noop: true } };
  }

  if (plan.kind === "revive") {
    // A released debug instance comes back so the console's saved cases keep passing.
    current = await tx.instance.update({ where: { id: current.id }, data: plan.data });
    await tx.instanceTransition.create({
      data: { instanceId: current.id, event: "debugRevive", fromStatus: "RELEASED", toStatus: "ACTIVE", accepted: true, reason: plan.reason, reasonCode: plan.reasonCode, callId: ctx.callId },
    });
  }

  const t = transition(current.status, input.event);
  if (!t.legal) {
    await audit({ fromStatus: current.status, toStatus: null, accepted: false, reason: t.reason, reasonCode: t.reasonCode });
    return { kind: "refused", reason: t.reason };
  }

  const data: Prisma.InstanceUpdateInput = {
    ...(input.changes?.(current) ?? {}),
    status: t.to,
    ...(t.to === "FROZEN" && !t.noop ? { frozenAt: new Date(ctx.nowMs) } : {}),
    ...(t.to === "ACTIVE" && current.status === "FROZEN" ? { frozenAt: null } : {}),
    ...(t.to === "RELEASED" && !t.noop ? { releasedAt: new Date(ctx.nowMs) } : {}),
  };
  const instance = await tx.instance.update({ where: { id: current.id }, data });
  if (input.order) {
    await tx.instanceOrder.create({ data: { instanceId: current.id, ...input.order, isTest: ctx.isTest } });
  }
  const already = !input.reason && t.noop && REPEATABLE_STATUS_EVENTS.has(input.event);
  await audit({
    fromStatus: current.status,
    toStatus: t.to,
    accepted: true,
    reason: input.reason ?? (already ? `already ${current.status}` : null),
    reasonCode: already ? ("already" satisfies InstanceReasonCode) : null,
  });
  return { kind: "done", outcome: { instance, duplicate: false, noop: t.noop } };
}

/**
 * Events whose whole point is a status: one that finds the instance already there is a repeat
 * ("already FROZEN"). An upgrade or change check keeps the status by design, so it gets no such note.
 */
const REPEATABLE_STATUS_EVENTS: ReadonlySet<InstanceEvent> = new Set(["freeze", "unfreeze", "release"]);

/** Transactions tried when another one created the same row first (see applyEvent). */
const ATTEMPTS = 3;

export async function applyEvent(ctx: ActivityContext, input: ApplyEventInput): Promise<ApplyEventOutcome> {
  let decision: Decision;
  for (let attempt = 1; ; attempt++) {
    try {
      decision = await ctx.prisma.$transaction((tx) => decide(ctx, tx, input), TX_OPTIONS);
      break;
    } catch (err) {
      if (!isUniqueViolation(err)) throw err;
      // Another call created the same debug instance (two debug calls naming one unknown id) or
      // applied the same order between lock and insert: try again, now seeing its row.
      if (attempt < ATTEMPTS) continue;
      if (input.order) {
        const instance = await ctx.prisma.instance.findUniqueOrThrow({ where: { id: input.instanceId } });
        return { instance, duplicate: true, noop: true };
      }
      throw err;
    }
  }
  if (decision.kind === "missing") throw new AppError("INSTANCE_NOT_FOUND", `instance ${input.instanceId} does not exist`);
  // The refusal was recorded (committed) above; now answer it.
  if (decision.kind === "refused") throw new AppError("ILLEGAL_TRANSITION", decision.reason);
  return decision.outcome;
}

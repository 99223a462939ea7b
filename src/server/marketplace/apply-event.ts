/**
 * Applies one lifecycle event to an instance: looks the event up in the transition table,
 * makes repeated orders no-ops, and writes status, order and audit row in one transaction.
 *
 * Concurrency: the status update is conditional on the status that was read (optimistic), so
 * two events racing on one instance (e.g. release vs. freeze, from two replicas) cannot both
 * apply against a stale status; the loser re-reads and is judged against the new status.
 * A duplicate order racing with itself loses on the InstanceOrder unique key and succeeds.
 */
import type { Instance, Prisma } from "~/generated/prisma/client";
import { AppError } from "~/server/errors";
import type { ActivityContext } from "./context";
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
  /** Extra changes to the instance, computed from its current state. */
  changes?: (current: Instance) => Prisma.InstanceUpdateManyMutationInput;
  /** Status-specific timestamps etc. */
  reason?: string;
}

export type ApplyEventOutcome = { instance: Instance; duplicate: boolean; noop: boolean };

class StaleRead extends Error {}

export async function applyEvent(ctx: ActivityContext, input: ApplyEventInput): Promise<ApplyEventOutcome> {
  const { prisma } = ctx;
  for (let attempt = 0; attempt < 5; attempt++) {
    const current = await prisma.instance.findUnique({ where: { id: input.instanceId } });
    if (!current) throw new AppError("INSTANCE_NOT_FOUND", `instance ${input.instanceId} does not exist`);

    const t = transition(current.status, input.event);
    if (!t.legal) {
      await prisma.instanceTransition.create({
        data: {
          instanceId: current.id,
          event: input.event,
          fromStatus: current.status,
          toStatus: null,
          accepted: false,
          reason: t.reason,
          callId: ctx.callId,
        },
      });
      throw new AppError("ILLEGAL_TRANSITION", t.reason);
    }

    if (input.order) {
      const seen = await prisma.instanceOrder.findUnique({
        where: {
          instanceId_activity_scene_orderId_orderLineId: {
            instanceId: current.id,
            activity: input.order.activity,
            scene: input.order.scene,
            orderId: input.order.orderId,
            orderLineId: input.order.orderLineId,
          },
        },
        select: { id: true },
      });
      if (seen) return { instance: current, duplicate: true, noop: true };
    }

    const data: Prisma.InstanceUpdateManyMutationInput = {
      ...(input.changes?.(current) ?? {}),
      status: t.to,
      ...(t.to === "FROZEN" && !t.noop ? { frozenAt: new Date(ctx.nowMs) } : {}),
      ...(t.to === "ACTIVE" && current.status === "FROZEN" ? { frozenAt: null } : {}),
      ...(t.to === "RELEASED" && !t.noop ? { releasedAt: new Date(ctx.nowMs) } : {}),
    };
    try {
      await prisma.$transaction(async (tx) => {
        const updated = await tx.instance.updateMany({ where: { id: current.id, status: current.status }, data });
        if (updated.count === 0) throw new StaleRead();
        if (input.order) {
          await tx.instanceOrder.create({
            data: { instanceId: current.id, ...input.order, isTest: ctx.isTest },
          });
        }
        await tx.instanceTransition.create({
          data: {
            instanceId: current.id,
            event: input.event,
            fromStatus: current.status,
            toStatus: t.to,
            accepted: true,
            reason: input.reason ?? (t.noop ? `already ${current.status}` : null),
            callId: ctx.callId,
          },
        });
      });
    } catch (err) {
      if (err instanceof StaleRead) continue;
      if (input.order && isUniqueViolation(err)) {
        return { instance: current, duplicate: true, noop: true };
      }
      throw err;
    }
    const instance = await prisma.instance.findUniqueOrThrow({ where: { id: current.id } });
    return { instance, duplicate: false, noop: t.noop };
  }
  // Five lost races in a row on one instance: let the marketplace retry later.
  throw new AppError("PROCESSING", "instance is being changed concurrently; retry");
}

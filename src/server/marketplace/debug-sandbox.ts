/**
 * The debug sandbox: what a debug call (testFlag=1) does to instances. README "Debug calls"
 * states the same rules for ISVs.
 *
 * The seller console saves every debug case and replays the saved cases twice a day against
 * products on sale; each case, repeated with unchanged parameters, must succeed in any order
 * (a renewal case run after the release case too), or the product is frozen or delisted. So:
 *   1. A debug call naming an instance this deployment never saw creates a debug instance of
 *      that id (ACTIVE, the default plan, isTest) and then applies the call to it.
 *   2. On a RELEASED debug instance, any event other than release first revives it (ACTIVE,
 *      release and purge dates cleared, recorded as a "debugRevive" transition).
 *   3. A debug call naming a production instance (isTest = false) changes nothing: it is
 *      answered with success and recorded as a transition that was not applied.
 * Debug instances never take part in billing (no usage push, no pooled accounts) and are
 * hidden from the normal views. Production calls (testFlag absent or "0") keep the strict
 * state machine of instance-state.ts.
 */
import type { Instance, Prisma } from "~/generated/prisma/client";
import { billingConfig, ownAccountKey } from "~/server/billing";
import type { InstanceReasonCode } from "~/server/lifecycle/reasons";
import { newAdminAccount } from "./admin-account";
import type { ActivityContext } from "./context";
import type { InstanceEvent } from "./instance-state";
import { isUniqueViolation } from "./prisma-errors";

export type DebugPlan =
  | { kind: "strict" }
  | { kind: "ignore"; reason: string; reasonCode: InstanceReasonCode }
  | { kind: "revive"; reason: string; reasonCode: InstanceReasonCode; data: Prisma.InstanceUpdateInput };

/** Columns that bring a released debug instance back to life. */
export const REVIVE_DATA = {
  status: "ACTIVE",
  releasedAt: null,
  frozenAt: null,
  dataPurgeAfter: null,
  dataPurgedAt: null,
} as const satisfies Prisma.InstanceUpdateInput;

/** How a debug call's event applies to `current` (rules 2 and 3 above). */
export function debugPlan(current: Pick<Instance, "isTest" | "status">, event: InstanceEvent | "create"): DebugPlan {
  if (!current.isTest) {
    return { kind: "ignore", reason: `debug call (testFlag=1) ${event} on a production instance: recorded, not applied`, reasonCode: "debugIgnored" };
  }
  if (current.status === "RELEASED" && event !== "release") {
    return { kind: "revive", reason: `debug call ${event} revived the released debug instance`, reasonCode: "debugRevived", data: REVIVE_DATA };
  }
  return { kind: "strict" };
}

/**
 * Rule 1: the row a debug call naming an unknown instance creates, with its "create" transition.
 * An event (apply-event.ts) creates it inside the event's own transaction, so a call that fails
 * leaves nothing behind; the call is answered 000005 and its replay creates it again.
 */
export function debugInstanceData(ctx: Pick<ActivityContext, "callId">, id: string): Prisma.InstanceCreateInput {
  return {
    id,
    newInstanceKey: `debug:${id}`,
    orderId: "debug",
    orderLineId: "debug",
    businessId: id,
    isTest: true,
    ...newAdminAccount(id),
    planId: billingConfig().defaultPlanId,
    accountKey: ownAccountKey(id),
    transitions: {
      create: {
        event: "create",
        fromStatus: null,
        toStatus: "ACTIVE",
        accepted: true,
        reason: "debug call (testFlag=1) named an unknown instance: debug instance created",
        reasonCode: "debugCreated" satisfies InstanceReasonCode,
        callId: ctx.callId,
      },
    },
  };
}

/**
 * Rule 1 for calls whose whole effect is the instance existing (queryInstance,
 * changeInstanceCheck): a debug instance with this id exists afterwards.
 */
export async function ensureDebugInstance(ctx: ActivityContext, id: string): Promise<void> {
  const found = await ctx.prisma.instance.findUnique({ where: { id }, select: { id: true } });
  if (found) return;
  try {
    await ctx.prisma.instance.create({ data: debugInstanceData(ctx, id) });
  } catch (err) {
    // Another replica created it at the same moment: fine, it exists.
    if (!isUniqueViolation(err)) throw err;
  }
}

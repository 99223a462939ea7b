/**
 * 创建实例 newInstance (docs/protocol/base-interface.md#newinstance, docs/protocol/base-interface.md#idempotency).
 *
 * The instanceId is the first request's businessId (the docs' recommendation). Idempotency is
 * a unique key on the order line, so any number of concurrent deliveries — to any replica —
 * create one instance and all answer with its id. Provisioning here is synchronous and fast
 * (a row and a generated admin account), so the answer is always 000000, never 000004.
 *
 * Billing (docs/billing.md): before the first creation the order is resolved — 查询订单 when
 * enabled, else the default plan — and the plan, SKU, expiry, trial and account are stored with
 * the row; a package order's grants are written in the same transaction. If 查询订单 fails the
 * answer is 000005 and nothing is written, so the marketplace's retry starts clean.
 */
import { randomUUID } from "node:crypto";
import type { Instance, Prisma } from "~/generated/prisma/client";
import { createGrantsForNewInstance, defaultProvision, needsGrants, newInstanceBillingData, resolveOrder, type Provision } from "~/server/billing";
import { AppError } from "~/server/errors";
import type { InstanceReasonCode } from "~/server/lifecycle/reasons";
import { newAdminAccount } from "../admin-account";
import { buildAppInfo } from "../app-info";
import type { ActivityContext, ActivityResult } from "../context";
import { REVIVE_DATA } from "../debug-sandbox";
import { isUniqueViolation } from "../prisma-errors";

export interface NewInstanceBody {
  orderId: string;
  orderLineId: string;
  businessId: string;
}

export function newInstanceKey(body: NewInstanceBody): string {
  return `line:${body.orderId}:${body.orderLineId}`;
}

async function create(ctx: ActivityContext, body: NewInstanceBody, id: string, provision: Provision): Promise<Instance> {
  const data: Prisma.InstanceCreateInput = {
    id,
    newInstanceKey: newInstanceKey(body),
    orderId: body.orderId,
    orderLineId: body.orderLineId,
    businessId: body.businessId,
    isTest: ctx.isTest,
    ...newAdminAccount(id),
    orders: {
      create: {
        activity: "newInstance",
        scene: "NEW",
        orderId: body.orderId,
        orderLineId: body.orderLineId,
        isTest: ctx.isTest,
      },
    },
    transitions: {
      create: { event: "create", fromStatus: null, toStatus: "ACTIVE", accepted: true, callId: ctx.callId },
    },
    ...newInstanceBillingData(provision, id, ctx.isTest),
  };
  if (!needsGrants(provision)) return ctx.prisma.instance.create({ data });
  return ctx.prisma.$transaction(async (tx) => {
    const instance = await tx.instance.create({ data });
    await createGrantsForNewInstance(tx, instance, provision, ctx.nowMs);
    return instance;
  });
}

/**
 * What the order bought. A debug order that 查询订单 cannot answer (a console case the open API
 * does not know) gets the default plan instead of 000005: debug data is never billed, and the
 * console's replayed cases must keep passing (README "Debug calls").
 */
export async function provisionFor(ctx: Pick<ActivityContext, "isTest" | "nowMs">, body: NewInstanceBody): Promise<Provision> {
  try {
    return await resolveOrder(body, ctx.nowMs);
  } catch (err) {
    if (ctx.isTest && err instanceof AppError && err.code === "ORDER_UNAVAILABLE") return defaultProvision();
    throw err;
  }
}

/** The order's instance was released by an earlier debug case: bring it back (debug-sandbox.ts). */
export async function reviveDebugInstance<I extends Pick<Instance, "id" | "isTest" | "status">>(ctx: ActivityContext, instance: I): Promise<I | Instance> {
  if (!ctx.isTest || !instance.isTest || instance.status !== "RELEASED") return instance;
  const revived = await ctx.prisma.instance.updateMany({ where: { id: instance.id, status: "RELEASED" }, data: REVIVE_DATA });
  if (revived.count === 1) {
    await ctx.prisma.instanceTransition.create({
      data: {
        instanceId: instance.id,
        event: "debugRevive", fromStatus: "RELEASED", toStatus: "ACTIVE", accepted: true, reason: "debug newInstance revived the released debug instance",
        reasonCode: "debugRevived" satisfies InstanceReasonCode,
        callId: ctx.callId,
      },
    });
  }
  return ctx.prisma.instance.findUniqueOrThrow({ where: { id: instance.id } });
}

export async function findOrCreateInstance(ctx: ActivityContext, body: NewInstanceBody): Promise<Instance> {
  const key = newInstanceKey(body);
  const existing = await ctx.prisma.instance.findUnique({ where: { newInstanceKey: key } });
  if (existing) return reviveDebugInstance(ctx, existing);
  const provision = await provisionFor(ctx, body);
  // First try the businessId; if another order already owns that id, fall back to a UUID.
  for (const id of [body.businessId, randomUUID()]) {
    try {
      return await create(ctx, body, id, provision);
    } catch (err) {
      if (!isUniqueViolation(err)) throw err;
      const winner = await ctx.prisma.instance.findUnique({ where: { newInstanceKey: key } });
      if (winner) return winner;
    }
  }
  throw new Error("could not allocate an instance id");
}

/** The answer for the order's instance: its id, and appInfo (credentials encrypted) when enabled. */
export function newInstanceAnswer(ctx: ActivityContext, instance: Pick<Instance, "id" | "status" | "adminUserName" | "adminPasswordEnc">): ActivityResult {
  const fields: Record<string, unknown> = { instanceId: instance.id };
  if (ctx.config.newInstanceAppInfo && instance.status !== "RELEASED") {
    const { appInfo, encryptType } = buildAppInfo(instance, ctx.config);
    if (encryptType) fields.encryptType = encryptType;
    fields.appInfo = appInfo;
  }
  return { fields, instanceId: instance.id };
}

/** The ordinary path; the hot path (new-instance-statement.ts) answers the same from one statement. */
export async function newInstance(ctx: ActivityContext, body: NewInstanceBody): Promise<ActivityResult> {
  return newInstanceAnswer(ctx, await findOrCreateInstance(ctx, body));
}

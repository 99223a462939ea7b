/**
 * 实例升级 upgradeInstance / upgrade (docs/protocol/base-interface.md#upgradeinstance). V2 sends only the new order; the new
 * spec is read from 查询订单 when that client is enabled. V1-style extra fields (productId,
 * skuCode) are applied when present. The same upgrade order twice is a no-op success.
 * Billing: the new plan applies at once, and this month's allowances take its quotas; a 查询订单
 * failure answers 000005 before anything changes (src/server/billing/marketplace-hooks.ts).
 */
import { afterPlanChange, upgradePlanChanges } from "~/server/billing";
import { AppError } from "~/server/errors";
import { applyEvent } from "../apply-event";
import type { ActivityContext, ActivityResult } from "../context";

export interface UpgradeInstanceBody {
  instanceId: string;
  orderId: string;
  orderLineId: string;
  productId?: string;
  skuCode?: string;
}

/** A debug upgrade whose order 查询订单 cannot answer keeps the plan (README "Debug calls"). */
async function planChangesFor(ctx: ActivityContext, body: UpgradeInstanceBody) {
  try {
    return await upgradePlanChanges(ctx.prisma, body, ctx.nowMs);
  } catch (err) {
    if (ctx.isTest && err instanceof AppError && err.code === "ORDER_UNAVAILABLE") return undefined;
    throw err;
  }
}

export async function upgradeInstance(ctx: ActivityContext, body: UpgradeInstanceBody): Promise<ActivityResult> {
  const planChanges = await planChangesFor(ctx, body);
  const outcome = await applyEvent(ctx, {
    instanceId: body.instanceId,
    event: "upgrade",
    order: {
      activity: "upgradeInstance",
      scene: "UPGRADE",
      orderId: body.orderId,
      orderLineId: body.orderLineId,
      productId: body.productId ?? null,
    },
    changes: () => ({
      ...(body.productId ? { productId: body.productId } : {}),
      ...(body.skuCode ? { skuCode: body.skuCode } : {}),
      ...planChanges,
    }),
  });
  if (!outcome.duplicate && !outcome.ignored) await afterPlanChange(ctx.prisma, body.instanceId, ctx.nowMs);
  return { instanceId: body.instanceId };
}

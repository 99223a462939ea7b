/**
 * 实例升级 upgradeInstance / upgrade (spec §3.6). V2 sends only the new order; the new
 * spec is read from 查询订单 when that client is enabled. V1-style extra fields (productId,
 * skuCode) are applied when present. The same upgrade order twice is a no-op success.
 * Billing: the new plan applies at once, and this month's allowances take its quotas; a 查询订单
 * failure answers 000005 before anything changes (src/server/billing/marketplace-hooks.ts).
 */
import { afterPlanChange, upgradePlanChanges } from "~/server/billing/marketplace-hooks";
import { applyEvent } from "../apply-event";
import type { ActivityContext, ActivityResult } from "../context";

export interface UpgradeInstanceBody {
  instanceId: string;
  orderId: string;
  orderLineId: string;
  productId?: string;
  skuCode?: string;
}

export async function upgradeInstance(ctx: ActivityContext, body: UpgradeInstanceBody): Promise<ActivityResult> {
  const planChanges = await upgradePlanChanges(ctx.prisma, body, ctx.nowMs);
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
  if (!outcome.duplicate) await afterPlanChange(ctx.prisma, body.instanceId, ctx.nowMs);
  return { instanceId: body.instanceId };
}

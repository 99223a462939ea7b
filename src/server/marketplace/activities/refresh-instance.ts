/**
 * 更新实例 refreshInstance (docs/protocol/base-interface.md#refreshinstance): trial→paid, renewal, renewal cancellation, renewal
 * change. Sets the new expiry; trial → paid also ends the trial limits (billing). Repeating the same order (scene + orderId + orderLineId) is a
 * no-op success. A RENEWAL or TRIAL_TO_FORMAL never shortens the expiry: if an older renewal
 * arrives after a newer one (retries can reorder), the later expiry is kept. Cancelling a
 * renewal (UNSUBSCRIBE_RENEWAL_PERIOD) or RENEWAL_CHANGE sets exactly what the marketplace sends.
 */
import { parseCompactUtc } from "~/koogallery/time";
import { afterPlanChange, refreshPlanChanges } from "~/server/billing";
import { refreshQuote } from "~/server/lifecycle/reasons";
import { applyEvent } from "../apply-event";
import type { ActivityContext, ActivityResult } from "../context";

export interface RefreshInstanceBody {
  instanceId: string;
  scene: string;
  orderId: string;
  orderLineId: string;
  productId?: string;
  expireTime: string;
}

const NEVER_SHORTEN = new Set(["RENEWAL", "TRIAL_TO_FORMAL"]);

export async function refreshInstance(ctx: ActivityContext, body: RefreshInstanceBody): Promise<ActivityResult> {
  const expireAt = parseCompactUtc(body.expireTime);
  const outcome = await applyEvent(ctx, {
    instanceId: body.instanceId,
    event: "refresh",
    order: {
      activity: "refreshInstance",
      scene: body.scene,
      orderId: body.orderId,
      orderLineId: body.orderLineId,
      productId: body.productId ?? null,
      expireAt,
    },
    changes: (current) => {
      const keepLater = NEVER_SHORTEN.has(body.scene) && current.expireAt && current.expireAt > expireAt;
      return {
        expireAt: keepLater ? current.expireAt : expireAt,
        ...(body.productId ? { productId: body.productId } : {}),
        ...refreshPlanChanges(body.scene, body.productId),
      };
    },
    reason: refreshQuote(body.scene, body.expireTime),
  });
  if (!outcome.duplicate && !outcome.ignored) await afterPlanChange(ctx.prisma, body.instanceId, ctx.nowMs);
  return { instanceId: body.instanceId };
}

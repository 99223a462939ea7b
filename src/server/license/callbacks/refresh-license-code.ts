/**
 * refreshLicenseCode: a renewal (RENEWAL) or a cancelled renewal (UNSUBSCRIBE_RENEWAL_PERIOD) sets
 * the code's new expiry; each renewal is a new order. A renewal never shortens the expiry (a late,
 * older renewal keeps the later date); a cancelled renewal sets exactly what is sent. The same
 * order twice is a no-op. A code never seen before is created (a later activation finds it).
 */
import type { RefreshLicenseCodeRequest } from "~/koogallery/license-schemas";
import { parseCompactUtc } from "~/koogallery/time";
import type { ActivityContext, ActivityResult } from "~/server/marketplace/context";
import { refreshQuote } from "~/server/lifecycle/reasons";
import { applyLicenseEvent } from "../apply-license-event";

const NEVER_SHORTEN = new Set(["RENEWAL", "TRIAL_TO_FORMAL"]);

export async function refreshLicenseCode(ctx: ActivityContext, body: RefreshLicenseCodeRequest): Promise<ActivityResult> {
  const expireAt = parseCompactUtc(body.expireTime);
  await applyLicenseEvent(ctx, {
    license: body.license,
    activity: "refreshLicenseCode",
    event: "refresh",
    order: { scene: body.scene, orderId: body.orderId, orderLineId: body.orderLineId, productId: body.productId ?? null, expireAt },
    changes: (current) => {
      const keepLater = NEVER_SHORTEN.has(body.scene) && current?.expireAt && current.expireAt > expireAt;
      return {
        expireAt: keepLater ? current.expireAt : expireAt,
        orderId: body.orderId,
        orderLineId: body.orderLineId,
        ...(body.productId ? { productId: body.productId } : {}),
      };
    },
    reason: refreshQuote(body.scene, body.expireTime),
  });
  return { instanceId: body.license };
}

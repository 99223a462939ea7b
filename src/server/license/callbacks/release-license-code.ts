/**
 * releaseLicenseCode: the resources behind the code are to be released (expired past retention,
 * or unsubscribed — then orderId/orderLineId are set and kept in the order history). The row
 * stays as a tombstone: a repeated release, or the release of a code never seen, answers success.
 */
import type { ReleaseLicenseCodeRequest } from "~/koogallery/license-schemas";
import type { ActivityContext, ActivityResult } from "~/server/marketplace/context";
import { applyLicenseEvent } from "../apply-license-event";

export async function releaseLicenseCode(ctx: ActivityContext, body: ReleaseLicenseCodeRequest): Promise<ActivityResult> {
  await applyLicenseEvent(ctx, {
    license: body.license,
    activity: "releaseLicenseCode",
    event: "release",
    ...(body.orderId ? { order: { scene: "RELEASE", orderId: body.orderId, orderLineId: body.orderLineId ?? "" } } : {}),
  });
  return { instanceId: body.license };
}

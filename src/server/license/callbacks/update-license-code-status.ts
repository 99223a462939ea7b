/**
 * updateLicenseCodeStatus: FREEZE when the code expired past its grace period, UNFREEZE after a
 * renewal. Repeats are successful no-ops; a released code answers 000003 (recorded), and so does
 * a production call for a code never seen (there is nothing to freeze).
 */
import type { UpdateLicenseCodeStatusRequest } from "~/koogallery/license-schemas";
import type { ActivityContext, ActivityResult } from "~/server/marketplace/context";
import { applyLicenseEvent } from "../apply-license-event";

export async function updateLicenseCodeStatus(ctx: ActivityContext, body: UpdateLicenseCodeStatusRequest): Promise<ActivityResult> {
  await applyLicenseEvent(ctx, {
    license: body.license,
    activity: "updateLicenseCodeStatus",
    event: body.status === "FREEZE" ? "freeze" : "unfreeze",
  });
  return { instanceId: body.license };
}

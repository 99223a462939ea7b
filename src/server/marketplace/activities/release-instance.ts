/**
 * 释放实例 releaseInstance (docs/protocol/base-interface.md#releaseinstance). Ends access at once; the row stays as a tombstone so
 * a repeated release answers success (docs/protocol/base-interface.md#idempotency) while an unknown id answers 000003. The release
 * schedules the deletion of the tenant's data after DATA_RETENTION_DAYS (dataPurgeAfter, kept on
 * repeats); the billing worker's retention step deletes it (src/server/billing/retention.ts).
 */
import { releaseChanges } from "~/server/billing";
import { applyEvent } from "../apply-event";
import type { ActivityContext, ActivityResult } from "../context";

export async function releaseInstance(
  ctx: ActivityContext,
  body: { instanceId: string; orderId?: string; orderLineId?: string },
): Promise<ActivityResult> {
  await applyEvent(ctx, {
    instanceId: body.instanceId,
    event: "release",
    changes: (current) => releaseChanges(current, ctx.nowMs),
    ...(body.orderId
      ? { order: { activity: "releaseInstance", scene: "RELEASE", orderId: body.orderId, orderLineId: body.orderLineId ?? "" } }
      : {}),
  });
  return { instanceId: body.instanceId };
}

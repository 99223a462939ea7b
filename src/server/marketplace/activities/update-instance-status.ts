/**
 * 更新实例状态 updateInstanceStatus (docs/protocol/base-interface.md#updateinstancestatus): FREEZE on expiry or violation, UNFREEZE after
 * renewal. Repeats are successful no-ops; a released instance answers 000003 (recorded).
 */
import { applyEvent } from "../apply-event";
import type { ActivityContext, ActivityResult } from "../context";

export async function updateInstanceStatus(
  ctx: ActivityContext,
  body: { instanceId: string; status: "FREEZE" | "UNFREEZE" },
): Promise<ActivityResult> {
  await applyEvent(ctx, { instanceId: body.instanceId, event: body.status === "FREEZE" ? "freeze" : "unfreeze" });
  return { instanceId: body.instanceId };
}

/**
 * 续费变更校验 changeInstanceCheck (docs/protocol/base-interface.md#changeinstancecheck): "can this instance take the change?".
 * The starter accepts any change of a live instance; an ISV with downgrade limits checks the
 * target productInfo against current usage here. Released or unknown → 000003 (production calls).
 */
import { AppError } from "~/server/errors";
import type { ActivityContext, ActivityResult } from "../context";
import { ensureDebugInstance } from "../debug-sandbox";
import { transition } from "../instance-state";

export async function changeInstanceCheck(ctx: ActivityContext, body: { instanceId: string }): Promise<ActivityResult> {
  // A check changes nothing; a debug check always passes (debug-sandbox.ts), creating the
  // debug instance when the id is unknown so later debug cases find it.
  if (ctx.isTest) {
    await ensureDebugInstance(ctx, body.instanceId);
    return { instanceId: body.instanceId };
  }
  const inst = await ctx.prisma.instance.findUnique({ where: { id: body.instanceId }, select: { status: true } });
  if (!inst) throw new AppError("INSTANCE_NOT_FOUND", `instance ${body.instanceId} does not exist`);
  const t = transition(inst.status, "changeCheck");
  if (!t.legal) throw new AppError("ILLEGAL_TRANSITION", t.reason);
  return { instanceId: body.instanceId };
}

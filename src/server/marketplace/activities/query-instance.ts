/**
 * 查询实例信息 queryInstance (docs/protocol/base-interface.md#queryinstance): side-effect free, polled by the marketplace.
 * Up to 100 comma-separated ids; unknown ids are left out; if none is known → 000003.
 * On-demand and package instances also carry usageInfo from the usage ledger and package balances
 * (src/server/billing/usage-info.ts).
 */
import type { Instance } from "~/generated/prisma/client";
import { usageInfoFor } from "~/server/billing";
import { AppError } from "~/server/errors";
import { buildAppInfo } from "../app-info";
import type { ActivityContext, ActivityResult } from "../context";
import { ensureDebugInstance } from "../debug-sandbox";

export async function queryInstance(ctx: ActivityContext, body: { instanceIds: string[] }): Promise<ActivityResult> {
  // A debug query names instances a debug case created, maybe on another database: they exist
  // afterwards, so the saved case answers the same every time (debug-sandbox.ts).
  if (ctx.isTest) for (const id of body.instanceIds) await ensureDebugInstance(ctx, id);
  const rows = await ctx.prisma.instance.findMany({ where: { id: { in: body.instanceIds } } });
  return queryAnswer(ctx, body.instanceIds, rows);
}

export type QueriedInstance = Pick<Instance, "id" | "status" | "planId" | "accountKey" | "adminUserName" | "adminPasswordEnc">;

/** The answer from the rows found (the hot path, query-instance-statement.ts, reads the same). */
export async function queryAnswer(ctx: ActivityContext, instanceIds: string[], rows: QueriedInstance[]): Promise<ActivityResult> {
  if (rows.length === 0) throw new AppError("INSTANCE_NOT_FOUND", `no such instance: ${instanceIds.join(",")}`);
  const byId = new Map(rows.map((r) => [r.id, r]));
  const usage = await usageInfoFor(ctx.prisma, rows, ctx.nowMs);
  let encryptType: string | undefined;
  const info = instanceIds.flatMap((id) => {
    const inst = byId.get(id);
    if (!inst) return [];
    const entry: Record<string, unknown> = { instanceId: inst.id };
    if (inst.status !== "RELEASED") {
      const built = buildAppInfo(inst, ctx.config);
      entry.appInfo = built.appInfo;
      encryptType = built.encryptType;
    }
    const usageInfo = usage.get(inst.id);
    if (usageInfo) entry.usageInfo = usageInfo;
    return [entry];
  });
  return { fields: { ...(encryptType ? { encryptType } : {}), info }, instanceId: instanceIds.join(",") };
}

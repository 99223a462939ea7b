/**
 * 部门增量同步 singleOrgSync (docs/protocol/kit.md#singleorgsync) and 部门全量同步 allOrgSync
 * (docs/protocol/kit.md#allorgsync).
 * Departments form a tree by parentCode inside a tenant. Removal is soft (removedAt) so users'
 * orgCode keeps resolving for audit. allOrgSync replaces the set: listed departments are
 * upserted (and revived), every other live department of the tenant is marked removed — all in
 * one transaction, so a reader never sees half a replacement.
 */
import type { AllOrgSyncRequest, SingleOrgSyncRequest } from "~/koogallery/kit-schemas";
import type { ActivityContext, ActivityResult } from "../context";

export async function singleOrgSync(ctx: ActivityContext, body: SingleOrgSyncRequest): Promise<ActivityResult> {
  const now = new Date(ctx.nowMs);
  if (body.flag === 0) {
    await ctx.prisma.department.updateMany({
      where: { tenantId: body.tenantId, orgCode: body.orgCode, removedAt: null },
      data: { removedAt: now },
    });
  } else {
    await upsertDepartments(ctx, body.tenantId, [{ orgCode: body.orgCode, orgName: body.orgName, parentCode: body.parentCode }]);
  }
  return { instanceId: body.instanceId || undefined };
}

export async function allOrgSync(ctx: ActivityContext, body: AllOrgSyncRequest): Promise<ActivityResult> {
  const orgs = [...new Map(body.orgInfoList.map((o) => [o.orgCode, o])).values()];
  const codes = JSON.stringify(orgs.map((o) => o.orgCode));
  const now = new Date(ctx.nowMs);
  await ctx.prisma.$transaction(async (tx) => {
    await upsertDepartments({ ...ctx, prisma: tx as typeof ctx.prisma }, body.tenantId, orgs);
    await tx.$executeRaw`
      UPDATE "Department" SET "removedAt" = ${now}, "updatedAt" = ${now}
      WHERE "tenantId" = ${body.tenantId} AND "removedAt" IS NULL
        AND "orgCode" NOT IN (SELECT jsonb_array_elements_text(${codes}::jsonb))`;
  });
  return { instanceId: body.instanceId || undefined };
}

async function upsertDepartments(
  ctx: ActivityContext,
  tenantId: string,
  orgs: Array<{ orgCode: string; orgName: string; parentCode?: string }>,
): Promise<void> {
  if (orgs.length === 0) return;
  const now = new Date(ctx.nowMs);
  const rows = JSON.stringify(orgs.map((o) => ({ orgCode: o.orgCode, orgName: o.orgName, parentCode: o.parentCode || null })));
  await ctx.prisma.$executeRaw`
    INSERT INTO "Department" ("id", "tenantId", "orgCode", "orgName", "parentCode", "isTest", "createdAt", "updatedAt")
    SELECT gen_random_uuid(), ${tenantId}, o."orgCode", o."orgName", o."parentCode", ${ctx.isTest}, ${now}, ${now}
    FROM jsonb_to_recordset(${rows}::jsonb) AS o("orgCode" text, "orgName" text, "parentCode" text)
    ORDER BY o."orgCode"
    ON CONFLICT ("tenantId", "orgCode") DO UPDATE SET
      "orgName" = EXCLUDED."orgName", "parentCode" = EXCLUDED."parentCode",
      "updatedAt" = EXCLUDED."updatedAt", "removedAt" = NULL`;
}

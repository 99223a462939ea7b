/**
 * 用户授权同步 authSync (docs/protocol/kit.md#authsync): up to 500 users per call, applied in ONE transaction (all or
 * nothing). flag 1 add / 2 modify upsert the users (tenantId + userName unique) and grant the
 * app; 0 deletes the users (soft: deletedAt, app grant removed); 3 revokes the app only.
 * Users absent from a call are never touched. `enable: "false"` disables login.
 * Disabling, deleting or un-granting a user also ends their signed-in sessions, in the same
 * transaction (src/server/auth/session-revocation.ts).
 *
 * Bulk SQL (jsonb_to_recordset + ON CONFLICT) keeps a 500-user sync to a handful of
 * statements; rows are written in userName order so concurrent syncs cannot deadlock.
 */
import type { AuthSyncRequest, KitUser } from "~/koogallery/kit-schemas";
import { revokeUserSessions } from "~/server/auth/session-revocation";
import type { ActivityContext, ActivityResult } from "../context";

function toRow(u: KitUser) {
  return {
    userName: u.userName,
    name: u.name,
    orgCode: u.orgCode,
    role: u.role,
    enabled: u.enable,
    position: u.position ?? null,
    employeeCode: u.employeeCode ?? null,
    employeeType: u.employeeType ?? null,
    mobile: u.mobile ?? null,
    email: u.email ?? null,
    workPlace: u.workPlace ?? null,
    entryDate: u.entryDate ?? null,
  };
}

/** Last occurrence wins, like applying the list in order (one statement cannot touch a row twice). */
function dedupe(users: KitUser[]): KitUser[] {
  return [...new Map(users.map((u) => [u.userName, u])).values()].sort((a, b) => (a.userName < b.userName ? -1 : 1));
}

export async function authSync(ctx: ActivityContext, body: AuthSyncRequest): Promise<ActivityResult> {
  const users = dedupe(body.userList);
  const names = JSON.stringify(users.map((u) => u.userName));
  const now = new Date(ctx.nowMs);
  const tenantId = body.tenantId;
  await ctx.prisma.$transaction(async (tx) => {
    if (body.flag === 1 || body.flag === 2) {
      await tx.$executeRaw`
        INSERT INTO "TenantUser" ("id", "tenantId", "userName", "name", "orgCode", "role", "enabled", "position",
          "employeeCode", "employeeType", "mobile", "email", "workPlace", "entryDate", "isTest", "createdAt", "updatedAt")
        SELECT gen_random_uuid(), ${tenantId}, u."userName", u."name", u."orgCode", u."role", u."enabled", u."position",
          u."employeeCode", u."employeeType", u."mobile", u."email", u."workPlace", u."entryDate", ${ctx.isTest}, ${now}, ${now}
        FROM jsonb_to_recordset(${JSON.stringify(users.map(toRow))}::jsonb) AS u("userName" text, "name" text, "orgCode" text,
          "role" text, "enabled" boolean, "position" text, "employeeCode" text, "employeeType" int, "mobile" text,
          "email" text, "workPlace" text, "entryDate" text)
        ORDER BY u."userName"
        ON CONFLICT ("tenantId", "userName") DO UPDATE SET
          "name" = EXCLUDED."name", "orgCode" = EXCLUDED."orgCode", "role" = EXCLUDED."role", "enabled" = EXCLUDED."enabled",
          "position" = EXCLUDED."position", "employeeCode" = EXCLUDED."employeeCode", "employeeType" = EXCLUDED."employeeType",
          "mobile" = EXCLUDED."mobile", "email" = EXCLUDED."email", "workPlace" = EXCLUDED."workPlace",
          "entryDate" = EXCLUDED."entryDate", "updatedAt" = EXCLUDED."updatedAt", "deletedAt" = NULL`;
      await tx.$executeRaw`
        INSERT INTO "UserAppGrant" ("id", "userId", "appId", "createdAt")
        SELECT gen_random_uuid(), tu."id", ${body.appId}, ${now}
        FROM "TenantUser" tu
        WHERE tu."tenantId" = ${tenantId} AND tu."userName" IN (SELECT jsonb_array_elements_text(${names}::jsonb))
        ORDER BY tu."id"
        ON CONFLICT ("userId", "appId") DO NOTHING`;
      const disabled = users.filter((u) => !u.enable).map((u) => u.userName);
      await revokeUserSessions(tx, { tenantId, userNames: disabled }, "disabled", ctx.nowMs);
      return;
    }
    // 0 删除 and 3 取消授权 both take the app away; 0 also marks the users deleted.
    await tx.$executeRaw`
      DELETE FROM "UserAppGrant" g USING "TenantUser" tu
      WHERE g."userId" = tu."id" AND g."appId" = ${body.appId} AND tu."tenantId" = ${tenantId}
        AND tu."userName" IN (SELECT jsonb_array_elements_text(${names}::jsonb))`;
    if (body.flag === 0) {
      await tx.$executeRaw`
        UPDATE "TenantUser" SET "deletedAt" = ${now}, "updatedAt" = ${now}
        WHERE "tenantId" = ${tenantId} AND "deletedAt" IS NULL
          AND "userName" IN (SELECT jsonb_array_elements_text(${names}::jsonb))`;
    }
    const userNames = users.map((u) => u.userName);
    if (body.flag === 0) await revokeUserSessions(tx, { tenantId, userNames }, "deleted", ctx.nowMs);
    else await revokeUserSessions(tx, { tenantId, userNames, appId: body.appId }, "unauthorized", ctx.nowMs);
  });
  return { instanceId: body.instanceId || undefined };
}

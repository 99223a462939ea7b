/** GET {base}/api/v1/oauth2/userinfo: Bearer access token → the documented flat fields (docs/protocol/login.md#endpoints). */
import { SPEC_ERRORS } from "~/server/oneaccess/schemas";
import { activeUser, type Ctx } from "./context";
import { json } from "./http";

export async function userinfo(ctx: Ctx): Promise<Response> {
  const m = /^Bearer\s+(\S+)\s*$/i.exec(ctx.request.headers.get("authorization") ?? "");
  const record = m ? ctx.store.accessTokens.get(m[1]!) : undefined;
  if (!record || record.tenantId !== ctx.tenantId || record.expiresAt <= ctx.nowMs) return unauthorized();
  const [tenant, user] = await Promise.all([
    ctx.db.tenant.findUnique({ where: { tenantId: ctx.tenantId } }),
    record.directory
      ? ctx.db.tenantUser.findUnique({ where: { tenantId_userName: { tenantId: ctx.tenantId, userName: record.userName } } })
      : activeUser(ctx, record.userName),
  ]);
  if (!tenant || tenant.deletedAt) return unauthorized();
  if (!user) {
    if (!record.directory) return unauthorized();
    // An account of the directory the Kit never synced: what OneAccess knows is its name.
    return json(200, { userName: record.userName, name: record.userName, role: "user", projectName: tenant.name, tenant: tenant.tenantId });
  }
  const org = user.orgCode
    ? await ctx.db.department.findUnique({ where: { tenantId_orgCode: { tenantId: ctx.tenantId, orgCode: user.orgCode } } })
    : null;
  const body: Record<string, string> = {
    id: user.id,
    userName: user.userName,
    name: user.name,
    ...(user.email ? { email: user.email } : {}),
    ...(user.mobile ? { mobile: user.mobile } : {}),
    role: user.role,
    ...(org && !org.removedAt ? { organizationName: org.orgName } : {}),
    userId: user.id,
    organizationCode: user.orgCode,
    projectName: tenant.name,
    tenant: tenant.tenantId,
  };
  return json(200, body);
}

function unauthorized(): Response {
  return json(401, SPEC_ERRORS.unauthorized, {
    "WWW-Authenticate": `Bearer realm="oauth2-resource", error="unauthorized", error_description="${SPEC_ERRORS.unauthorized.error_description}"`,
  });
}

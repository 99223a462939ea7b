/**
 * What the OneAccess login needs from the Kit sync tables (docs/protocol/login.md#web-login-flow step 3): the
 * tenant's OneAccess domain and OAuth client, and — after userinfo — whether the signed-in 联营账号
 * may use this product. Both answer a discriminated union, never throw for a refusal, so the
 * caller can show the reason (and log `message`).
 */
import type { Application, Instance, PrismaClient, Tenant, TenantUser } from "~/generated/prisma/client";
import { unseal } from "~/server/crypto/at-rest";
import { hasUnstorableText } from "~/server/db/safe-text";
import { oneAccessEndpoints, type OneAccessEndpoints } from "./endpoints";

export type OneAccessDb = Pick<PrismaClient, "tenant" | "application" | "tenantUser" | "instance" | "userAppGrant">;

export type TenantLoginRefusal =
  /** No tenantSync for this tenantId. */
  | "tenant_unknown"
  /** tenantSync flag=0: the organisation was unbound. */
  | "tenant_deleted"
  /** No (non-deleted) applicationSync for the tenant (or not the requested appId). */
  | "no_application"
  /** clientSecretEnc cannot be unsealed (DATA_ENCRYPTION_KEY changed?). */
  | "secret_unreadable"
  /** The synced domainName is not an http(s) URL. */
  | "domain_invalid";

export type TenantLogin =
  | { ok: true; tenant: Tenant; application: Application; clientSecret: string; endpoints: OneAccessEndpoints }
  | { ok: false; reason: TenantLoginRefusal; message: string };

export interface ResolveTenantLoginOptions {
  /**
   * Pick this application (the merchant's appId, as in the unified login URL). Without it the
   * most recently synced non-deleted application of the tenant is used — right for a merchant
   * with one 应用凭证, which is the common case.
   */
  appId?: string;
}

/** The OAuth client for the tenant named by the callback's `tenant` parameter. */
export async function resolveTenantLogin(db: OneAccessDb, tenantId: string, options: ResolveTenantLoginOptions = {}): Promise<TenantLogin> {
  // Text PostgreSQL refuses (NUL, unpaired surrogates) is no synced tenant: unknown, not a crash.
  const tenant = tenantId && !hasUnstorableText(tenantId) ? await db.tenant.findUnique({ where: { tenantId } }) : null;
  if (!tenant) return { ok: false, reason: "tenant_unknown", message: `tenant ${JSON.stringify(tenantId)} was never synced (tenantSync)` };
  if (tenant.deletedAt) return { ok: false, reason: "tenant_deleted", message: `tenant ${tenantId} was deleted by tenantSync flag=0` };
  let endpoints: OneAccessEndpoints;
  try {
    endpoints = oneAccessEndpoints(tenant.domainName);
  } catch (err) {
    return { ok: false, reason: "domain_invalid", message: `tenant ${tenantId}: ${(err as Error).message}` };
  }
  const application = await db.application.findFirst({
    where: { tenantId, deletedAt: null, ...(options.appId ? { appId: options.appId } : {}) },
    orderBy: [{ updatedAt: "desc" }, { id: "asc" }],
  });
  if (!application) {
    const which = options.appId ? `application ${options.appId}` : "an application";
    return { ok: false, reason: "no_application", message: `tenant ${tenantId} has no ${which} (applicationSync)` };
  }
  let clientSecret: string;
  try {
    clientSecret = unseal(application.clientSecretEnc);
  } catch (err) {
    return {
      ok: false,
      reason: "secret_unreadable",
      message: `tenant ${tenantId} application ${application.appId}: clientSecret cannot be unsealed (${(err as Error).message}); was DATA_ENCRYPTION_KEY changed?`,
    };
  }
  return { ok: true, tenant, application, clientSecret, endpoints };
}

export type CustomerRefusal =
  /** No tenantSync for this tenantId, or the tenant was deleted (flag=0). */
  | "tenant_unknown"
  /** No authSync for this userName in the tenant, or the user was deleted (flag=0). */
  | "not_synced"
  /** authSync `enable: "false"`. */
  | "disabled"
  /** Only checked when `appId` is given: the user holds no grant for it (authSync flag=3 取消授权). */
  | "not_granted"
  /** The tenant is bound to no instance, the instance is unknown, or it was released. */
  | "instance_released";

export type Customer =
  | { ok: true; tenant: Tenant; user: TenantUser; instance: Instance }
  | { ok: false; reason: CustomerRefusal; message: string };

export interface ResolveCustomerInput {
  tenantId: string;
  /** userinfo `userName` (= authSync `userName`). */
  userName: string;
  /** When given, the user must hold a UserAppGrant for this app. */
  appId?: string;
}

/**
 * Whether the 联营账号 that OneAccess just authenticated may sign in here. A FROZEN instance is
 * NOT refused (the buyer may still see a "renew" page): check `instance.status` for that.
 */
export async function resolveCustomer(db: OneAccessDb, input: ResolveCustomerInput): Promise<Customer> {
  const { tenantId, userName } = input;
  // Text PostgreSQL refuses (NUL, unpaired surrogates) is no synced tenant: unknown, not a crash.
  const tenant = tenantId && !hasUnstorableText(tenantId) ? await db.tenant.findUnique({ where: { tenantId } }) : null;
  if (!tenant || tenant.deletedAt) {
    return {
      ok: false,
      reason: "tenant_unknown",
      message: tenant ? `tenant ${tenantId} was deleted by tenantSync flag=0` : `tenant ${JSON.stringify(tenantId)} was never synced`,
    };
  }
  const user = userName ? await db.tenantUser.findUnique({ where: { tenantId_userName: { tenantId, userName } } }) : null;
  if (!user || user.deletedAt) {
    return {
      ok: false,
      reason: "not_synced",
      message: user ? `user ${userName} of tenant ${tenantId} was deleted (authSync flag=0)` : `user ${JSON.stringify(userName)} of tenant ${tenantId} was never synced (authSync)`,
    };
  }
  if (!user.enabled) return { ok: false, reason: "disabled", message: `user ${userName} of tenant ${tenantId} is disabled (authSync enable=false)` };
  if (input.appId) {
    const grant = await db.userAppGrant.findUnique({ where: { userId_appId: { userId: user.id, appId: input.appId } } });
    if (!grant) return { ok: false, reason: "not_granted", message: `user ${userName} of tenant ${tenantId} holds no grant for app ${input.appId}` };
  }
  const instance = tenant.instanceId ? await db.instance.findUnique({ where: { id: tenant.instanceId } }) : null;
  if (!instance || instance.status === "RELEASED") {
    const why = !tenant.instanceId
      ? "is bound to no instance (seller debug sync?)"
      : !instance
        ? `is bound to instance ${tenant.instanceId}, which does not exist`
        : `is bound to instance ${instance.id}, which was released`;
    return { ok: false, reason: "instance_released", message: `tenant ${tenantId} ${why}` };
  }
  return { ok: true, tenant, user, instance };
}

/**
 * The tenant's seats in use: synced users who may sign in by resolveCustomer's rules — not
 * deleted (authSync flag=0), enabled, and, when `appId` is given, granted that app (flag=3
 * withdraws the grant). One count query on the Kit tables, which the marketplace keeps current.
 */
export async function countSeats(db: Pick<PrismaClient, "tenantUser">, tenantId: string, appId?: string): Promise<number> {
  return db.tenantUser.count({
    where: { tenantId, deletedAt: null, enabled: true, ...(appId ? { grants: { some: { appId } } } : {}) },
  });
}

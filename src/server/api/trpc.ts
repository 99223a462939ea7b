/**
 * YOU PROBABLY DON'T NEED TO EDIT THIS FILE, UNLESS:
 * 1. You want something new in every procedure's context (section 1), or
 * 2. you add a procedure builder (section 3). The builders carry authorization, so a router
 *    cannot forget a check:
 *      publicProcedure                anyone
 *      staffProcedure                 ISV staff, any role (reads)
 *      ownerProcedure                 ISV staff whose account is an owner (every staff mutation);
 *                                     ctx.actor is who to write into the audit log
 *      tenantProcedure                a signed-in customer; ctx.tenant is theirs
 *      activeInstanceProcedure        … whose instance (account) is live: not frozen, expired,
 *                                     past its trial or released; ctx.entitlement
 *      featureProcedure("export")     … and whose plan includes the feature
 *      quotaProcedure("projects")     … and whose plan has the count quota; ctx.quota.take()
 *    Metered work then calls consume() (src/server/billing), which re-checks all of this in the
 *    same atomic statement that debits, so a freeze arriving mid-request still stops the debit.
 *
 * Only the builders the app may use are exported, so routers cannot bypass them.
 */
import { initTRPC } from "@trpc/server";
import { cache } from "react";
import superjson from "superjson";
import { getEnv } from "~/env";
import { getServerAuthSession, isCustomerUser, isStaffUser, type Session } from "~/server/auth";
import { clientAddress } from "~/server/auth/client-address";
import type { Prisma } from "~/generated/prisma/client";
import { assertEntitled } from "~/server/billing/entitlements";
import { takeQuotaUnits } from "~/server/billing/quota-allocation";
import { ensureDatabaseReady, getDatabase } from "~/server/db";
import { AppError } from "~/server/errors";
import { formatError, toTRPCError } from "./error-shape";

/**
 * 1. CONTEXT
 *
 * `createContextInner` holds everything a procedure needs and nothing tied to an HTTP request,
 * so tests build it directly: `createCaller(createContextInner({ session }))`.
 * `createTRPCContext` is the request-bound wrapper used by the route handler and by server
 * components (it reads the session cookie).
 */
export interface CreateContextOptions {
  session: Session | null;
  /** The request's client address (client-address.ts), for the staff audit log. */
  clientAddress?: string | null;
}

export function createContextInner(opts: CreateContextOptions) {
  return {
    session: opts.session,
    clientAddress: opts.clientAddress ?? null,
    db: getDatabase().prisma,
  };
}

export type Context = ReturnType<typeof createContextInner>;

export async function createTRPCContext(opts: { headers: Headers }): Promise<Context> {
  // Normally done by instrumentation at boot; awaiting the memoised promise costs nothing and
  // covers runtimes that skip instrumentation.
  await ensureDatabaseReady();
  return createContextInner({ session: await getServerAuthSession(), clientAddress: clientAddress(opts.headers, getEnv().TRUSTED_PROXY_COUNT) });
}

/**
 * 2. INITIALIZATION
 *
 * superjson keeps Dates (receivedAt …) as Dates on the client. The error formatter is
 * described in error-shape.ts.
 */
const t = initTRPC.context<Context>().create({
  transformer: superjson,
  errorFormatter: formatError,
});

export const createCallerFactory = t.createCallerFactory;
export const createTRPCRouter = t.router;

/**
 * 3. PROCEDURE BUILDERS
 */

/** Re-throws an AppError from any later middleware or resolver as its mapped TRPCError. */
const mapAppErrors = t.middleware(async ({ next }) => {
  const result = await next();
  if (!result.ok && result.error.cause instanceof AppError) throw toTRPCError(result.error.cause);
  return result;
});

/** Anyone, signed in or not. */
export const publicProcedure = t.procedure.use(mapAppErrors);

/** ISV staff only; `ctx.session.user` is narrowed to StaffUser. */
export const staffProcedure = publicProcedure.use(({ ctx, next }) => {
  const user = ctx.session?.user;
  if (!ctx.session || !user) throw new AppError("UNAUTHENTICATED");
  if (!isStaffUser(user)) throw new AppError("FORBIDDEN", "staff only");
  return next({ ctx: { session: { ...ctx.session, user } } });
});

/**
 * A staff member whose account is an owner (README "Staff accounts and roles"): every staff
 * mutation is built on this. A viewer is refused with FORBIDDEN (OWNER_ONLY). The role is the
 * account's as read on this request (staff-session.ts), so a demotion applies at once.
 * `ctx.actor` is who the audit log records (src/server/staff/audit-log.ts).
 */
export const ownerProcedure = staffProcedure.use(({ ctx, next }) => {
  const user = ctx.session.user;
  if (user.role !== "owner") throw new AppError("OWNER_ONLY", `${user.name} is a ${user.role}`);
  return next({ ctx: { actor: { name: user.name, role: user.role, clientAddress: ctx.clientAddress } } });
});

/**
 * The session's tenant row. A tenant page renders several tenantProcedure calls (tenant.me,
 * tenant.usage, project.list) in one server render; React `cache` reads the row once for all of
 * them. Outside a render (the /api/trpc route, tests) every call reads, so a mutation never sees
 * an earlier call's row.
 */
const loadSessionTenant = cache((db: Context["db"], tenantId: string) =>
  db.tenant.findUnique({
    where: { tenantId },
    select: { tenantId: true, tenantCode: true, name: true, instanceId: true, deletedAt: true, isTest: true },
  }),
);

/**
 * A signed-in customer (联营账号) only: staff and anonymous callers are refused. Narrows
 * `ctx.customer` (the session's CustomerUser) and loads `ctx.tenant`, the customer's own tenant
 * as the Kit sync says now. Procedures built on this must scope every query by
 * `ctx.tenant.tenantId` / `ctx.tenant.instanceId` and never take a tenant from their input.
 */
export const tenantProcedure = publicProcedure.use(async ({ ctx, next }) => {
  const user = ctx.session?.user;
  if (!ctx.session || !user) throw new AppError("UNAUTHENTICATED");
  if (!isCustomerUser(user)) throw new AppError("FORBIDDEN", "customers only");
  const tenant = await loadSessionTenant(ctx.db, user.tenantId);
  if (!tenant || tenant.deletedAt) throw new AppError("FORBIDDEN", "the organisation is no longer bound to this app");
  return next({
    ctx: {
      session: { ...ctx.session, user },
      customer: user,
      tenant: { tenantId: tenant.tenantId, tenantCode: tenant.tenantCode, name: tenant.name, instanceId: tenant.instanceId ?? user.instanceId, isTest: tenant.isTest },
    },
  });
});

/**
 * A customer whose instance may be used now: the entitlement (plan, features, quotas) is in
 * `ctx.entitlement`. Refuses with INSTANCE_FROZEN / INSTANCE_EXPIRED / TRIAL_EXPIRED /
 * INSTANCE_RELEASED / INSTANCE_NOT_FOUND / DEBUG_INSTANCE, whose zh/en messages tell the user what to do.
 */
export const activeInstanceProcedure = tenantProcedure.use(async ({ ctx, next }) => {
  // A real organisation bound to a seller debug instance gets nothing from it (DEBUG_INSTANCE).
  const entitlement = await assertEntitled(ctx.db, ctx.tenant.instanceId, { tenant: { isTest: ctx.tenant.isTest } });
  return next({ ctx: { entitlement } });
});

/** activeInstanceProcedure whose plan (or trial) includes `feature` (a key of the catalog's features). */
export function featureProcedure(feature: string) {
  return activeInstanceProcedure.use(({ ctx, next }) => {
    if (!ctx.entitlement.features.includes(feature)) {
      throw new AppError("FEATURE_NOT_IN_PLAN", `feature "${feature}" is not in plan ${ctx.entitlement.planId}`);
    }
    return next();
  });
}

/**
 * activeInstanceProcedure whose plan has the count quota `quota` (a key of the catalog's quotas).
 * `ctx.quota.take(n, fn)` runs `fn` in one transaction that first takes n units: QUOTA_EXCEEDED
 * (nothing taken, fn not run) when that would pass the plan's limit, and everything rolled back
 * if fn throws — so the thing created and the units taken never disagree. Deleting gives units
 * back with giveQuotaUnits(tx, …) in the deleting transaction (see routers/project.ts).
 */
export function quotaProcedure(quota: string) {
  return activeInstanceProcedure.use(({ ctx, next }) => {
    const limit = ctx.entitlement.quotas[quota];
    if (limit === undefined) throw new AppError("FEATURE_NOT_IN_PLAN", `quota "${quota}" is not in plan ${ctx.entitlement.planId}`);
    const { accountKey } = ctx.entitlement;
    const db = ctx.db;
    return next({
      ctx: {
        quota: {
          name: quota,
          limit,
          accountKey,
          take<T>(amount: number, fn: (tx: Prisma.TransactionClient) => Promise<T>): Promise<T> {
            return db.$transaction(async (tx) => {
              const used = await takeQuotaUnits(tx, accountKey, quota, amount, limit);
              if (used === null) throw new AppError("QUOTA_EXCEEDED", `${quota}: limit ${limit}`);
              return fn(tx);
            });
          },
        },
      },
    });
  });
}

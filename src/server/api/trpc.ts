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
 *    A customer's session row, tenant and entitlement are read in ONE statement by
 *    tenantProcedure (src/server/auth/customer-context.ts), on every call: nothing cached.
 *
 * Only the builders the app may use are exported, so routers cannot bypass them.
 */
import { initTRPC } from "@trpc/server";
import { cache } from "react";
import superjson from "superjson";
import { getEnv } from "~/env";
import { getServerAuthSession, isCustomerUser, isStaffUser, type Session } from "~/server/auth";
import { customerClaimOf } from "~/server/auth/customer-claim";
import { staffSessionIdOf } from "~/server/auth/staff-claim";
import { resolveCustomerContext, type CustomerClaim } from "~/server/auth/customer-context";
import type { Prisma, PrismaClient } from "~/generated/prisma/client";
import { accountFromRows, assertEntitled, takeQuotaUnits, type FeatureKeyOf, type QuotaKeyOf, type ShippedCatalog } from "~/server/billing";
import type { Catalog } from "~/server/billing";
import { clientAddress } from "~/server/auth/client-address";
import { ensureDatabaseReady, getDatabase } from "~/server/db";
import { AppError } from "~/server/errors";
import { observeProcedure } from "~/server/observability/procedure-log";
import { formatError, toTRPCError } from "./error-shape";
import { findInputProblem } from "./input-guard";

/**
 * 1. CONTEXT
 *
 * `createContextInner` holds everything a procedure needs and nothing tied to an HTTP request,
 * so tests build it directly: `createCaller(createContextInner({ session }))`.
 * `createTRPCContext` is the request-bound wrapper used by the route handler and by server
 * components (it reads the session cookie).
 */
export interface CreateContextOptions {
  /** A checked session (staff, or a customer session checked by the caller), or null. */
  session: Session | null;
  /**
   * A customer's cookie, decoded but NOT yet checked against its CustomerSession row:
   * tenantProcedure checks it (customer-context.ts). `session` is then null, so nothing else
   * can mistake an unchecked claim for a session.
   */
  customerClaim?: CustomerClaim;
  /** The request's client address (client-address.ts), for the staff audit log. */
  clientAddress?: string | null;
  /** The staff cookie's StaffSession id (staff-claim.ts): the session a password change keeps. */
  staffSessionId?: string | null;
}

export function createContextInner(opts: CreateContextOptions): {
  session: Session | null;
  customerClaim?: CustomerClaim;
  clientAddress: string | null;
  staffSessionId?: string | null;
  db: PrismaClient;
} {
  return {
    session: opts.session,
    ...(opts.customerClaim ? { customerClaim: opts.customerClaim } : {}),
    clientAddress: opts.clientAddress ?? null,
    staffSessionId: opts.staffSessionId ?? null,
    db: getDatabase().prisma,
  };
}

export type Context = ReturnType<typeof createContextInner>;

export async function createTRPCContext(opts: { headers: Headers }): Promise<Context> {
  // Normally done by instrumentation at boot; awaiting the memoised promise costs nothing and
  // covers runtimes that skip instrumentation.
  await ensureDatabaseReady();
  // A customer cookie is only decoded here; its session row is read with the tenant and the
  // entitlement in tenantProcedure's one statement. Staff and anonymous: next-auth as usual.
  const customerClaim = await customerClaimOf(opts.headers);
  if (customerClaim) return createContextInner({ session: null, customerClaim });
  const session = await getServerAuthSession();
  return createContextInner({
    session,
    clientAddress: clientAddress(opts.headers, getEnv().TRUSTED_PROXY_COUNT),
    staffSessionId: isStaffUser(session?.user) ? await staffSessionIdOf(opts.headers) : null,
  });
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

/** NUL or unpaired surrogates anywhere in the input, or absurd nesting: INVALID_INPUT naming the field (input-guard.ts). */
const refuseUnstorableInput = t.middleware(async ({ getRawInput, next }) => {
  const problem = findInputProblem(await getRawInput());
  if (problem !== null) throw new AppError("INVALID_INPUT", `${problem.path}: ${problem.message}`);
  return next();
});

/** One log line per call, with the request id (src/server/observability/procedure-log.ts). */
const logCalls = t.middleware((opts) => observeProcedure(opts));

/** Anyone, signed in or not. */
export const publicProcedure = t.procedure.use(logCalls).use(mapAppErrors).use(refuseUnstorableInput);

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
 * The customer's session row, tenant and account in one statement (customer-context.ts). A
 * tenant page renders several tenantProcedure calls (tenant.me, tenant.usage, project.list) in
 * one server render; React `cache` reads once for all of them. Outside a render (the /api/trpc
 * route, tests) every call reads, so a call never sees an earlier call's rows.
 */
const loadCustomerContext = cache((db: Context["db"], sid: string | null, user: CustomerClaim["user"]) =>
  resolveCustomerContext(db, { sid, user }),
);

/**
 * A signed-in customer (联营账号) only: staff and anonymous callers are refused. Checks the
 * session row (signed out, disabled, unbound → refused at once), narrows `ctx.customer` (the
 * session's CustomerUser) and loads `ctx.tenant`, the customer's own tenant as the Kit sync says
 * now. Procedures built on this must scope every query by `ctx.tenant.tenantId` /
 * `ctx.tenant.instanceId` and never take a tenant from their input.
 */
export const tenantProcedure = publicProcedure.use(async ({ ctx, next }) => {
  const claim = ctx.customerClaim ?? (ctx.session?.user && isCustomerUser(ctx.session.user) ? { sid: null, user: ctx.session.user } : null);
  if (!claim) {
    if (!ctx.session?.user) throw new AppError("UNAUTHENTICATED");
    throw new AppError("FORBIDDEN", "customers only");
  }
  const { user, tenant, accountRows } = await loadCustomerContext(ctx.db, claim.sid, claim.user);
  const session: Session & { user: typeof user } = { expires: ctx.session?.expires ?? "", ...ctx.session, user };
  return next({ ctx: { session, customer: user, tenant, accountRows } });
});

/**
 * A customer whose instance may be used now: the entitlement (plan, features, quotas) is in
 * `ctx.entitlement`. Refuses with INSTANCE_FROZEN / INSTANCE_EXPIRED / TRIAL_EXPIRED /
 * INSTANCE_RELEASED / INSTANCE_NOT_FOUND / DEBUG_INSTANCE, whose zh/en messages tell the user what to do.
 */
export const activeInstanceProcedure = tenantProcedure.use(async ({ ctx, next }) => {
  // A real organisation bound to a seller debug instance gets nothing from it (DEBUG_INSTANCE).
  // The account was read by tenantProcedure's statement: judging it here costs no query.
  const account = ctx.accountRows ? accountFromRows(ctx.tenant.instanceId, ctx.accountRows) : undefined;
  const entitlement = await assertEntitled(ctx.db, ctx.tenant.instanceId, { tenant: { isTest: ctx.tenant.isTest }, account });
  return next({ ctx: { entitlement } });
});

/**
 * activeInstanceProcedure whose plan (or trial) includes `feature`: a key of the catalog's
 * features, checked at compile time (src/server/billing/catalog-keys.ts).
 */
export function featureProcedure<C extends Catalog = ShippedCatalog>(feature: FeatureKeyOf<C>) {
  return activeInstanceProcedure.use(({ ctx, next }) => {
    if (!ctx.entitlement.features.includes(feature)) {
      throw new AppError("FEATURE_NOT_IN_PLAN", `feature "${feature}" is not in plan ${ctx.entitlement.planId}`);
    }
    return next();
  });
}

/**
 * activeInstanceProcedure whose plan has the count quota `quota` (a key of the catalog's quotas,
 * checked at compile time). The app's one count-quota API.
 * `ctx.quota.take(n, fn)` runs `fn` in one transaction that first takes n units: QUOTA_EXCEEDED
 * (nothing taken, fn not run) when that would pass the plan's limit, and everything rolled back
 * if fn throws — so the thing created and the units taken never disagree. Deleting gives units
 * back with giveQuotaUnits(tx, …) in the deleting transaction (see routers/project.ts).
 */
export function quotaProcedure<C extends Catalog = ShippedCatalog>(quota: QuotaKeyOf<C>) {
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

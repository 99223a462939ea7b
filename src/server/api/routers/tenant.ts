/**
 * The customer's (联营账号) own view and the product's metered feature. Every procedure is built
 * on tenantProcedure (or a stricter builder), scoped by the session's tenant, never by input.
 */
import { getEnv } from "~/env";
import { activeInstanceProcedure, createTRPCRouter, featureProcedure, tenantProcedure } from "~/server/api/trpc";
import { consumeMeter, getUsageSummary, purchaseState } from "~/server/billing";
import { ERROR_TABLE } from "~/server/errors";
import { countSeats } from "~/server/oneaccess/tenant-login";
import { API_CONSOLE_FEATURE, API_CONSOLE_METER, callApiInput, callApiOutput, meInstanceSelect, meUserSelect, SEAT_QUOTA, usageOutput } from "./tenant.schema";

export const tenantRouter = createTRPCRouter({
  me: tenantProcedure.query(async ({ ctx }) => {
    const [user, instance] = await Promise.all([
      ctx.db.tenantUser.findUnique({
        where: { tenantId_userName: { tenantId: ctx.tenant.tenantId, userName: ctx.customer.userName } },
        select: meUserSelect,
      }),
      ctx.db.instance.findUnique({ where: { id: ctx.tenant.instanceId }, select: meInstanceSelect }),
    ]);
    return {
      tenant: { tenantId: ctx.tenant.tenantId, tenantCode: ctx.tenant.tenantCode, name: ctx.tenant.name },
      user: user ?? { userName: ctx.customer.userName, name: ctx.customer.name, role: ctx.customer.role, orgCode: "" },
      instance,
    };
  }),

  /**
   * Plan, status, quota bars, package balances and daily usage. Read-only and never refused for
   * a frozen or expired instance: the page must be able to say why the product stopped.
   * Seats are not allocated units but the tenant's synced users who may sign in (Kit tables).
   */
  usage: tenantProcedure.output(usageOutput).query(async ({ ctx }) => {
    const nowMs = Date.now();
    const [s, seats] = await Promise.all([
      getUsageSummary(ctx.db, ctx.tenant.instanceId, { days: 30, nowMs }),
      countSeats(ctx.db, ctx.tenant.tenantId, getEnv().KOOGALLERY_APP_ID),
    ]);
    return {
      instanceId: s.instanceId,
      plan: s.plan,
      status: s.status,
      expireAt: s.expireAt,
      trialEndsAt: s.trialEndsAt,
      refusal: s.refusal ? { code: s.refusal, message: { zh: ERROR_TABLE[s.refusal].zh, en: ERROR_TABLE[s.refusal].en } } : null,
      features: s.features,
      quotas: s.quotas.map((q) => (q.key === SEAT_QUOTA ? { ...q, used: seats } : q)),
      meters: s.meters,
      period: s.period,
      daily: s.daily,
      state: purchaseState(s, nowMs),
    };
  }),

  /** The customer's own live entitlement (features and quotas): refused like any product call. */
  entitlement: activeInstanceProcedure.query(({ ctx }) => ({
    planId: ctx.entitlement.planId,
    features: ctx.entitlement.features,
    quotas: ctx.entitlement.quotas,
  })),

  /**
   * The metered demo feature: `count` calls of the product's API. One consume() debits them all
   * or refuses them all (a 用完即停 package with 5 left refuses a request for 10 and keeps the 5),
   * keyed by the user and the click's requestId so a retry never debits twice.
   */
  callApi: featureProcedure(API_CONSOLE_FEATURE)
    .input(callApiInput)
    .output(callApiOutput)
    .mutation(async ({ ctx, input }) => {
      const debit = await consumeMeter(ctx.db, {
        instanceId: ctx.tenant.instanceId,
        meter: API_CONSOLE_METER,
        amount: input.count,
        idempotencyKey: `api-console:${ctx.customer.userName}:${input.requestId}`,
        // Already read by featureProcedure; the drawdown statement re-checks the status anyway.
        entitlement: ctx.entitlement,
      });
      return {
        replayed: debit.replayed,
        served: debit.amount,
        fromPrepaid: debit.fromPrepaid,
        onDemand: debit.onDemand,
        remaining: debit.remaining,
        servedAt: new Date(),
      };
    }),
});

/**
 * The staff view of purchased instances: status, expiry, the orders applied to each and the
 * state machine's audit trail — including transitions it refused.
 */
import { createTRPCRouter, staffProcedure } from "~/server/api/trpc";
import { AppError } from "~/server/errors";
import type { Prisma } from "~/generated/prisma/client";
import { activeCatalog, findPlanForOrder } from "~/server/billing";
import type { Context } from "~/server/api/trpc";
import { INSTANCE_RECENT_CALLS, instanceSelect, orderSelect, transitionSelect, ZInstanceDetailInput, ZInstanceListInput } from "./instance-admin.schema";
import { containsText, pageSlice, windowWhere } from "./list-window";
import { callSubjectWhere } from "./call-log";

type ListInput = { status?: "ACTIVE" | "FROZEN" | "RELEASED"; search?: string; from?: Date; to?: Date; includeTest: boolean };

/** The list's filter; a search also matches instances whose bound tenant's name or code matches. */
export async function instanceListWhere(db: Context["db"], input: ListInput): Promise<Prisma.InstanceWhereInput> {
  const where: Prisma.InstanceWhereInput = {
    status: input.status,
    createdAt: windowWhere(input),
    ...(input.includeTest ? {} : { isTest: false }),
  };
  if (!input.search) return where;
  const text = containsText(input.search);
  const viaTenant = await db.tenant.findMany({
    where: { instanceId: { not: null }, OR: [{ name: text }, { tenantCode: text }, { tenantId: text }] },
    select: { instanceId: true },
    take: 500,
  });
  const ids = viaTenant.flatMap((t) => (t.instanceId ? [t.instanceId] : []));
  return {
    ...where,
    OR: [{ id: text }, { orderId: text }, { orderLineId: text }, { productId: text }, { skuCode: text }, ...(ids.length ? [{ id: { in: ids } }] : [])],
  };
}

export const instanceAdminRouter = createTRPCRouter({
  list: staffProcedure.input(ZInstanceListInput).query(async ({ ctx, input }) => {
    const where = await instanceListWhere(ctx.db, input);
    const [rows, total] = await Promise.all([
      ctx.db.instance.findMany({
        where,
        select: { ...instanceSelect, _count: { select: { transitions: { where: { accepted: false } } } } },
        orderBy: [{ createdAt: "desc" }, { id: "desc" }],
        ...pageSlice(input),
      }),
      ctx.db.instance.count({ where }),
    ]);
    const tenants = await ctx.db.tenant.findMany({
      where: { instanceId: { in: rows.map((r) => r.id) } },
      select: { tenantId: true, name: true, instanceId: true, deletedAt: true },
      orderBy: { createdAt: "asc" },
    });
    const catalog = activeCatalog();
    const items = rows.map(({ _count, ...i }) => ({
      ...i,
      refusedTransitions: _count.transitions,
      // The plan stored at creation; older rows without one: what the catalog maps the order line to.
      planId: i.planId ?? findPlanForOrder(catalog, i) ?? null,
      tenants: tenants.filter((t) => t.instanceId === i.id).map(({ tenantId, name, deletedAt }) => ({ tenantId, name, deleted: deletedAt !== null })),
    }));
    return { items, total };
  }),

  detail: staffProcedure.input(ZInstanceDetailInput).query(async ({ ctx, input }) => {
    const instance = await ctx.db.instance.findUnique({
      where: { id: input.id },
      select: {
        ...instanceSelect,
        orders: { select: orderSelect, orderBy: { appliedAt: "asc" } },
        transitions: { select: transitionSelect, orderBy: { createdAt: "asc" } },
      },
    });
    if (!instance) throw new AppError("NOT_FOUND", `instance ${input.id}`);
    const [tenants, calls] = await Promise.all([
      ctx.db.tenant.findMany({ where: { instanceId: input.id }, select: { tenantId: true, name: true } }),
      ctx.db.marketplaceCall.findMany({
        where: callSubjectWhere(input.id),
        select: { id: true, channel: true, activity: true, resultCode: true, receivedAt: true, latencyMs: true, isTest: true },
        orderBy: [{ receivedAt: "desc" }, { id: "desc" }],
        take: INSTANCE_RECENT_CALLS,
      }),
    ]);
    return { ...instance, planId: instance.planId ?? findPlanForOrder(activeCatalog(), instance) ?? null, tenants, calls };
  }),
});

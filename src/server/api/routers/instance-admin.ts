/**
 * The staff view of purchased instances: status, expiry, the orders applied to each and the
 * state machine's audit trail — including transitions it refused.
 */
import { createTRPCRouter, staffProcedure } from "~/server/api/trpc";
import { AppError } from "~/server/errors";
import { instanceSelect, orderSelect, transitionSelect, ZInstanceDetailInput, ZInstanceListInput } from "./instance-admin.schema";

export const instanceAdminRouter = createTRPCRouter({
  list: staffProcedure.input(ZInstanceListInput).query(async ({ ctx, input }) => {
    const rows = await ctx.db.instance.findMany({
      where: {
        status: input.status,
        ...(input.includeTest ? {} : { isTest: false }),
        ...(input.search ? { OR: [{ id: { contains: input.search } }, { orderId: { contains: input.search } }] } : {}),
      },
      select: { ...instanceSelect, _count: { select: { transitions: { where: { accepted: false } } } } },
      orderBy: { createdAt: "desc" },
      take: input.limit,
    });
    return rows.map(({ _count, ...i }) => ({ ...i, refusedTransitions: _count.transitions }));
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
    const tenants = await ctx.db.tenant.findMany({ where: { instanceId: input.id }, select: { tenantId: true, name: true } });
    return { ...instance, tenants };
  }),
});

/**
 * The customer's (联营账号) own view: who they are, in which organisation, on which instance.
 * Every procedure is a `tenantProcedure`, scoped by the session's tenant, never by input.
 */
import { createTRPCRouter, tenantProcedure } from "~/server/api/trpc";
import { meInstanceSelect, meUserSelect } from "./tenant.schema";

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
});

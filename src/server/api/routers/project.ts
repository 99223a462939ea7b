/**
 * Projects: the demo product's feature behind a count quota. Listing is a tenantProcedure (a
 * frozen customer still sees their data); creating is quotaProcedure("projects") — the unit is
 * taken in the transaction that inserts the row; deleting is activeInstanceProcedure and gives
 * the unit back in the transaction that deletes it. Every query is scoped by the session's tenant.
 */
import { activeInstanceProcedure, createTRPCRouter, quotaProcedure, tenantProcedure } from "~/server/api/trpc";
import { getEntitlement, giveQuotaUnits, quotaUsage } from "~/server/billing";
import { AppError } from "~/server/errors";
import { deleteProject, insertProject, PROJECT_QUOTA, projectSelect } from "~/server/projects";
import { createProjectInput, deleteProjectInput, projectListOutput, projectOutput } from "./project.schema";

export const projectRouter = createTRPCRouter({
  list: tenantProcedure.output(projectListOutput).query(async ({ ctx }) => {
    const [items, ent] = await Promise.all([
      ctx.db.project.findMany({ where: { tenantId: ctx.tenant.tenantId }, select: projectSelect, orderBy: [{ createdAt: "desc" }, { id: "desc" }], take: 500 }),
      getEntitlement(ctx.db, ctx.tenant.instanceId),
    ]);
    const used = (await quotaUsage(ctx.db, ent.accountKey))[PROJECT_QUOTA] ?? 0;
    return { items, limit: ent.quotas[PROJECT_QUOTA] ?? null, used };
  }),

  create: quotaProcedure(PROJECT_QUOTA)
    .input(createProjectInput)
    .output(projectOutput)
    .mutation(({ ctx, input }) =>
      ctx.quota.take(1, (tx) =>
        insertProject(tx, {
          tenantId: ctx.tenant.tenantId,
          instanceId: ctx.tenant.instanceId,
          accountKey: ctx.quota.accountKey,
          name: input.name,
          createdBy: ctx.customer.userName,
        }),
      ),
    ),

  delete: activeInstanceProcedure.input(deleteProjectInput).mutation(async ({ ctx, input }) => {
    await ctx.db.$transaction(async (tx) => {
      const owner = await deleteProject(tx, ctx.tenant.tenantId, input.id);
      if (!owner) throw new AppError("NOT_FOUND", `project ${input.id}`);
      // The unit goes back to the account the project was counted against.
      await giveQuotaUnits(tx, owner, PROJECT_QUOTA, 1);
    });
    return { deleted: input.id };
  }),
});

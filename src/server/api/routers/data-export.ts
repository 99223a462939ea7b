/**
 * Data export: the demo's metered feature with its own table (docs/extending.md walks through
 * it). Creating is featureProcedure("export") and debits one "exports" unit with consumeMeter
 * (keys checked against the catalog at compile time), then records the export keyed by the debit;
 * listing is tenantProcedure (a stopped customer still sees their history). Every query is
 * scoped by the session's tenant, never by input.
 */
import { createTRPCRouter, featureProcedure, tenantProcedure } from "~/server/api/trpc";
import { consumeMeter } from "~/server/billing";
import { dataExportSelect, EXPORT_FEATURE, EXPORT_METER, projectsCsv, recordExport } from "~/server/exports";
import { createExportInput, createExportOutput, exportListOutput } from "./data-export.schema";

export const dataExportRouter = createTRPCRouter({
  list: tenantProcedure.output(exportListOutput).query(async ({ ctx }) => ({
    items: await ctx.db.dataExport.findMany({
      where: { tenantId: ctx.tenant.tenantId },
      select: dataExportSelect,
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: 20,
    }),
  })),

  create: featureProcedure(EXPORT_FEATURE)
    .input(createExportInput)
    .output(createExportOutput)
    .mutation(async ({ ctx, input }) => {
      // Debit first: a refusal (quota used up, frozen) writes nothing. The row is written before
      // the answer; a retry after a failure in between replays the debit and writes it then.
      const debit = await consumeMeter(ctx.db, {
        instanceId: ctx.tenant.instanceId,
        meter: EXPORT_METER,
        amount: 1,
        idempotencyKey: `export:${ctx.customer.userName}:${input.requestId}`,
        entitlement: ctx.entitlement,
      });
      const { csv, rowCount } = await projectsCsv(ctx.db, ctx.tenant.tenantId);
      const row = await recordExport(ctx.db, {
        tenantId: ctx.tenant.tenantId,
        instanceId: ctx.tenant.instanceId,
        debitId: debit.debitId,
        kind: "projects",
        rowCount,
        createdBy: ctx.customer.userName,
      });
      return { export: row, csv, replayed: debit.replayed, remaining: debit.remaining };
    }),
});

/** The staff audit log (StaffAuditEvent, src/server/staff/audit-log.ts): newest first, filterable, cursor-paginated. */
import { createTRPCRouter, staffProcedure } from "~/server/api/trpc";
import { auditEventSelect } from "~/server/staff/audit-log";
import { ZAuditListInput } from "./audit-admin.schema";

export const auditAdminRouter = createTRPCRouter({
  list: staffProcedure.input(ZAuditListInput).query(async ({ ctx, input }) => {
    // One extra row tells whether an older page exists; `id` breaks ties within a millisecond.
    const rows = await ctx.db.staffAuditEvent.findMany({
      where: { actor: input.actor, action: input.action },
      select: auditEventSelect,
      orderBy: [{ at: "desc" }, { id: "desc" }],
      take: input.limit + 1,
      ...(input.cursor ? { cursor: { id: input.cursor }, skip: 1 } : {}),
    });
    const items = rows.slice(0, input.limit);
    const nextCursor = rows.length > input.limit ? (items.at(-1)?.id ?? null) : null;
    return { items, nextCursor };
  }),
});

/**
 * The marketplace call log (MarketplaceCall rows written by src/server/marketplace/call-log.ts),
 * for ISV staff: newest first, filterable, cursor-paginated.
 */
import type { Prisma } from "~/generated/prisma/client";
import { createTRPCRouter, ownerProcedure, staffProcedure } from "~/server/api/trpc";
import { billingConfig } from "~/server/billing";
import { AppError } from "~/server/errors";
import { marketplaceConfig } from "~/server/marketplace/config";
import { dryRunCall, rerunRefusal } from "~/server/marketplace/dry-run";
import { recordAudit } from "~/server/staff/audit-log";
import { callLogSelect, ZCallLogByIdInput, ZCallLogListInput } from "./call-log.schema";
import { windowWhere } from "./list-window";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Where a free-text search looks in a call: the ids an operator gets told on the phone. */
export function callSearchWhere(search: string): Prisma.MarketplaceCallWhereInput {
  const text = { contains: search, mode: "insensitive" } as const;
  return {
    OR: [
      { orderId: text },
      { orderLineId: text },
      { instanceId: text },
      { tenantId: text },
      { activity: text },
      ...(/^\d{6}$/.test(search) ? [{ resultCode: search }] : []),
      ...(UUID.test(search) ? [{ id: search.toLowerCase() }] : []),
    ],
  };
}

export const callLogRouter = createTRPCRouter({
  list: staffProcedure.input(ZCallLogListInput).query(async ({ ctx, input }) => {
    const where: Prisma.MarketplaceCallWhereInput = {
      activity: input.activity,
      resultCode: input.resultCode,
      channel: input.channel,
      instanceId: input.instanceId,
      requestId: input.requestId,
      receivedAt: windowWhere(input),
      ...(input.includeTest ? {} : { isTest: false }),
      ...(input.search ? callSearchWhere(input.search) : {}),
      ...(input.errorsOnly ? { AND: [{ resultCode: { not: null } }, { resultCode: { not: "000000" } }] } : {}),
    };
    // One extra row tells whether an older page exists. `id` breaks ties between calls
    // received in the same millisecond, so pages never skip or repeat a row.
    const rows = await ctx.db.marketplaceCall.findMany({
      where,
      select: callLogSelect,
      orderBy: [{ receivedAt: "desc" }, { id: "desc" }],
      take: input.limit + 1,
      ...(input.cursor ? { cursor: { id: input.cursor }, skip: 1 } : {}),
    });
    const items = rows.slice(0, input.limit);
    const nextCursor = rows.length > input.limit ? items.at(-1)?.id ?? null : null;
    return { items, nextCursor };
  }),

  byId: staffProcedure.input(ZCallLogByIdInput).query(async ({ ctx, input }) => {
    const call = await ctx.db.marketplaceCall.findUnique({ where: { id: input.id }, select: callLogSelect });
    if (!call) throw new AppError("NOT_FOUND", `call ${input.id}`);
    return call;
  }),

  /** One call for its detail page, with why it cannot be re-run (null when it can). */
  detail: staffProcedure.input(ZCallLogByIdInput).query(async ({ ctx, input }) => {
    const call = await ctx.db.marketplaceCall.findUnique({ where: { id: input.id }, select: callLogSelect });
    if (!call) throw new AppError("NOT_FOUND", `call ${input.id}`);
    return { call, rerunRefusal: rerunRefusal(call, { queryOrder: billingConfig().queryOrder }) };
  }),

  /**
   * The answer this server would give now to the logged request, with every effect rolled back
   * (src/server/marketplace/dry-run.ts). Owner-only and audited: it runs the activity's code.
   */
  rerun: ownerProcedure.input(ZCallLogByIdInput).mutation(async ({ ctx, input }) => {
    const nowMs = Date.now();
    const answer = await dryRunCall(ctx.db, marketplaceConfig(), input.id, nowMs);
    await recordAudit(ctx.db, ctx.actor, {
      action: "call.rerun",
      target: input.id,
      details: { activity: answer.activity, resultCode: answer.response.resultCode },
      nowMs,
    });
    return answer;
  }),
});

/**
 * The marketplace call log (MarketplaceCall rows written by src/server/marketplace/call-log.ts),
 * for ISV staff: newest first, filterable, cursor-paginated.
 */
import type { Prisma } from "~/generated/prisma/client";
import { createTRPCRouter, ownerProcedure, staffProcedure } from "~/server/api/trpc";
import { billingConfig } from "~/server/billing";
import { storableJson } from "~/server/db/safe-text";
import { AppError } from "~/server/errors";
import { marketplaceConfig } from "~/server/marketplace/config";
import { dryRunCall, rerunRefusal } from "~/server/marketplace/dry-run";
import { recordAudit } from "~/server/staff/audit-log";
import { callLogSelect, ZCallLogByIdInput, ZCallLogListInput } from "./call-log.schema";
import { containsText, escapeLike, windowWhere } from "./list-window";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Where a free-text search looks in a call: the ids an operator gets told on the phone. */
export function callSearchWhere(search: string): Prisma.MarketplaceCallWhereInput {
  const text = containsText(search);
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

type CallRow = Prisma.MarketplaceCallGetPayload<{ select: typeof callLogSelect }>;

/**
 * A stored call as it can be sent: keys superjson refuses (`constructor` …) renamed the way they
 * are renamed when stored (src/server/db/safe-text.ts), for rows written before that renaming.
 */
function sendable(row: CallRow): CallRow {
  return { ...row, requestBody: storableJson(row.requestBody), responseBody: storableJson(row.responseBody) };
}

/**
 * The calls about one subject (an instance id, or a License call's code). A queryInstance call may
 * name several instances: its instanceId column keeps the request's comma list as sent
 * ("inst-1,inst-2", spaces allowed around the commas: splitInstanceIds in
 * src/koogallery/schemas.ts), so such a call is found by any id of its list. The list patterns
 * only look at queryInstance calls; every other call names one subject, matched whole.
 */
export function callSubjectWhere(subject: string): Prisma.MarketplaceCallWhereInput {
  const s = escapeLike(subject);
  const inList: Prisma.MarketplaceCallWhereInput[] = [
    { instanceId: { startsWith: `${s},` } },
    { instanceId: { startsWith: `${s} ,` } },
    { instanceId: { endsWith: `,${s}` } },
    { instanceId: { endsWith: `, ${s}` } },
    ...[`,${s},`, `, ${s},`, `,${s} ,`, `, ${s} ,`].map((p) => ({ instanceId: { contains: p } })),
  ];
  return { OR: [{ instanceId: subject }, { activity: "queryInstance", OR: inList }] };
}

export const callLogRouter = createTRPCRouter({
  list: staffProcedure.input(ZCallLogListInput).query(async ({ ctx, input }) => {
    const where: Prisma.MarketplaceCallWhereInput = {
      activity: input.activity,
      resultCode: input.resultCode,
      channel: input.channel,
      requestId: input.requestId,
      receivedAt: windowWhere(input),
      ...(input.includeTest ? {} : { isTest: false }),
      AND: [
        input.instanceId ? callSubjectWhere(input.instanceId) : {},
        input.search ? callSearchWhere(input.search) : {},
        input.errorsOnly ? { AND: [{ resultCode: { not: null } }, { resultCode: { not: "000000" } }] } : {},
      ],
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
    const items = rows.slice(0, input.limit).map(sendable);
    const nextCursor = rows.length > input.limit ? items.at(-1)?.id ?? null : null;
    return { items, nextCursor };
  }),

  byId: staffProcedure.input(ZCallLogByIdInput).query(async ({ ctx, input }) => {
    const call = await ctx.db.marketplaceCall.findUnique({ where: { id: input.id }, select: callLogSelect });
    if (!call) throw new AppError("NOT_FOUND", `call ${input.id}`);
    return sendable(call);
  }),

  /** One call for its detail page, with why it cannot be re-run (null when it can). */
  detail: staffProcedure.input(ZCallLogByIdInput).query(async ({ ctx, input }) => {
    const call = await ctx.db.marketplaceCall.findUnique({ where: { id: input.id }, select: callLogSelect });
    if (!call) throw new AppError("NOT_FOUND", `call ${input.id}`);
    return { call: sendable(call), rerunRefusal: rerunRefusal(call, { queryOrder: billingConfig().queryOrder }) };
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

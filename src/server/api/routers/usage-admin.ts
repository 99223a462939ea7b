/**
 * The staff view of metering and the usage push (docs/billing.md §5–6): what was metered (the
 * ledger), what each account still holds (grants), what we sent to the marketplace and what it
 * answered (the outbox), the dead letters with their reason, and re-queueing one after the cause
 * is fixed.
 *
 * Read-only except `requeue` (src/server/billing/requeue.ts): FAILED → PENDING, due now, with the
 * same metering_sn (a re-push is recognised, never counted twice), and an audit row naming the
 * staff member (the session user's name) and the time, written in the same transaction.
 */
import type { Prisma } from "~/generated/prisma/client";
import { createTRPCRouter, ownerProcedure, staffProcedure } from "~/server/api/trpc";
import { billingConfig, formatUsageValue, notRequeueableCode, pushHealth, requeueDeadLetter, requeuesOf, sqlToUnits, unitsToSql } from "~/server/billing";
import { containsText, windowWhere } from "./list-window";
import { mktCode } from "~/server/openapi/mkt-codes";
import { DEV_DEFAULTS, originOf } from "~/env";
import {
  grantSelect,
  ledgerEntrySelect,
  ledgerPushRecordSelect,
  pushRecordSelect,
  ZGrantsInput,
  ZLedgerListInput,
  ZDeadLetterListInput,
  ZPushRecordListInput,
  ZPushRecordRequeueInput,
} from "./usage-admin.schema";

const HOUR = 3_600_000;

type PushRecordRow = Prisma.UsagePushRecordGetPayload<{ select: typeof pushRecordSelect }>;
type Decimalish = { toFixed(digits: number): string };

/** Decimal column → its exact text with at most 4 decimals ("12.34"; "0" for zero). */
const amountText = (d: Decimalish) => formatUsageValue(d.toFixed(4));

/** The usage client writes "HTTP 400 CODE message" (usage-push.ts); timeouts and network errors carry none. */
export function httpStatusOf(lastError: string | null): number | null {
  const m = lastError ? /^HTTP (\d{3})\b/.exec(lastError) : null;
  return m ? Number(m[1]) : null;
}

function toPushRecord(r: PushRecordRow, nowMs = Date.now()) {
  const answer = mktCode(r.lastResultCode ?? undefined);
  return {
    ...r,
    /** instance_id; null while a 用完即停 package has no on-demand instance. */
    instanceId: r.instanceId || null,
    packageInstanceId: r.packageInstanceId || null,
    /** As pushed (usage_value): no trailing zeros. */
    usageValue: amountText(r.usageValue),
    hourEnd: new Date(r.hourStart.getTime() + HOUR),
    lastHttpStatus: httpStatusOf(r.lastError),
    /** What the last answer code means (MKT.* table), and whether it is an alert for staff. */
    answerMeaning: answer?.meaning ?? null,
    alert: answer?.alert ?? null,
    /** For dead letters: why staff cannot re-queue it (null = they can). */
    notRequeueable: r.status === "FAILED" ? notRequeueableCode(r, nowMs, billingConfig().usagePush.maxRecordAgeMs) : null,
  };
}

/** Free-text search over a push record (records and dead-letter tabs). */
export function pushRecordSearchWhere(search: string): Prisma.UsagePushRecordWhereInput {
  const text = containsText(search);
  return { OR: [{ meteringSn: text }, { instanceId: text }, { packageInstanceId: text }, { meter: text }, { lastResultCode: text }] };
}

/** Free-text search over a ledger entry. */
export function ledgerSearchWhere(search: string): Prisma.UsageEntryWhereInput {
  const text = containsText(search);
  // debitId is a uuid column: matched whole, not in part.
  const debit = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(search) ? [{ debitId: search.toLowerCase() }] : [];
  return { OR: [{ accountKey: text }, { instanceId: text }, { billedInstanceId: text }, { packageInstanceId: text }, { meter: text }, ...debit] };
}

/** AND of the optional parts (each may carry its own OR). */
function allOf<W>(...parts: (W | undefined | false)[]): { AND: W[] } {
  return { AND: parts.filter((p): p is W => Boolean(p)) };
}

export const usageAdminRouter = createTRPCRouter({
  /** Usage push outbox, newest hour first (then supplementary records before the first). */
  pushRecords: staffProcedure.input(ZPushRecordListInput).query(async ({ ctx, input }) => {
    const where = allOf<Prisma.UsagePushRecordWhereInput>(
      { status: input.status, hourStart: windowWhere(input) },
      input.instanceId ? { OR: [{ instanceId: input.instanceId }, { packageInstanceId: input.instanceId }] } : undefined,
      input.search ? pushRecordSearchWhere(input.search) : undefined,
    );
    // One extra row tells whether an older page exists; `id` makes the order total.
    const rows = await ctx.db.usagePushRecord.findMany({
      where,
      select: pushRecordSelect,
      orderBy: [{ hourStart: "desc" }, { seq: "desc" }, { id: "desc" }],
      take: input.limit + 1,
      ...(input.cursor ? { cursor: { id: input.cursor }, skip: 1 } : {}),
    });
    const items = rows.slice(0, input.limit).map(toPushRecord);
    const nextCursor = rows.length > input.limit ? (items.at(-1)?.id ?? null) : null;
    return { items, nextCursor };
  }),

  /**
   * Dead letters (FAILED), most recent first: the reason, the marketplace's last answer, whether
   * staff may re-queue it, and the re-queues so far (who, when, what it had died of).
   */
  deadLetters: staffProcedure.input(ZDeadLetterListInput).query(async ({ ctx, input }) => {
    const nowMs = Date.now();
    const rows = await ctx.db.usagePushRecord.findMany({
      where: allOf<Prisma.UsagePushRecordWhereInput>(
        { status: "FAILED", deadReason: input.reason, hourStart: windowWhere(input) },
        input.instanceId ? { OR: [{ instanceId: input.instanceId }, { packageInstanceId: input.instanceId }] } : undefined,
        input.search ? pushRecordSearchWhere(input.search) : undefined,
      ),
      select: pushRecordSelect,
      orderBy: [{ deadAt: { sort: "desc", nulls: "last" } }, { id: "desc" }],
      take: input.limit + 1,
      ...(input.cursor ? { cursor: { id: input.cursor }, skip: 1 } : {}),
    });
    const page = rows.slice(0, input.limit);
    const requeues = await requeuesOf(ctx.db, page.map((r) => r.id), 5);
    const items = page.map((r) => ({ ...toPushRecord(r, nowMs), requeues: requeues.get(r.id) ?? [] }));
    const nextCursor = rows.length > input.limit ? (items.at(-1)?.id ?? null) : null;
    return { items, nextCursor };
  }),

  /** Health of the push: counts per status, the oldest record waiting, the last success, settings. */
  summary: staffProcedure.query(async ({ ctx }) => {
    const nowMs = Date.now();
    const health = await pushHealth(ctx.db, nowMs);
    const cfg = billingConfig();
    return {
      now: new Date(nowMs),
      counts: health.counts,
      total: health.total,
      deadByReason: health.deadByReason,
      alerts: health.alerts,
      /** PENDING records whose next attempt time has come (pushed by the next worker cycle). */
      dueNow: health.dueNow,
      oldestPending: health.oldestPending,
      lastSentAt: health.lastSentAt,
      /** Whether things are on and configured — never a key, secret or credential. */
      config: {
        usagePushEnabled: cfg.usagePush.enabled,
        queryOrderEnabled: cfg.queryOrder,
        openApiAkConfigured: Boolean(cfg.openApi.ak),
        openApiSkConfigured: Boolean(cfg.openApi.sk),
        // The effective key (it defaults to KOOGALLERY_ACCESS_KEY, which has a development default).
        usagePushKeyConfigured: cfg.usagePush.key.length > 0 && cfg.usagePush.key !== DEV_DEFAULTS.KOOGALLERY_ACCESS_KEY,
        packageUsagePush: cfg.usagePush.packageUsage,
        stopPackageInstance: cfg.usagePush.stopPackageInstance,
        openApiEndpoint: originOf(cfg.openApi.endpoint),
      },
    };
  }),

  /** Recent ledger entries, newest first, each with what became of it in the push. */
  ledger: staffProcedure.input(ZLedgerListInput).query(async ({ ctx, input }) => {
    const where = allOf<Prisma.UsageEntryWhereInput>(
      { accountKey: input.accountKey, createdAt: windowWhere(input) },
      input.instanceId ? { OR: [{ instanceId: input.instanceId }, { billedInstanceId: input.instanceId }, { packageInstanceId: input.instanceId }] } : undefined,
      input.search ? ledgerSearchWhere(input.search) : undefined,
    );
    // Ids grow with every write, so id order is "newest written first" and cheap on big ledgers.
    const rows = await ctx.db.usageEntry.findMany({
      where,
      select: ledgerEntrySelect,
      orderBy: { id: "desc" },
      take: input.limit + 1,
      ...(input.cursor ? { cursor: { id: BigInt(input.cursor) }, skip: 1 } : {}),
    });
    const page = rows.slice(0, input.limit);
    const recordIds = [...new Set(page.flatMap((e) => (e.pushRecordId ? [e.pushRecordId] : [])))];
    const records = recordIds.length
      ? await ctx.db.usagePushRecord.findMany({ where: { id: { in: recordIds } }, select: ledgerPushRecordSelect })
      : [];
    const byId = new Map(records.map((r) => [r.id, r]));
    const items = page.map((e) => ({
      ...e,
      id: e.id.toString(),
      amount: amountText(e.amount),
      /**
       * NOT_BILLED: prepaid (allowance, package under `overflow`) or unlimited — never pushed;
       * NOT_AGGREGATED: billed, its hour not aggregated yet; AGGREGATED: in `pushRecord`.
       */
      pushState: (e.billedInstanceId === null ? "NOT_BILLED" : e.pushRecordId === null ? "NOT_AGGREGATED" : "AGGREGATED") as
        | "NOT_BILLED"
        | "NOT_AGGREGATED"
        | "AGGREGATED",
      pushRecord: e.pushRecordId ? (byId.get(e.pushRecordId) ?? null) : null,
    }));
    const nextCursor = rows.length > input.limit ? (items.at(-1)?.id ?? null) : null;
    return { items, nextCursor };
  }),

  /** Packages and monthly allowances of one account, per meter in the order consume() draws them. */
  grants: staffProcedure.input(ZGrantsInput).query(async ({ ctx, input }) => {
    const nowMs = Date.now();
    const rows = await ctx.db.meterGrant.findMany({
      where: { accountKey: input.accountKey },
      select: grantSelect,
      orderBy: [{ meter: "asc" }, { validUntil: { sort: "asc", nulls: "last" } }, { validFrom: "asc" }, { grantKey: "asc" }],
      take: 500,
    });
    const sources = await ctx.db.instance.findMany({
      where: { id: { in: [...new Set(rows.map((g) => g.sourceInstanceId))] } },
      select: { id: true, status: true },
    });
    const statusOf = new Map(sources.map((s) => [s.id, s.status]));
    return rows.map((g) => {
      const remainingUnits = sqlToUnits(g.quota.toFixed(4)) - sqlToUnits(g.used.toFixed(4));
      const sourceInstanceStatus = statusOf.get(g.sourceInstanceId) ?? null;
      // Mirrors what drawdown-sql.ts may draw: valid now, source instance ACTIVE, something left.
      const state =
        g.validFrom.getTime() > nowMs
          ? "NOT_YET_VALID"
          : g.validUntil && g.validUntil.getTime() <= nowMs
            ? "EXPIRED"
            : sourceInstanceStatus !== "ACTIVE"
              ? "SOURCE_INACTIVE"
              : remainingUnits <= 0
                ? "USED_UP"
                : "DRAWABLE";
      return {
        ...g,
        quota: amountText(g.quota),
        used: amountText(g.used),
        remaining: formatUsageValue(unitsToSql(Math.max(0, remainingUnits))),
        sourceInstanceStatus,
        state: state as "NOT_YET_VALID" | "EXPIRED" | "SOURCE_INACTIVE" | "USED_UP" | "DRAWABLE",
      };
    });
  }),

  /**
   * Puts a dead letter back in the queue after its cause was fixed; recorded with the staff
   * member's name and the time. Refused: a record that is not FAILED (PENDING is queued already,
   * SENT would count twice) or that can no longer be billed (older than 21 days, debug instance).
   */
  requeue: ownerProcedure.input(ZPushRecordRequeueInput).mutation(async ({ ctx, input }) => {
    const nowMs = Date.now();
    await requeueDeadLetter(ctx.db, {
      id: input.id,
      requeuedBy: ctx.actor.name,
      actorRole: ctx.actor.role,
      clientAddress: ctx.actor.clientAddress,
      nowMs,
      maxAgeMs: billingConfig().usagePush.maxRecordAgeMs,
    });
    const record = await ctx.db.usagePushRecord.findUniqueOrThrow({ where: { id: input.id }, select: pushRecordSelect });
    return toPushRecord(record, nowMs);
  }),
});

/**
 * The staff view of metering and the usage push (docs/billing.md §5–6): what was metered (the
 * ledger), what each account still holds (grants), what we sent to the marketplace and what it
 * answered (the outbox), and a way to send a record the marketplace refused once more.
 *
 * Read-only except `retry`, which is one conditional update: FAILED → PENDING, due now. It keeps
 * the metering_sn, the attempt count and the last answer (shown until the next attempt replaces
 * it), so a re-push is recognised by the marketplace and nothing is counted twice.
 */
import type { Prisma } from "~/generated/prisma/client";
import { createTRPCRouter, staffProcedure } from "~/server/api/trpc";
import { sqlToUnits, unitsToSql } from "~/server/billing/amounts";
import { billingConfig } from "~/server/billing/config";
import { pushHealth } from "~/server/billing/push-health";
import { formatUsageValue } from "~/server/billing/push";
import { DEV_DEFAULTS } from "~/env";
import { AppError } from "~/server/errors";
import { originOf } from "~/server/setup-health";
import {
  grantSelect,
  ledgerEntrySelect,
  ledgerPushRecordSelect,
  pushRecordSelect,
  ZGrantsInput,
  ZLedgerListInput,
  ZPushRecordListInput,
  ZPushRecordRetryInput,
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

function toPushRecord(r: PushRecordRow) {
  return {
    ...r,
    packageInstanceId: r.packageInstanceId || null,
    /** As pushed (usage_value): no trailing zeros. */
    usageValue: amountText(r.usageValue),
    hourEnd: new Date(r.hourStart.getTime() + HOUR),
    lastHttpStatus: httpStatusOf(r.lastError),
  };
}


export const usageAdminRouter = createTRPCRouter({
  /** Usage push outbox, newest hour first (then supplementary records before the first). */
  pushRecords: staffProcedure.input(ZPushRecordListInput).query(async ({ ctx, input }) => {
    const where: Prisma.UsagePushRecordWhereInput = {
      status: input.status,
      ...(input.instanceId ? { OR: [{ instanceId: input.instanceId }, { packageInstanceId: input.instanceId }] } : {}),
    };
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

  /** Health of the push: counts per status, the oldest record waiting, the last success, settings. */
  summary: staffProcedure.query(async ({ ctx }) => {
    const nowMs = Date.now();
    const health = await pushHealth(ctx.db, nowMs);
    const cfg = billingConfig();
    return {
      now: new Date(nowMs),
      counts: health.counts,
      total: health.total,
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
        openApiEndpoint: originOf(cfg.openApi.endpoint),
      },
    };
  }),

  /** Recent ledger entries, newest first, each with what became of it in the push. */
  ledger: staffProcedure.input(ZLedgerListInput).query(async ({ ctx, input }) => {
    const where: Prisma.UsageEntryWhereInput = {
      accountKey: input.accountKey,
      ...(input.instanceId
        ? { OR: [{ instanceId: input.instanceId }, { billedInstanceId: input.instanceId }, { packageInstanceId: input.instanceId }] }
        : {}),
    };
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
   * Sends a FAILED record again: status PENDING and due now, nothing else changes. Only FAILED
   * records (a PENDING one is already queued, a SENT one would be counted twice).
   */
  retry: staffProcedure.input(ZPushRecordRetryInput).mutation(async ({ ctx, input }) => {
    const { count } = await ctx.db.usagePushRecord.updateMany({
      where: { id: input.id, status: "FAILED" },
      data: { status: "PENDING", nextAttemptAt: new Date(), leaseUntil: null },
    });
    const record = await ctx.db.usagePushRecord.findUnique({ where: { id: input.id }, select: pushRecordSelect });
    if (!record) throw new AppError("NOT_FOUND", `usage record ${input.id}`);
    if (count === 0) throw new AppError("PUSH_RECORD_NOT_FAILED", `usage record ${record.meteringSn} is ${record.status}`);
    return toPushRecord(record);
  }),
});

/**
 * getUsageSummary(): what the tenant home page shows — plan, status and expiry, features, count
 * quota bars, per-meter prepaid balances (packages, monthly allowance) and usage this quota month,
 * and daily usage for the last `days` days. Read-only; does not refuse (a frozen tenant still sees
 * why, via `refusal`).
 */
import type { PrismaClient } from "~/generated/prisma/client";
import type { AppErrorCode } from "~/server/errors";
import { sqlToUnits, unitsToNumber } from "./amounts";
import type { BillingMode, Text } from "./catalog-types";
import { activeCatalog, billingConfig } from "./config";
import { getEntitlement } from "./entitlements";
import { meterRule, quotaPeriod } from "./plan-view";
import { quotaUsage } from "./quota-allocation";

export interface UsageSummary {
  instanceId: string;
  plan: { id: string; name: Text; billingMode: BillingMode; inTrial: boolean };
  status: string;
  expireAt: Date | null;
  trialEndsAt: Date | null;
  refusal?: AppErrorCode;
  features: Array<{ key: string; name: Text; included: boolean }>;
  quotas: Array<{ key: string; name: Text; limit: number; used: number }>;
  meters: Array<{
    meter: string;
    name: Text;
    unit: Text;
    /** The unit after exactly one (catalog `unitOne`, else `unit`). */
    unitOne: Text;
    /** allowance | packages | on-demand | unmetered | none (not in the plan) */
    rule: "allowance" | "packages" | "on-demand" | "unmetered" | "none";
    /** Packages and this month's allowance still valid, oldest-expiring first. */
    grants: Array<{ kind: string; sourceInstanceId: string; quota: number; used: number; remaining: number; validUntil: Date | null }>;
    /** Prepaid balance left over all grants (what the next debit may draw without billing on
     *  demand); null when the meter has no prepaid limit (unmetered, not in the plan, or pure
     *  on-demand without packages). */
    remaining: number | null;
    usedThisPeriod: number;
    /**
     * The part of this month's usage billed on demand: what no package or allowance covered
     * (ledger entries without a grant). Prepaid usage is never counted here, even when it is
     * pushed to the marketplace (用完即停 usage is pushed against its package).
     */
    onDemandThisPeriod: number;
  }>;
  period: { start: Date; end: Date };
  daily: Array<{ day: string; meter: string; amount: number }>;
}

export async function getUsageSummary(prisma: PrismaClient, instanceId: string, opts: { nowMs?: number; days?: number } = {}): Promise<UsageSummary> {
  const nowMs = opts.nowMs ?? Date.now();
  const days = Math.min(Math.max(Math.trunc(opts.days ?? 30), 1), 92);
  const catalog = activeCatalog();
  const ent = await getEntitlement(prisma, instanceId, { nowMs });
  const period = quotaPeriod(catalog, nowMs);
  const now = new Date(nowMs);
  const offset = `${catalog.quotaPeriodUtcOffsetMinutes} minutes`;

  const [allocated, grants, periodUsage, daily] = await Promise.all([
    quotaUsage(prisma, ent.accountKey),
    prisma.meterGrant.findMany({
      where: { accountKey: ent.accountKey, validFrom: { lte: now }, OR: [{ validUntil: null }, { validUntil: { gt: now } }] },
      orderBy: [{ validUntil: { sort: "asc", nulls: "last" } }, { validFrom: "asc" }, { grantKey: "asc" }],
    }),
    prisma.$queryRawUnsafe<Array<{ meter: string; used: string; on_demand: string }>>(
      `SELECT "meter", SUM("amount")::text AS used,
              COALESCE(SUM("amount") FILTER (WHERE "grantId" IS NULL AND "billedInstanceId" IS NOT NULL), 0)::text AS on_demand
         FROM "UsageEntry" WHERE "accountKey" = $1::text AND "createdAt" >= $2::text::timestamp(3) GROUP BY "meter"`,
      ent.accountKey,
      period.start.toISOString(),
    ),
    prisma.$queryRawUnsafe<Array<{ day: string; meter: string; amount: string }>>(
      `SELECT to_char(date_trunc('day', "createdAt" + $3::text::interval), 'YYYY-MM-DD') AS day, "meter", SUM("amount")::text AS amount
         FROM "UsageEntry" WHERE "accountKey" = $1::text AND "createdAt" >= $2::text::timestamp(3)
        GROUP BY 1, 2 ORDER BY 1, 2`,
      ent.accountKey,
      new Date(nowMs - days * 86_400_000).toISOString(),
      offset,
    ),
  ]);

  const usageBy = new Map(periodUsage.map((u) => [u.meter, u]));
  const packageUsage = billingConfig().usagePush.packageUsage;
  return {
    instanceId,
    plan: { id: ent.planId, name: ent.planName, billingMode: ent.billingMode, inTrial: ent.inTrial },
    status: ent.status,
    expireAt: ent.expireAt,
    trialEndsAt: ent.trialEndsAt,
    ...(ent.refusal ? { refusal: ent.refusal } : {}),
    features: Object.entries(catalog.features).map(([key, name]) => ({ key, name, included: ent.features.includes(key) })),
    quotas: Object.entries(ent.quotas).map(([key, limit]) => ({ key, name: catalog.quotas[key]!, limit, used: allocated[key] ?? 0 })),
    meters: Object.entries(catalog.meters).map(([meter, def]) => {
      const rule = meterRule(catalog, ent.accountKey, ent.livePlans, meter, nowMs, packageUsage);
      const mine = grants.filter((g) => g.meter === meter && (g.kind === "PACKAGE" || g.validFrom >= period.start));
      const u = usageBy.get(meter);
      const shown = mine.map((g) => {
        const quota = sqlToUnits(g.quota.toFixed(4));
        const used = sqlToUnits(g.used.toFixed(4));
        return { kind: g.kind, sourceInstanceId: g.sourceInstanceId, quota: unitsToNumber(quota), used: unitsToNumber(used), remaining: unitsToNumber(quota - used), validUntil: g.validUntil };
      });
      // This month's allowance row is only written by the month's first debit (ensureAllowance);
      // until then show it whole, or the quota bar would read "used up" on the 1st of the month.
      if (rule?.kind === "allowance" && !mine.some((g) => g.grantKey === rule.grantKey)) {
        shown.push({ kind: "ALLOWANCE", sourceInstanceId: rule.sourceInstanceId, quota: rule.quota, used: 0, remaining: rule.quota, validUntil: rule.validUntil });
      }
      const limited = rule?.kind === "allowance" || (rule?.kind === "packages" && (rule.overflowTo === null || shown.length > 0));
      return {
        meter,
        name: def.name,
        unit: def.unit,
        unitOne: def.unitOne ?? def.unit,
        rule: !rule ? "none" : rule.kind === "packages" && rule.overflowTo ? "on-demand" : rule.kind,
        grants: shown,
        remaining: limited ? unitsToNumber(shown.reduce((sum, g) => sum + sqlToUnits(g.remaining.toFixed(4)), 0)) : null,
        usedThisPeriod: unitsToNumber(sqlToUnits(u?.used)),
        onDemandThisPeriod: unitsToNumber(sqlToUnits(u?.on_demand)),
      };
    }),
    period: { start: period.start, end: period.end },
    daily: daily.map((d) => ({ day: d.day, meter: d.meter, amount: unitsToNumber(sqlToUnits(d.amount)) })),
  };
}

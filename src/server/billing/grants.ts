/**
 * Creating and adjusting grants (MeterGrant): the packages a package order buys, and the monthly
 * allowance of a plan's metered quota. Every write is idempotent through grantKey.
 */
import type { Prisma, PrismaClient } from "~/generated/prisma/client";
import { quantityToUnits, sqlToUnits, unitsToSql } from "./amounts";
import type { PlanDef } from "./catalog-types";
import type { MeterRule } from "./plan-view";

type Db = PrismaClient | Prisma.TransactionClient;

/**
 * Keyed by order line, not instance id: packages of one order share expiry and order time, and
 * then the key decides the draw order — order line -000001 before -000002.
 */
export const packageGrantKey = (orderId: string, orderLineId: string, meter: string) => `package:${orderId}:${orderLineId}:${meter}`;

/** One grant per meter of the package; called in the transaction that creates the package instance. */
export async function createPackageGrants(
  db: Db,
  input: { instanceId: string; orderId: string; orderLineId: string; accountKey: string; plan: PlanDef; validFrom: Date; validUntil: Date | null },
): Promise<void> {
  const data = Object.entries(input.plan.package ?? {}).map(([meter, quota]) => ({
    grantKey: packageGrantKey(input.orderId, input.orderLineId, meter),
    accountKey: input.accountKey,
    meter,
    kind: "PACKAGE",
    sourceInstanceId: input.instanceId,
    quota: unitsToSql(quantityToUnits(quota)),
    validFrom: input.validFrom,
    validUntil: input.validUntil,
  }));
  if (data.length) await db.meterGrant.createMany({ data, skipDuplicates: true });
}

/** The current month's allowance grant (created on the first debit of the month). */
export async function ensureAllowance(
  db: Db,
  accountKey: string,
  meter: string,
  rule: Extract<MeterRule, { kind: "allowance" }>,
): Promise<void> {
  await db.meterGrant.createMany({
    data: [
      {
        grantKey: rule.grantKey,
        accountKey,
        meter,
        kind: "ALLOWANCE",
        sourceInstanceId: rule.sourceInstanceId,
        quota: unitsToSql(quantityToUnits(rule.quota)),
        validFrom: rule.validFrom,
        validUntil: rule.validUntil,
      },
    ],
    skipDuplicates: true,
  });
}

/**
 * After an upgrade, a trial conversion or a renewal change: the running month's allowances take
 * the new plan's quotas at once (a downgrade below what was used leaves nothing to draw).
 * Meters the new plan no longer limits lose their allowance for the rest of the month.
 */
export async function syncAllowances(
  db: Db,
  accountKey: string,
  meters: Record<string, { monthlyQuota?: number }>,
  nowMs: number,
): Promise<void> {
  const current = await db.meterGrant.findMany({
    where: { accountKey, kind: "ALLOWANCE", validUntil: { gt: new Date(nowMs) } },
    select: { id: true, meter: true, quota: true },
  });
  for (const g of current) {
    const q = meters[g.meter]?.monthlyQuota;
    const quota = unitsToSql(q === undefined ? 0 : quantityToUnits(q));
    if (g.quota.toFixed(4) !== quota) await db.meterGrant.update({ where: { id: g.id }, data: { quota } });
  }
}

/** Prepaid balance (units) an account can still draw for a meter now. */
export async function prepaidBalance(db: Db, accountKey: string, meter: string, nowMs: number): Promise<number> {
  const rows = await db.$queryRawUnsafe<Array<{ left: string | null }>>(
    `SELECT SUM(g."quota" - g."used")::text AS "left"
       FROM "MeterGrant" g JOIN "Instance" i ON i."id" = g."sourceInstanceId"
      WHERE g."accountKey" = $1::text AND g."meter" = $2::text AND i."status" = 'ACTIVE'
        AND g."validFrom" <= $3::text::timestamp(3) AND (g."validUntil" IS NULL OR g."validUntil" > $3::text::timestamp(3))`,
    accountKey,
    meter,
    new Date(nowMs).toISOString(),
  );
  return sqlToUnits(rows[0]?.left);
}

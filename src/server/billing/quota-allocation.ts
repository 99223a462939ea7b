/**
 * Count quotas (seats, projects …): take and give back units of a plan's quota atomically.
 *
 *   await allocateQuota(prisma, { instanceId, quota: "projects", amount: 1 });  // before creating
 *   await releaseQuota(prisma, { instanceId, quota: "projects", amount: 1 });   // after deleting
 *
 * One conditional upsert per call: concurrent allocations from any number of processes never take
 * the account past its limit. After a downgrade `used` may sit above the new limit; allocations
 * are refused until enough is released. For counts the app already keeps in its own tables,
 * assertWithinQuota(ent, quota, count + 1) is the read-only alternative.
 *
 * To create the counted thing in the same transaction (so a failed insert never leaks a unit),
 * use takeQuotaUnits/giveQuotaUnits with the transaction client — quotaProcedure does that.
 */

type Db = PrismaClient | Prisma.TransactionClient;

/**
 * The conditional upsert alone: takes `amount` units unless that would pass `limit`. Returns the
 * new total, or null when refused (nothing taken). Inside a transaction the row stays locked until
 * commit, so concurrent takers queue behind it and each sees the last committed total.
 */
export async function takeQuotaUnits(db: Db, accountKey: string, quota: string, amount: number, limit: number): Promise<number | null> {
  const rows = await db.$queryRawUnsafe<Array<{ used: number }>>(
    `INSERT INTO "QuotaAllocation" ("accountKey", "quota", "used", "updatedAt")
     SELECT $1::text, $2::text, $3::int, now() WHERE $3::int <= $4::int
     ON CONFLICT ("accountKey", "quota") DO UPDATE
        SET "used" = "QuotaAllocation"."used" + EXCLUDED."used", "updatedAt" = now()
      WHERE "QuotaAllocation"."used" + EXCLUDED."used" <= $4::int
     RETURNING "used"`,
    accountKey,
    quota,
    amount,
    limit,
  );
  return rows[0]?.used ?? null;
}

/** Gives units back, never below 0; returns the new total. */
export async function giveQuotaUnits(db: Db, accountKey: string, quota: string, amount: number): Promise<number> {
  const rows = await db.$queryRawUnsafe<Array<{ used: number }>>(
    `UPDATE "QuotaAllocation" SET "used" = GREATEST("used" - $3::int, 0), "updatedAt" = now()
      WHERE "accountKey" = $1::text AND "quota" = $2::text RETURNING "used"`,
    accountKey,
    quota,
    amount,
  );
  return rows[0]?.used ?? 0;
}
import type { Prisma, PrismaClient } from "~/generated/prisma/client";
import { AppError } from "~/server/errors";
import { accountKeyOf } from "./account";
import { assertEntitled } from "./entitlements";

export interface QuotaChange {
  instanceId: string;
  quota: string;
  /** Whole number ≥ 1. */
  amount: number;
  nowMs?: number;
}

function check(c: QuotaChange): void {
  if (!Number.isInteger(c.amount) || c.amount < 1 || c.amount > 1_000_000) {
    throw new AppError("INVALID_INPUT", "amount must be a whole number between 1 and 1,000,000");
  }
}

/** Returns how much of the quota is in use afterwards. Throws QUOTA_EXCEEDED (nothing taken). */
export async function allocateQuota(prisma: PrismaClient, c: QuotaChange): Promise<{ used: number; limit: number }> {
  check(c);
  const ent = await assertEntitled(prisma, c.instanceId, { nowMs: c.nowMs });
  const limit = ent.quotas[c.quota];
  if (limit === undefined) throw new AppError("FEATURE_NOT_IN_PLAN", `quota "${c.quota}" is not in plan ${ent.planId}`);
  const used = await takeQuotaUnits(prisma, ent.accountKey, c.quota, c.amount, limit);
  if (used === null) throw new AppError("QUOTA_EXCEEDED", `${c.quota}: limit ${limit}`);
  return { used, limit };
}

/** Gives units back (never below 0). Works on frozen or released instances too. */
export async function releaseQuota(prisma: PrismaClient, c: Omit<QuotaChange, "nowMs">): Promise<{ used: number }> {
  check(c);
  const inst = await prisma.instance.findUnique({ where: { id: c.instanceId }, select: { id: true, accountKey: true } });
  if (!inst) throw new AppError("INSTANCE_NOT_FOUND", `instance ${c.instanceId} does not exist`);
  return { used: await giveQuotaUnits(prisma, accountKeyOf(inst), c.quota, c.amount) };
}

/** Current allocations of an account, for quota bars. */
export async function quotaUsage(prisma: PrismaClient, accountKey: string): Promise<Record<string, number>> {
  const rows = await prisma.quotaAllocation.findMany({ where: { accountKey }, select: { quota: true, used: true } });
  return Object.fromEntries(rows.map((r) => [r.quota, r.used]));
}

/**
 * Count quotas (seats, projects …): the storage behind quotaProcedure (src/server/api/trpc.ts),
 * the app's one count-quota API. Its ctx.quota.take(n, fn) takes units with takeQuotaUnits in the
 * transaction that creates the counted thing (so a failed insert never leaks a unit); deleting
 * gives them back with giveQuotaUnits in the deleting transaction (routers/project.ts).
 *
 * One conditional upsert per call: concurrent takes from any number of processes never take
 * the account past its limit. After a downgrade `used` may sit above the new limit; takes
 * are refused until enough is given back.
 */
import type { Prisma, PrismaClient } from "~/generated/prisma/client";

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

/** Current allocations of an account, for quota bars. */
export async function quotaUsage(prisma: PrismaClient, accountKey: string): Promise<Record<string, number>> {
  const rows = await prisma.quotaAllocation.findMany({ where: { accountKey }, select: { quota: true, used: true } });
  return Object.fromEntries(rows.map((r) => [r.quota, r.used]));
}

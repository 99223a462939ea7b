/**
 * Data retention: releaseInstance sets dataPurgeAfter = release + DATA_RETENTION_DAYS; once that
 * has passed, the billing worker deletes the tenant's data and stamps dataPurgedAt.
 *
 * Each instance is purged in its own transaction, claimed with FOR UPDATE SKIP LOCKED, so
 * replicas share the work and a crash mid-purge leaves the instance to be purged again (purgers
 * must be idempotent). What to delete for each feature's tables is listed in one registry,
 * src/server/features.ts (PRODUCT_FEATURES), which this module imports — so the server and the
 * standalone worker purge the same tables without side-effect imports.
 *
 * Billing's own purger drops the account's count-quota allocations and allowances once no live
 * instance is left in the account. The usage ledger, debits and push records are financial
 * records and are kept (they hold no personal data); the Instance row stays as a tombstone.
 */
import type { Prisma, PrismaClient } from "~/generated/prisma/client";
import { PRODUCT_FEATURES } from "~/server/features";
import { accountKeyOf } from "./account";

export interface PurgeTarget {
  instanceId: string;
  accountKey: string;
}

export type DataPurger = (tx: Prisma.TransactionClient, target: PurgeTarget) => Promise<unknown>;

/** Runs after the features' purgers. */
const purgeBillingData: DataPurger = async (tx, t) => {
  const others = await tx.instance.count({ where: { accountKey: t.accountKey, status: { not: "RELEASED" }, id: { not: t.instanceId } } });
  if (others > 0) return;
  await tx.quotaAllocation.deleteMany({ where: { accountKey: t.accountKey } });
  await tx.meterGrant.deleteMany({ where: { accountKey: t.accountKey, kind: "ALLOWANCE" } });
};

export interface PurgeOptions {
  /** At most this many instances per call. */
  max?: number;
  /** The features whose data is deleted; tests add an observer to the registry's list. */
  features?: ReadonlyArray<{ purge: DataPurger }>;
}

/** Purges every instance whose retention has ended; returns how many. */
export async function purgeReleasedData(prisma: PrismaClient, nowMs: number, opts: PurgeOptions = {}): Promise<number> {
  const max = opts.max ?? 100;
  const purgers = [...(opts.features ?? PRODUCT_FEATURES).map((f) => f.purge), purgeBillingData];
  let purged = 0;
  for (; purged < max; purged++) {
    const done = await prisma.$transaction(
      async (tx) => {
        const [row] = await tx.$queryRawUnsafe<Array<{ id: string; accountKey: string | null }>>(
          `SELECT "id", "accountKey" FROM "Instance"
            WHERE "status" = 'RELEASED' AND "dataPurgedAt" IS NULL AND "dataPurgeAfter" <= $1::text::timestamp(3)
            ORDER BY "dataPurgeAfter" LIMIT 1 FOR UPDATE SKIP LOCKED`,
          new Date(nowMs).toISOString(),
        );
        if (!row) return false;
        const target = { instanceId: row.id, accountKey: accountKeyOf(row) };
        for (const purge of purgers) await purge(tx, target);
        await tx.instance.update({ where: { id: row.id }, data: { dataPurgedAt: new Date(nowMs) } });
        return true;
      },
      { maxWait: 10_000, timeout: 60_000 },
    );
    if (!done) break;
  }
  return purged;
}

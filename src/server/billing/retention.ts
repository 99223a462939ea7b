/**
 * Data retention: releaseInstance sets dataPurgeAfter = release + DATA_RETENTION_DAYS; once that
 * has passed, the billing worker deletes the tenant's data and stamps dataPurgedAt.
 *
 * Each instance is purged in its own transaction, claimed with FOR UPDATE SKIP LOCKED, so
 * replicas share the work and a crash mid-purge leaves the instance to be purged again (purgers
 * must be idempotent). Feature code registers what to delete for its own tables:
 *
 *   registerDataPurger("projects", (tx, t) => tx.project.deleteMany({ where: { instanceId: t.instanceId } }));
 *
 * Billing's own purger drops the account's count-quota allocations and allowances once no live
 * instance is left in the account. The usage ledger, debits and push records are financial
 * records and are kept (they hold no personal data); the Instance row stays as a tombstone.
 */
import type { Prisma, PrismaClient } from "~/generated/prisma/client";
import { accountKeyOf } from "./account";

export interface PurgeTarget {
  instanceId: string;
  accountKey: string;
}

export type DataPurger = (tx: Prisma.TransactionClient, target: PurgeTarget) => Promise<unknown>;

// Code registered at startup, not state: every process registers the same purgers.
const purgers = new Map<string, DataPurger>();

export function registerDataPurger(name: string, purger: DataPurger): void {
  purgers.set(name, purger);
}

registerDataPurger("billing", async (tx, t) => {
  const others = await tx.instance.count({ where: { accountKey: t.accountKey, status: { not: "RELEASED" }, id: { not: t.instanceId } } });
  if (others > 0) return;
  await tx.quotaAllocation.deleteMany({ where: { accountKey: t.accountKey } });
  await tx.meterGrant.deleteMany({ where: { accountKey: t.accountKey, kind: "ALLOWANCE" } });
});

/** Purges every instance whose retention has ended; returns how many. */
export async function purgeReleasedData(prisma: PrismaClient, nowMs: number, max = 100): Promise<number> {
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
        for (const purge of purgers.values()) await purge(tx, target);
        await tx.instance.update({ where: { id: row.id }, data: { dataPurgedAt: new Date(nowMs) } });
        return true;
      },
      { maxWait: 10_000, timeout: 60_000 },
    );
    if (!done) break;
  }
  return purged;
}

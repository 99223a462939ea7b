/**
 * Metering benchmark: consume() debits per second at 64 concurrent callers on one hot 用完即停
 * package (the worst case: every debit locks the same grant row), on PGlite and on PostgreSQL when
 * reachable, next to a raw single-row `UPDATE … SET used = used + 1` baseline on the same row,
 * same pool, same concurrency, measured in the same run. The ratio is what the entitlement check,
 * idempotency claim and ledger cost on top of the bare update. Also: an on-demand meter (no
 * package row to lock, the debit is two inserts).
 *
 *   npx tsx -e "import('./bench/metering.ts').then(m=>m.runMeteringBench())"
 */
import { randomBytes } from "node:crypto";
import type { PrismaClient } from "~/generated/prisma/client";
import { ownAccountKey } from "~/server/billing/account";
import { consume } from "~/server/billing/consume";
import { setCatalogForTests } from "~/server/billing/config";
import { TEST_CATALOG } from "../tests/helpers/billing";
import { fmt, forEachDatabase, throughput } from "./harness";

const CONCURRENCY = 64;

async function seedInstance(prisma: PrismaClient, planId: string): Promise<{ instanceId: string; grantId?: string }> {
  const instanceId = `bench-${planId}-${randomBytes(4).toString("hex")}`;
  const accountKey = ownAccountKey(instanceId);
  await prisma.instance.create({
    data: {
      id: instanceId,
      newInstanceKey: `bench:${instanceId}`,
      orderId: instanceId,
      orderLineId: `${instanceId}-1`,
      businessId: instanceId,
      adminUserName: "bench",
      adminPasswordEnc: "-",
      planId,
      accountKey,
    },
  });
  if (planId !== "stop") return { instanceId };
  const g = await prisma.meterGrant.create({
    data: { grantKey: `bench:${instanceId}`, accountKey, meter: "calls", kind: "PACKAGE", sourceInstanceId: instanceId, quota: "1000000000000", validFrom: new Date(0) },
  });
  return { instanceId, grantId: g.id };
}

async function ledgerCheck(prisma: PrismaClient, instanceId: string, expected: number): Promise<string> {
  const debits = await prisma.usageDebit.count({ where: { instanceId } });
  const sum = await prisma.usageEntry.aggregate({ where: { instanceId }, _sum: { amount: true } });
  const total = Number(sum._sum.amount ?? 0);
  return debits === expected && total === expected ? "ledger == debits ✓" : `LEDGER MISMATCH: ${debits} debits, ledger ${total}, expected ${expected}`;
}

export async function runMeteringBench(): Promise<void> {
  console.log(`\n## Metering (consume) — ${CONCURRENCY} concurrent callers on one account`);
  setCatalogForTests(TEST_CATALOG);
  try {
    await forEachDatabase(async (db, target) => {
      const total = target === "PGlite" ? 2_000 : 5_000;
      console.log(`${total} operations per measurement`);
      const pkg = await seedInstance(db.prisma, "stop");
      const od = await seedInstance(db.prisma, "od");
      // Warm-up: plan caches, pool connections.
      await throughput(200, CONCURRENCY, (i) => consume(db.prisma, { instanceId: pkg.instanceId, meter: "calls", amount: 1, idempotencyKey: `warm-${i}` }));
      await db.prisma.$executeRawUnsafe(`DELETE FROM "UsageEntry"`);
      await db.prisma.$executeRawUnsafe(`DELETE FROM "UsageDebit"`);

      process.stdout.write("  raw UPDATE baseline … ");
      const baseline = await throughput(total, CONCURRENCY, () =>
        db.prisma.$executeRawUnsafe(`UPDATE "MeterGrant" SET "used" = "used" + 1 WHERE "id" = $1::uuid`, pkg.grantId),
      );
      console.log(`${fmt(baseline)} updates/s`);

      process.stdout.write("  consume (package drawdown) … ");
      const run = randomBytes(3).toString("hex");
      const debits = await throughput(total, CONCURRENCY, (i) =>
        consume(db.prisma, { instanceId: pkg.instanceId, meter: "calls", amount: 1, idempotencyKey: `${run}-${i}` }),
      );
      console.log(`${fmt(debits)} debits/s`);

      process.stdout.write("  consume (on-demand, no package) … ");
      const onDemand = await throughput(total, CONCURRENCY, (i) =>
        consume(db.prisma, { instanceId: od.instanceId, meter: "calls", amount: 1, idempotencyKey: `${run}-od-${i}` }),
      );
      console.log(`${fmt(onDemand)} debits/s`);

      console.log(`  raw single-row UPDATE baseline:  ${fmt(baseline)} /s`);
      console.log(`  consume, 用完即停 package:        ${fmt(debits)} debits/s   (${(debits / baseline).toFixed(2)}× baseline)   ${await ledgerCheck(db.prisma, pkg.instanceId, total)}`);
      console.log(`  consume, on-demand meter:        ${fmt(onDemand)} debits/s   (${(onDemand / baseline).toFixed(2)}× baseline)   ${await ledgerCheck(db.prisma, od.instanceId, total)}`);
    });
  } finally {
    setCatalogForTests(undefined);
  }
}

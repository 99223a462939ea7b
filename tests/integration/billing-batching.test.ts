/**
 * Group commit of debits (src/server/billing/debit-batcher.ts, drawdown-sql.ts):
 * - one batch statement admits requests exactly as the same requests run one after the other
 *   would (all-or-nothing each, a too-large one refused while later smaller ones still fit);
 * - concurrent consume() calls of one process really share statements;
 * - a process killed while its batches are in flight leaves a consistent ledger: every debit
 *   has entries summing to its amount, grants used == the ledger's grant-drawn parts;
 * - a key another transaction claims after the statement's snapshot fails the plain insert
 *   atomically, and the batch runs again with ON CONFLICT: a replay, nothing debited twice.
 */
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { describe, it } from "node:test";
import type { PrismaClient } from "~/generated/prisma/client";
import { consume } from "~/server/billing/consume";
import { debitBatchStats } from "~/server/billing/debit-batcher";
import { drawdownConflictStats, runDrawdownBatch } from "~/server/billing/drawdown-sql";
import { stopPackageDrawdown, units, uniqueId, useBillingKit } from "../helpers/billing";
import { testTargets, useTestDatabase } from "../helpers/databases";

async function assertLedgerConsistent(prisma: PrismaClient, accountKey: string) {
  const debits = await prisma.usageDebit.findMany({ where: { accountKey }, select: { id: true, amount: true } });
  const entries = await prisma.usageEntry.findMany({ where: { accountKey }, select: { debitId: true, amount: true, grantId: true } });
  const byDebit = new Map<string, number>();
  for (const e of entries) byDebit.set(e.debitId, (byDebit.get(e.debitId) ?? 0) + units([e.amount]));
  for (const d of debits) assert.equal(byDebit.get(d.id) ?? 0, units([d.amount]), `debit ${d.id}: entries sum to its amount`);
  assert.equal(byDebit.size, debits.length, "no entry without its debit");
  const grants = await prisma.meterGrant.findMany({ where: { accountKey }, select: { used: true } });
  assert.equal(units(grants.map((g) => g.used)), units(entries.filter((e) => e.grantId).map((e) => e.amount)), "grants used == grant-drawn ledger");
  return debits.length;
}

for (const target of testTargets()) {
  describe(`batched debits on ${target.name}`, { skip: target.skip }, () => {
    const h = useTestDatabase(target);
    const kit = useBillingKit();
    const prisma = () => h.db.prisma;

    it("one statement admits in arrival order, all-or-nothing each: 60 ✓ 50 ✗ 30 ✓ 20 ✗ 5 ✓ on 100", async () => {
      const [pkg] = await kit.buy(prisma(), "t-stop", { customerId: uniqueId("C"), validDays: 30 });
      const inst = await prisma().instance.findUniqueOrThrow({ where: { id: pkg! } });
      const rows = await runDrawdownBatch(
        prisma(),
        stopPackageDrawdown(inst.accountKey!, pkg!),
        [60, 50, 30, 20, 5].map((amount, i) => ({ amount: String(amount), idempotencyKey: `serial-${i}`, instanceId: pkg! })),
      );
      assert.deepEqual(
        rows.map((r) => [r.debitId !== null, Number(r.available), Number(r.fromGrants)]),
        [
          [true, 100, 60],
          [false, 40, 0],
          [true, 40, 30],
          [false, 10, 0],
          [true, 10, 5],
        ],
      );
      assert.equal(await assertLedgerConsistent(prisma(), inst.accountKey!), 3);
      // The same keys again: every one is a replay of what happened, nothing is debited twice.
      const again = await runDrawdownBatch(
        prisma(),
        stopPackageDrawdown(inst.accountKey!, pkg!),
        [60, 30, 5].map((amount, i) => ({ amount: String(amount), idempotencyKey: `serial-${i * 2}`, instanceId: pkg! })),
      );
      assert.deepEqual(again.map((r) => [r.debitId, r.priorAmount]), [[null, "60.0000"], [null, "30.0000"], [null, "5.0000"]]);
      const grant = await prisma().meterGrant.findFirstOrThrow({ where: { sourceInstanceId: pkg! } });
      assert.equal(grant.used.toFixed(4), "95.0000");
    });

    it("64 concurrent consume() calls share statements and never overdraw", async () => {
      const [pkg] = await kit.buy(prisma(), "t-stop", { customerId: uniqueId("C"), validDays: 30 });
      const before = { ...debitBatchStats };
      const results = await Promise.allSettled(
        Array.from({ length: 64 }, (_, i) => consume(prisma(), { instanceId: pkg!, meter: "calls", amount: 2, idempotencyKey: `share-${i}` })),
      );
      const statements = debitBatchStats.statements - before.statements;
      const requests = debitBatchStats.requests - before.requests;
      assert.equal(results.filter((r) => r.status === "fulfilled").length, 50);
      assert.ok(requests >= 64, `every call went through the batcher (${requests})`);
      assert.ok(statements < requests, `batches were shared: ${statements} statements for ${requests} requests`);
      const remaining = results.flatMap((r) => (r.status === "fulfilled" ? [r.value.remaining!] : [])).sort((a, b) => a - b);
      assert.deepEqual(remaining, Array.from({ length: 50 }, (_, i) => 2 * i), "each caller saw its own remaining balance");
    });
  });
}

const pgTarget = testTargets().find((t) => t.name === "PostgreSQL")!;

describe("a replica killed while its debit batches are in flight", { skip: pgTarget.skip }, () => {
  const h = useTestDatabase(pgTarget);
  const kit = useBillingKit();

  it("leaves every debit whole: entries sum to each debit, none without its debit", async () => {
    const [od] = await kit.buy(h.db.prisma, "t-od", { customerId: uniqueId("C") });
    const accountKey = (await h.db.prisma.instance.findUniqueOrThrow({ where: { id: od! } })).accountKey!;
    const child = spawn(process.execPath, ["--import", "tsx", "tests/helpers/billing-burst-worker.ts", h.url!, od!, "calls"], { stdio: ["ignore", "pipe", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (d) => (stderr += d));
    const exited = new Promise<NodeJS.Signals | number | null>((r) => child.on("exit", (code, signal) => r(signal ?? code)));
    // Wait for the event "debits are flowing" (polling the database), then kill mid-stream. The
    // worker debits until killed, so it is killed whatever happens here (else the file never ends).
    try {
      for (;;) {
        const n = await h.db.prisma.usageDebit.count({ where: { accountKey } });
        if (n >= 200) break;
        if (child.exitCode !== null) assert.fail(`burst worker ended early: ${stderr}`);
        await new Promise((r) => setTimeout(r, 20));
      }
    } finally {
      child.kill("SIGKILL");
    }
    assert.equal(await exited, "SIGKILL");
    const debits = await assertLedgerConsistent(h.db.prisma, accountKey);
    assert.ok(debits >= 200);
  });
});

describe("a key another transaction claims while the batch waits", { skip: pgTarget.skip }, () => {
  const h = useTestDatabase(pgTarget);
  const kit = useBillingKit();

  it("fails the plain insert without writing, runs again with ON CONFLICT and answers a replay", async () => {
    const prisma = h.db.prisma;
    const [pkg] = await kit.buy(prisma, "t-stop", { customerId: uniqueId("C"), validDays: 30 });
    const key = uniqueId("race");
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let debitedInTx!: () => void;
    const inTx = new Promise<void>((r) => (debitedInTx = r));
    // A caller's transaction debits the key and stays open: its debit row and its lock on the
    // package's grant are not committed yet.
    const holder = prisma.$transaction(
      async (tx) => {
        const d = await consume(tx as unknown as PrismaClient, { instanceId: pkg!, meter: "calls", amount: 3, idempotencyKey: key });
        debitedInTx();
        await gate;
        return d;
      },
      { timeout: 600_000, maxWait: 600_000 },
    );
    await inTx;
    const reruns = drawdownConflictStats.reruns;
    const racing = consume(prisma, { instanceId: pkg!, meter: "calls", amount: 3, idempotencyKey: key });
    // Wait for the event "the racing statement waits for the open transaction", then commit it:
    // the statement's snapshot predates the key, so only the unique index can stop it.
    for (;;) {
      const [w] = await prisma.$queryRaw<Array<{ n: number }>>`SELECT COUNT(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`;
      if (w!.n > 0) break;
      await new Promise((r) => setTimeout(r, 20));
    }
    release();
    const first = await holder;
    const second = await racing;
    assert.equal(drawdownConflictStats.reruns - reruns, 1, "the plain insert met the key and the batch ran again");
    assert.equal(first.replayed, false);
    assert.equal(second.replayed, true);
    assert.equal(second.debitId, first.debitId);
    assert.equal(second.amount, 3);
    const accountKey = (await prisma.instance.findUniqueOrThrow({ where: { id: pkg! } })).accountKey!;
    assert.equal(await assertLedgerConsistent(prisma, accountKey), 1, "one debit, and the failed statement wrote nothing");
    const grant = await prisma.meterGrant.findFirstOrThrow({ where: { sourceInstanceId: pkg! } });
    assert.equal(grant.used.toFixed(4), "3.0000");
  });
});

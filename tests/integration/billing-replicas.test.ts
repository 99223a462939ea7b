/**
 * Several app processes metering one 用完即停 package through one PostgreSQL: 3 processes × 64
 * concurrent debits (each process batching its own) never overdraw it, and the ledger sums to the
 * debits. The balance and the idempotency keys live in the database only.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { runTsScript } from "../helpers/child-process";
import { units, uniqueId, useBillingKit } from "../helpers/billing";
import { testTargets, useTestDatabase } from "../helpers/databases";

const runReplica = (url: string, instanceId: string, n: number, amount: number) =>
  runTsScript<{ ok: number; refused: Record<string, number> }>("tests/helpers/billing-replica-worker.ts", [url, instanceId, String(n), String(amount)]);

const pgTarget = testTargets().find((t) => t.name === "PostgreSQL")!;

describe("metering from several processes sharing PostgreSQL", { skip: pgTarget.skip }, () => {
  const h = useTestDatabase(pgTarget);
  const kit = useBillingKit();

  it("3 processes × 64 concurrent debits of 2 on a 100-call package → exactly 50 debits, ledger == debits", async () => {
    const [pkg] = await kit.buy(h.db.prisma, "t-stop", { customerId: uniqueId("C"), validDays: 30 });
    const answers = await Promise.all([1, 2, 3].map(() => runReplica(h.url!, pkg!, 64, 2)));
    const ok = answers.reduce((s, a) => s + a.ok, 0);
    const refused = answers.reduce((s, a) => s + (a.refused.PACKAGE_EXHAUSTED ?? 0), 0);
    assert.equal(ok, 50);
    assert.equal(refused, 3 * 64 - 50);
    assert.ok(answers.every((a) => Object.keys(a.refused).every((k) => k === "PACKAGE_EXHAUSTED")), JSON.stringify(answers));
    const grant = await h.db.prisma.meterGrant.findFirstOrThrow({ where: { sourceInstanceId: pkg! } });
    assert.equal(grant.used.toFixed(4), "100.0000");
    const acc = (await h.db.prisma.instance.findUniqueOrThrow({ where: { id: pkg! } })).accountKey!;
    const debits = await h.db.prisma.usageDebit.findMany({ where: { accountKey: acc } });
    const entries = await h.db.prisma.usageEntry.findMany({ where: { accountKey: acc } });
    assert.equal(debits.length, 50);
    assert.equal(units(entries.map((e) => e.amount)), units(debits.map((d) => d.amount)));
    assert.equal(units(entries.map((e) => e.amount)), 100 * 10_000);
  });
});

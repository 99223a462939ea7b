/**
 * Hourly aggregation and the usage-push outbox against the local mock, on PGlite and PostgreSQL:
 * a flaky marketplace (500s, hangs before and after storing, unknown codes) loses nothing and
 * counts nothing twice; missed hours are caught up; late usage gets a supplementary record with
 * its own begin/end window;
 * concurrent workers never push a record twice; a refused record is isolated from its batch.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { PrismaClient } from "~/generated/prisma/client";
import { consume } from "~/server/billing/consume";
import { billingConfig, setBillingConfigForTests } from "~/server/billing/config";
import { runBillingCycle } from "~/server/billing/worker";
import { uniqueId, units, useBillingKit } from "../helpers/billing";
import { testTargets, useTestDatabase } from "../helpers/databases";
import { hourClock } from "../helpers/hour-clock";

/** Every debit and worker cycle runs on this fixed clock (see hour-clock.ts for why). */
const { now: NOW, hourStart } = hourClock();

for (const target of testTargets()) {
  describe(`usage push on ${target.name}`, { skip: target.skip }, () => {
    const h = useTestDatabase(target);
    const kit = useBillingKit({ pushTimeoutMs: 3000 });
    const prisma = () => h.db.prisma;
    let seq = 0;

    /** Debits `amount` at `atMs` for an instance. */
    const use = (instanceId: string, amount: number, atMs: number) =>
      consume(prisma(), { instanceId, meter: "calls", amount, idempotencyKey: `u${++seq}`, nowMs: atMs });

    /** Runs worker cycles with the clock moving 5 minutes each time until nothing is pending. */
    async function drain(p: PrismaClient, maxCycles = 30) {
      let t = NOW;
      for (let i = 0; i < maxCycles; i++) {
        await runBillingCycle(p, t);
        const pending = await p.usagePushRecord.count({ where: { status: "PENDING" } });
        if (pending === 0) return i + 1;
        t += 5 * 60_000;
      }
      throw new Error("records still pending after drain");
    }

    async function billedTotals(p: PrismaClient, instanceIds: string[]) {
      const entries = await p.usageEntry.findMany({ where: { billedInstanceId: { in: instanceIds } } });
      const byInstance = new Map<string, number>();
      for (const e of entries) byInstance.set(e.billedInstanceId!, (byInstance.get(e.billedInstanceId!) ?? 0) + units([e.amount]));
      return byInstance;
    }

    function receivedTotals(instanceIds: string[]) {
      const byInstance = new Map<string, number>();
      for (const r of kit.mock.received.values()) {
        if (!instanceIds.includes(r.instance_id!)) continue;
        byInstance.set(r.instance_id!, (byInstance.get(r.instance_id!) ?? 0) + Math.round(Number(r.usage_value) * 10_000));
      }
      return byInstance;
    }

    it("a flaky marketplace loses nothing and counts nothing twice (stable metering_sn)", async () => {
      const customerId = uniqueId("C");
      const [od] = await kit.buy(prisma(), "t-od", { customerId: uniqueId("C") });
      const [carrier] = await kit.buy(prisma(), "t-stop-od", { customerId, nowMs: hourStart(6) });
      const [pkg] = await kit.buy(prisma(), "t-stop", { customerId, validDays: 30, nowMs: hourStart(6) });
      for (let hrs = 5; hrs >= 1; hrs--) {
        await use(od!, 1.5 * hrs, hourStart(hrs) + 60_000);
        await use(od!, 0.0001, hourStart(hrs) + 30 * 60_000);
        await use(pkg!, hrs, hourStart(hrs) + 59 * 60_000);
      }
      kit.mock.inject("usage", "http500", "hang-before-store", "hang-after-store", "unknown-code", "http500");
      const redeliveredBefore = kit.mock.redelivered.length;
      await drain(prisma());

      const records = await prisma().usagePushRecord.findMany({ where: { instanceId: { in: [od!, carrier!] } } });
      assert.equal(records.length, 10, "one record per instance and hour");
      assert.ok(records.every((r) => r.status === "SENT" && r.attempts === 6), "sent on the 6th call");
      const sns = records.map((r) => r.meteringSn).sort();
      assert.deepEqual(sns.filter((sn) => kit.mock.received.has(sn)), sns, "every record reached the marketplace");
      const redelivered = kit.mock.redelivered.slice(redeliveredBefore).sort();
      assert.deepEqual(redelivered, sns, "only the batch whose answer was lost came twice — same metering_sn, counted once");
      const ledger = await billedTotals(prisma(), [od!, pkg!]);
      assert.deepEqual(receivedTotals([od!, carrier!]), new Map([[od!, ledger.get(od!)], [carrier!, ledger.get(pkg!)]]), "marketplace totals == ledger");
      const pkgRecord = [...kit.mock.received.values()].find((r) => r.relate_pkg_instance === pkg);
      assert.equal(pkgRecord?.instance_id, carrier, "用完即停 records go to the on-demand instance, with the package as relate_pkg_instance");
      const odRecord = [...kit.mock.received.values()].find((r) => r.instance_id === od && r.begin_time === formatHour(hourStart(5)));
      assert.equal(odRecord?.usage_value, "7.5001");
      assert.equal(odRecord?.end_time, formatHour(hourStart(4)));
      assert.match(odRecord!.record_time!, /^\d{8}T\d{6}Z$/);
    });

    it("catch-up: hours missed while no worker ran are aggregated and pushed in one run", async () => {
      const [od] = await kit.buy(prisma(), "t-od", { customerId: uniqueId("C") });
      for (let hrs = 8; hrs >= 2; hrs--) await use(od!, 2, hourStart(hrs) + 10 * 60_000);
      const r = await runBillingCycle(prisma(), NOW);
      assert.ok(r.aggregated.hours >= 7);
      const records = await prisma().usagePushRecord.findMany({ where: { instanceId: od! }, orderBy: { hourStart: "asc" } });
      assert.deepEqual(records.map((x) => x.hourStart.getTime()), [8, 7, 6, 5, 4, 3, 2].map(hourStart));
      assert.ok(records.every((x) => x.status === "SENT"));
    });

    it("the current hour waits until it closes; usage arriving after its hour was pushed gets a supplementary record", async () => {
      const [od] = await kit.buy(prisma(), "t-od", { customerId: uniqueId("C") });
      await use(od!, 3, hourStart(2) + 5 * 60_000);
      await use(od!, 4, NOW);
      await runBillingCycle(prisma(), NOW);
      await use(od!, 5, hourStart(2) + 50 * 60_000); // a late debit for the hour already pushed
      await runBillingCycle(prisma(), NOW);
      const records = await prisma().usagePushRecord.findMany({ where: { instanceId: od! }, orderBy: { seq: "asc" } });
      assert.deepEqual(records.map((r) => [r.hourStart.getTime(), r.seq, r.usageValue.toFixed(0)]), [
        [hourStart(2), 1, "3"],
        [hourStart(2), 2, "5"],
      ]);
      assert.notEqual(records[0]!.meteringSn, records[1]!.meteringSn);
      // The marketplace counts only the first record of an instance with a given begin/end.
      assert.deepEqual(
        records.map((r) => [r.beginTime?.getTime(), r.endTime?.getTime()]),
        [
          [hourStart(2), hourStart(1)],
          [hourStart(2), hourStart(1) - 1000],
        ],
        "the supplementary record's window ends a second earlier",
      );
      const sns = new Set(records.map((r) => r.meteringSn));
      assert.deepEqual(kit.mock.problems.filter((p) => sns.has(p.metering_sn)), [], "no 010 话单重复 at the marketplace");
      assert.equal(await prisma().usageEntry.count({ where: { billedInstanceId: od!, pushRecordId: null } }), 1, "the open hour is not pushed yet");
    });

    it("four workers at once create each record once and push it once", async () => {
      const ods = await Promise.all([1, 2, 3].map(() => kit.buy(prisma(), "t-od", { customerId: uniqueId("C") }).then((x) => x[0]!)));
      for (const od of ods) for (let hrs = 4; hrs >= 1; hrs--) await use(od, 1, hourStart(hrs) + 1000);
      const redeliveredBefore = kit.mock.redelivered.length;
      await Promise.all([1, 2, 3, 4].map(() => runBillingCycle(prisma(), NOW)));
      await drain(prisma());
      const records = await prisma().usagePushRecord.findMany({ where: { instanceId: { in: ods } } });
      assert.equal(records.length, 12);
      assert.equal(kit.mock.redelivered.length, redeliveredBefore, "no record was pushed twice");
      assert.ok(records.every((r) => r.status === "SENT" && kit.mock.received.has(r.meteringSn)));
      assert.deepEqual(receivedTotals(ods), await billedTotals(prisma(), ods));
    });

    it("a record the marketplace refuses is split from its batch and marked FAILED; the others go", async () => {
      const [a] = await kit.buy(prisma(), "t-od", { customerId: uniqueId("C") });
      const [b] = await kit.buy(prisma(), "t-od", { customerId: uniqueId("C") });
      await use(a!, 1, hourStart(3) + 1000);
      await use(b!, 1, hourStart(3) + 2000);
      kit.mock.inject("usage", "reject400", "reject400");
      await runBillingCycle(prisma(), NOW);
      const records = await prisma().usagePushRecord.findMany({ where: { instanceId: { in: [a!, b!] } }, orderBy: { instanceId: "asc" } });
      assert.deepEqual(records.map((r) => r.status).sort(), ["FAILED", "SENT"]);
      const failed = records.find((r) => r.status === "FAILED")!;
      assert.match(failed.lastError ?? "", /HTTP 400 MKT\.0101/);
      assert.deepEqual([failed.deadReason, failed.lastResultCode], ["REFUSED", "MKT.0101"]);
      assert.equal(kit.mock.received.has(failed.meteringSn), false);
    });

    it("with push disabled records wait in the outbox until enabled", async () => {
      const saved = billingConfig();
      const [od] = await kit.buy(prisma(), "t-od", { customerId: uniqueId("C") });
      await use(od!, 2, hourStart(2) + 1000);
      setBillingConfigForTests({ ...saved, usagePush: { ...saved.usagePush, enabled: false } });
      try {
        await runBillingCycle(prisma(), NOW);
        const waiting = await prisma().usagePushRecord.findFirstOrThrow({ where: { instanceId: od! } });
        assert.equal(waiting.status, "PENDING");
      } finally {
        setBillingConfigForTests(saved);
      }
      await runBillingCycle(prisma(), NOW);
      const sent = await prisma().usagePushRecord.findFirstOrThrow({ where: { instanceId: od! } });
      assert.equal(sent.status, "SENT");
      assert.equal(sent.lastResultCode, "MKT.0000");
    });

    it("a slow marketplace within the timeout is fine", async () => {
      const [od] = await kit.buy(prisma(), "t-od", { customerId: uniqueId("C") });
      await use(od!, 1, hourStart(2) + 1000);
      kit.mock.setLatency("usage", 400);
      try {
        await runBillingCycle(prisma(), NOW);
      } finally {
        kit.mock.setLatency("usage", 0);
      }
      const rec = await prisma().usagePushRecord.findFirstOrThrow({ where: { instanceId: od! } });
      assert.equal(rec.status, "SENT");
      assert.equal(rec.attempts, 1);
    });
  });
}

function formatHour(ms: number): string {
  return new Date(ms).toISOString().replace(/[-:]/g, "").replace(/\.\d{3}/, "");
}

/**
 * Debug instances (created by seller-console calls with testFlag=1, Instance.isTest) on PGlite and
 * PostgreSQL: their usage is recorded but never aggregated into push records nor pushed; they never
 * grant anything to a real buyer's account or to a real (non-test) tenant.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { consume } from "~/server/billing/consume";
import { assertEntitled } from "~/server/billing/entitlements";
import { runBillingCycle } from "~/server/billing/worker";
import { AppError } from "~/server/errors";
import { uniqueId, useBillingKit } from "../helpers/billing";
import { testTargets, useTestDatabase } from "../helpers/databases";
import { HOUR, hourClock } from "../helpers/hour-clock";

/** Every debit and worker cycle runs on this fixed clock (see hour-clock.ts for why). */
const { now: NOW, hourStart } = hourClock();
const refusedWith = (code: string) => (e: unknown) => e instanceof AppError && e.code === code;

for (const target of testTargets()) {
  describe(`debug instances on ${target.name}`, { skip: target.skip }, () => {
    const h = useTestDatabase(target);
    const kit = useBillingKit();
    const prisma = () => h.db.prisma;
    let seq = 0;
    const use = (instanceId: string, amount: number, atMs = Date.now()) =>
      consume(prisma(), { instanceId, meter: "calls", amount, idempotencyKey: `d${++seq}`, nowMs: atMs });

    it("a debug instance's usage is recorded, never aggregated nor pushed", async () => {
      const customerId = uniqueId("C");
      const [od] = await kit.buy(prisma(), "t-od", { customerId, testFlag: "1" });
      const [carrier] = await kit.buy(prisma(), "t-stop-od", { customerId, testFlag: "1", nowMs: hourStart(10) });
      const [pkg] = await kit.buy(prisma(), "t-stop", { customerId, testFlag: "1", validDays: 30, nowMs: hourStart(10) });
      assert.ok((await prisma().instance.findUniqueOrThrow({ where: { id: od! } })).isTest);
      await use(od!, 5, hourStart(3) + 60_000);
      await use(pkg!, 2, hourStart(3) + 60_000); // debug instances are their own accounts: the package draws itself
      const before = kit.mock.received.size;
      await runBillingCycle(prisma(), NOW);
      await runBillingCycle(prisma(), NOW + HOUR);
      const entries = await prisma().usageEntry.findMany({ where: { instanceId: { in: [od!, pkg!] } } });
      assert.equal(entries.length, 2, "the ledger has the usage");
      assert.ok(entries.every((e) => e.billedInstanceId === null && e.pushRecordId === null), "billed to nobody, never aggregated");
      assert.equal(await prisma().usagePushRecord.count({ where: { OR: [{ instanceId: { in: [od!, carrier!, pkg!] } }, { packageInstanceId: pkg! }] } }), 0);
      assert.equal(kit.mock.received.size, before, "nothing pushed");
    });

    it("a push record of a debug instance from before (legacy data) is dead-lettered, never sent", async () => {
      const [od] = await kit.buy(prisma(), "t-od", { customerId: uniqueId("C"), testFlag: "1" });
      const legacy = await prisma().usagePushRecord.create({
        data: {
          meteringSn: uniqueId("legacy-"),
          instanceId: od!,
          meter: "calls",
          hourStart: new Date(hourStart(2)),
          seq: 1,
          usageValue: 3,
          beginTime: new Date(hourStart(2)),
          endTime: new Date(hourStart(1)),
        },
      });
      await runBillingCycle(prisma(), NOW);
      const r = await prisma().usagePushRecord.findUniqueOrThrow({ where: { id: legacy.id } });
      assert.deepEqual([r.status, r.deadReason, r.attempts], ["FAILED", "TEST_INSTANCE", 0]);
      assert.equal(kit.mock.received.has(legacy.meteringSn), false);
    });

    it("a debug package never tops up a real buyer's account, even for the same customer", async () => {
      const customerId = uniqueId("C");
      const [real] = await kit.buy(prisma(), "t-od", { customerId });
      const [debugPkg] = await kit.buy(prisma(), "t-odpkg", { customerId, testFlag: "1", validDays: 30 });
      const [realAcc, debugAcc] = await Promise.all([real!, debugPkg!].map(async (id) => (await prisma().instance.findUniqueOrThrow({ where: { id } })).accountKey));
      assert.equal(realAcc, `customer:${customerId}:app`);
      assert.equal(debugAcc, `instance:${debugPkg}`, "a debug instance is its own account");
      const r = await use(real!, 10);
      assert.deepEqual([r.fromPrepaid, r.onDemand], [0, 10], "the debug package is not drawn: all 10 billed on demand");
      const [realStop] = await kit.buy(prisma(), "t-stop", { customerId: uniqueId("C"), validDays: 30 });
      await assert.rejects(use(realStop!, 101), refusedWith("PACKAGE_EXHAUSTED"), "a real package holds only what was bought");
    });

    it("a real tenant bound to a debug instance gets nothing from it; a debug tenant may use it", async () => {
      const [debugInst] = await kit.buy(prisma(), "t-std", { testFlag: "1", validDays: 30 });
      const real = uniqueId("T");
      const debug = uniqueId("T");
      for (const [tenantId, isTest] of [[real, false], [debug, true]] as const) {
        await prisma().tenant.create({ data: { tenantId, tenantCode: tenantId, name: tenantId, domainName: "x.example.com", instanceId: debugInst!, isTest } });
      }
      await assert.rejects(assertEntitled(prisma(), debugInst!, { tenant: { isTest: false } }), refusedWith("DEBUG_INSTANCE"));
      await assert.rejects(consume(prisma(), { tenantId: real, meter: "calls", amount: 1, idempotencyKey: "t1" }), refusedWith("DEBUG_INSTANCE"));
      assert.equal(await prisma().usageEntry.count({ where: { instanceId: debugInst! } }), 0, "the refused debit wrote nothing");

      const ent = await assertEntitled(prisma(), debugInst!, { tenant: { isTest: true } });
      assert.equal(ent.quotas.seats, 3);
      const ok = await consume(prisma(), { tenantId: debug, meter: "calls", amount: 1, idempotencyKey: "t2" });
      assert.equal(ok.fromPrepaid, 1);
    });
  });
}

/**
 * Entitlements through the marketplace lifecycle, on PGlite and PostgreSQL: what newInstance
 * stores from 查询订单 (and what happens when 查询订单 fails), features and trial limits, expiry,
 * upgrade taking effect at once, count quotas under concurrency, release → scheduled data purge.
 */
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { describe, it } from "node:test";
import { giveQuotaUnits, takeQuotaUnits } from "~/server/billing/quota-allocation";
import { assertEntitled, getEntitlement } from "~/server/billing/entitlements";
import { consume } from "~/server/billing/consume";
import { purgeReleasedData } from "~/server/billing/retention";
import { PRODUCT_FEATURES } from "~/server/features";
import { getUsageSummary } from "~/server/billing/usage-summary";
import { mockOrder } from "~/dev/openapi-mock/orders";
import { AppError } from "~/server/errors";
import { uniqueId, useBillingKit } from "../helpers/billing";
import { testTargets, useTestDatabase } from "../helpers/databases";
import { callBase } from "../helpers/marketplace";

const DAY = 86_400_000;
const refusedWith = (code: string) => (err: unknown) => {
  assert.ok(err instanceof AppError, `expected AppError ${code}, got ${String(err)}`);
  assert.equal(err.code, code, err.message);
  return true;
};

for (const target of testTargets()) {
  describe(`entitlements on ${target.name}`, { skip: target.skip }, () => {
    const h = useTestDatabase(target);
    const kit = useBillingKit();
    const prisma = () => h.db.prisma;
    // What quotaProcedure's ctx.quota.take does (src/server/api/trpc.ts; the tRPC path is
    // tested in projects.test.ts): the plan's limit from the entitlement, one conditional take.
    const takeSeats = async (instanceId: string, amount: number) => {
      const ent = await assertEntitled(prisma(), instanceId);
      const limit = ent.quotas.seats!;
      const used = await takeQuotaUnits(prisma(), ent.accountKey, "seats", amount, limit);
      if (used === null) throw new AppError("QUOTA_EXCEEDED", `seats: limit ${limit}`);
      return { used, limit };
    };
    const accountOf = async (instanceId: string) => (await prisma().instance.findUniqueOrThrow({ where: { id: instanceId } })).accountKey!;

    it("newInstance stores plan, SKU, charging mode, expiry and the buyer's account from 查询订单", async () => {
      const customerId = uniqueId("C");
      const t0 = Date.now();
      const [period] = await kit.buy(prisma(), "t-std", { customerId, validDays: 30 });
      const t1 = Date.now();
      const [od] = await kit.buy(prisma(), "t-od", { customerId });
      const p = await prisma().instance.findUniqueOrThrow({ where: { id: period! } });
      assert.equal(p.planId, "std");
      assert.equal(p.skuCode, "t-std");
      assert.equal(p.chargingMode, "PERIOD");
      // The order's expireTime has whole seconds: between the buy's start (rounded down) and its end.
      assert.ok(p.expireAt && p.expireAt.getTime() >= t0 - 1000 + 30 * DAY && p.expireAt.getTime() <= t1 + 30 * DAY, String(p.expireAt));
      assert.equal(p.accountKey, `instance:${period}`, "a period instance is its own workspace");
      const o = await prisma().instance.findUniqueOrThrow({ where: { id: od! } });
      assert.equal(o.accountKey, `customer:${customerId}:app`, "usage-mode instances pool per buyer and product");
    });

    it("when 查询订单 fails or hangs, newInstance answers 000005 and creates nothing; the retry succeeds", async () => {
      const orderId = uniqueId("CS");
      kit.mock.addOrder(mockOrder(orderId, "NEW", "PERIOD", "t-big", Date.now(), { validDays: 30 }));
      const body = { activity: "newInstance", orderId, orderLineId: `${orderId}-000001`, businessId: randomBytes(8).toString("hex") };
      kit.mock.inject("order", "http500", "hang-before-store");
      for (const fault of ["HTTP 500", "timed out"]) {
        const res = await callBase(prisma(), body);
        assert.equal(res.json.resultCode, "000005", res.text);
        assert.match(res.json.resultMsg, /order details are temporarily unavailable/);
        // The hang ends at the configured 查询订单 limit, not at the marketplace's 5 s.
        assert.ok(res.json.resultMsg.includes(fault), res.json.resultMsg);
        assert.equal(await prisma().instance.count({ where: { orderId } }), 0, "no half instance");
      }
      const ok = await callBase(prisma(), body);
      assert.equal(ok.json.resultCode, "000000");
      assert.equal((await prisma().instance.findUniqueOrThrow({ where: { id: ok.json.instanceId as string } })).planId, "big");
      const unknown = await callBase(prisma(), { ...body, orderId: "NO-SUCH-ORDER", orderLineId: "NO-SUCH-ORDER-000001" });
      assert.equal(unknown.json.resultCode, "000005");
    });

    it("features: in the plan → allowed; not in it → FEATURE_NOT_IN_PLAN; the plan's count quotas", async () => {
      const [inst] = await kit.buy(prisma(), "t-std", { validDays: 30 });
      const ent = await assertEntitled(prisma(), inst!, { feature: "api" });
      assert.deepEqual(ent.features.sort(), ["api", "core"]);
      await assert.rejects(assertEntitled(prisma(), inst!, { feature: "export" }), refusedWith("FEATURE_NOT_IN_PLAN"));
      assert.deepEqual(ent.quotas, { seats: 3 });
    });

    it("trial: trial limits apply; after the trial end access stops; TRIAL_TO_FORMAL lifts the limits", async () => {
      const [inst] = await kit.buy(prisma(), "t-std", { orderType: "TRIAL", validDays: 7 });
      const row = await prisma().instance.findUniqueOrThrow({ where: { id: inst! } });
      assert.ok(row.trialEndsAt);
      const ent = await assertEntitled(prisma(), inst!);
      assert.equal(ent.inTrial, true);
      assert.deepEqual(ent.features, ["core"], "api is not in the trial");
      assert.equal(ent.quotas.seats, 1);
      await consume(prisma(), { instanceId: inst!, meter: "calls", amount: 10, idempotencyKey: "t1" });
      await assert.rejects(consume(prisma(), { instanceId: inst!, meter: "calls", amount: 1, idempotencyKey: "t2" }), refusedWith("QUOTA_EXCEEDED"));
      await assert.rejects(assertEntitled(prisma(), inst!, { nowMs: Date.now() + 8 * DAY }), refusedWith("TRIAL_EXPIRED"));

      const formal = { activity: "refreshInstance", instanceId: inst!, scene: "TRIAL_TO_FORMAL", orderId: uniqueId("CS"), orderLineId: "L-1", expireTime: "20991231000000" };
      assert.equal((await callBase(prisma(), formal)).json.resultCode, "000000");
      const after = await assertEntitled(prisma(), inst!, { feature: "api", nowMs: Date.now() + 8 * DAY });
      assert.equal(after.inTrial, false);
      assert.equal(after.quotas.seats, 3);
      const more = await consume(prisma(), { instanceId: inst!, meter: "calls", amount: 50, idempotencyKey: "t3" });
      assert.equal(more.remaining, 40, "this month's allowance grew to the paid plan's 100 at once");
    });

    it("an expired instance is refused (INSTANCE_EXPIRED); a frozen one INSTANCE_FROZEN; renewal + unfreeze restore it", async () => {
      const [inst] = await kit.buy(prisma(), "t-std", { validDays: 30 });
      await assert.rejects(assertEntitled(prisma(), inst!, { nowMs: Date.now() + 31 * DAY }), refusedWith("INSTANCE_EXPIRED"));
      await callBase(prisma(), { activity: "updateInstanceStatus", instanceId: inst!, status: "FREEZE" });
      await assert.rejects(assertEntitled(prisma(), inst!), refusedWith("INSTANCE_FROZEN"));
      const renew = { activity: "refreshInstance", instanceId: inst!, scene: "RENEWAL", orderId: uniqueId("CS"), orderLineId: "L-1", expireTime: "20991231000000" };
      await callBase(prisma(), renew);
      await callBase(prisma(), { activity: "updateInstanceStatus", instanceId: inst!, status: "UNFREEZE" });
      await assertEntitled(prisma(), inst!, { nowMs: Date.now() + 31 * DAY });
    });

    it("upgradeInstance switches the plan at once: features, quotas and this month's allowance", async () => {
      const [inst] = await kit.buy(prisma(), "t-std", { validDays: 30 });
      await consume(prisma(), { instanceId: inst!, meter: "calls", amount: 90, idempotencyKey: "u1" });
      await assert.rejects(consume(prisma(), { instanceId: inst!, meter: "calls", amount: 20, idempotencyKey: "u2" }), refusedWith("QUOTA_EXCEEDED"));
      const orderId = uniqueId("CS");
      kit.mock.addOrder(mockOrder(orderId, "CHANGE", "PERIOD", "t-big", Date.now(), { validDays: 30 }));
      const upgrade = { activity: "upgradeInstance", instanceId: inst!, orderId, orderLineId: `${orderId}-000001` };
      kit.mock.inject("order", "http500");
      assert.equal((await callBase(prisma(), upgrade)).json.resultCode, "000005", "查询订单 down: nothing applied, marketplace retries");
      assert.equal((await prisma().instance.findUniqueOrThrow({ where: { id: inst! } })).planId, "std");
      assert.equal((await callBase(prisma(), upgrade)).json.resultCode, "000000");
      assert.equal((await callBase(prisma(), upgrade)).json.resultCode, "000000", "repeat is a no-op");
      const ent = await assertEntitled(prisma(), inst!, { feature: "export" });
      assert.equal(ent.planId, "big");
      assert.equal(ent.quotas.seats, 10);
      const r = await consume(prisma(), { instanceId: inst!, meter: "calls", amount: 20, idempotencyKey: "u2" });
      assert.equal(r.remaining, 890);
    });

    it("count quota: 20 concurrent seat takes against a limit of 3 → exactly 3; giving one back frees one", async () => {
      const [inst] = await kit.buy(prisma(), "t-std", { validDays: 30 });
      const results = await Promise.allSettled(Array.from({ length: 20 }, () => takeSeats(inst!, 1)));
      assert.equal(results.filter((r) => r.status === "fulfilled").length, 3);
      for (const r of results) if (r.status === "rejected") refusedWith("QUOTA_EXCEEDED")(r.reason);
      assert.equal(await giveQuotaUnits(prisma(), await accountOf(inst!), "seats", 1), 2);
      assert.deepEqual(await takeSeats(inst!, 1), { used: 3, limit: 3 });
      await assert.rejects(takeSeats(inst!, 1), refusedWith("QUOTA_EXCEEDED"));
    });

    it("linearValue from 查询订单 drives a count quota (users bought); an upgrade order with another linearValue changes it at once", async () => {
      const [inst] = await kit.buy(prisma(), "t-team", { validDays: 30, linearValue: 5 });
      assert.equal((await prisma().instance.findUniqueOrThrow({ where: { id: inst! } })).linearValue?.toFixed(0), "5");
      assert.equal((await assertEntitled(prisma(), inst!)).quotas.seats, 5, "not the plan's 3");
      const results = await Promise.allSettled(Array.from({ length: 8 }, () => takeSeats(inst!, 1)));
      assert.equal(results.filter((r) => r.status === "fulfilled").length, 5, "exactly the 5 seats bought");

      const orderId = `CSUP${randomBytes(6).toString("hex")}`.toUpperCase();
      kit.mock.addOrder(mockOrder(orderId, "CHANGE", "PERIOD", "t-team", Date.now(), { validDays: 30, linearValue: 8 }));
      assert.equal((await callBase(prisma(), { activity: "upgradeInstance", instanceId: inst!, orderId, orderLineId: `${orderId}-000001` })).json.resultCode, "000000");
      assert.equal((await assertEntitled(prisma(), inst!)).quotas.seats, 8);
      assert.deepEqual(await takeSeats(inst!, 3), { used: 8, limit: 8 });
    });

    it("release ends access and schedules the purge after the retention; purgers run once, after it", async () => {
      const [inst] = await kit.buy(prisma(), "t-std", { validDays: 30 });
      await takeSeats(inst!, 2);
      const purged: string[] = [];
      // The registry's features plus an observer: what the worker would run, and a record of it.
      const features = [...PRODUCT_FEATURES, { purge: async (_tx: unknown, t: { instanceId: string }) => void purged.push(t.instanceId) }];
      const t0 = Date.now();
      await callBase(prisma(), { activity: "releaseInstance", instanceId: inst! }, { nowMs: t0 });
      await callBase(prisma(), { activity: "releaseInstance", instanceId: inst! }, { nowMs: t0 + DAY });
      const row = await prisma().instance.findUniqueOrThrow({ where: { id: inst! } });
      assert.equal(row.dataPurgeAfter?.getTime(), t0 + 30 * DAY, "a repeated release keeps the first date");
      await assert.rejects(assertEntitled(prisma(), inst!), refusedWith("INSTANCE_RELEASED"));

      assert.equal(await purgeReleasedData(prisma(), t0 + 29 * DAY, { features }), 0);
      assert.deepEqual(purged, []);
      assert.ok((await purgeReleasedData(prisma(), t0 + 30 * DAY + 1, { features })) >= 1);
      assert.deepEqual(purged.filter((id) => id === inst), [inst]);
      assert.equal(await purgeReleasedData(prisma(), t0 + 31 * DAY, { features }), 0, "purged once");
      assert.ok((await prisma().instance.findUniqueOrThrow({ where: { id: inst! } })).dataPurgedAt);
      assert.equal(await prisma().quotaAllocation.count({ where: { accountKey: row.accountKey! } }), 0);
    });

    it("a Kit tenant (联营 tenantId) meters against its instance", async () => {
      const [inst] = await kit.buy(prisma(), "t-std", { validDays: 30 });
      const tenantId = uniqueId("T");
      await prisma().tenant.create({ data: { tenantId, tenantCode: "c", name: "n", domainName: "d.example.com", instanceId: inst! } });
      const r = await consume(prisma(), { tenantId, meter: "calls", amount: 2, idempotencyKey: "k" });
      assert.equal(r.remaining, 98);
      await assert.rejects(consume(prisma(), { tenantId: "no-such-tenant", meter: "calls", amount: 1, idempotencyKey: "k" }), refusedWith("NOT_FOUND"));
    });

    it("getUsageSummary shows plan, quota bars, package balances and daily usage", async () => {
      const customerId = uniqueId("C");
      const [p1] = await kit.buy(prisma(), "t-stop", { customerId, validDays: 30 });
      await kit.buy(prisma(), "t-stop", { customerId, validDays: 60 });
      await takeSeats(p1!, 1);
      await consume(prisma(), { instanceId: p1!, meter: "calls", amount: 120, idempotencyKey: "s1" });
      const s = await getUsageSummary(prisma(), p1!);
      assert.equal(s.plan.id, "stop");
      assert.deepEqual(s.quotas.map((q) => [q.key, q.limit, q.used]), [["seats", 2, 1]]);
      const calls = s.meters.find((m) => m.meter === "calls")!;
      assert.equal(calls.rule, "packages");
      assert.deepEqual(calls.grants.map((g) => [g.quota, g.used, g.remaining]), [[100, 100, 0], [100, 20, 80]]);
      assert.equal(calls.usedThisPeriod, 120);
      assert.equal(s.daily.reduce((sum, d) => sum + d.amount, 0), 120);
      assert.equal(s.meters.find((m) => m.meter === "sms")!.rule, "none");
      const ent = await getEntitlement(prisma(), p1!);
      assert.equal(ent.refusal, undefined);
    });
  });
}

/**
 * The tenant app's billing procedures on both databases, through tRPC callers exactly as the
 * pages use them: `tenant.usage` (plan, balances, refusal), `tenant.callApi` (the metered demo
 * feature, featureProcedure("api") + consume()) and the procedure builders' refusals.
 * Instances are bought the marketplace's way (mock 查询订单 order → signed newInstance) with the
 * shipped catalog, because the demo feature meters the shipped `api_calls`.
 */
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { before, describe, it } from "node:test";
import { TRPCError } from "@trpc/server";
import type { Session } from "next-auth";
import { formatError } from "~/server/api/error-shape";
import { createCaller } from "~/server/api/root";
import { createContextInner } from "~/server/api/trpc";
import type { CustomerUser } from "~/server/auth";
import { CATALOG } from "~/server/billing/catalog";
import { setCatalogForTests } from "~/server/billing/config";
import type { PrismaClient } from "~/generated/prisma/client";
import { units, uniqueId, useBillingKit, type BuyOptions } from "../helpers/billing";
import { testTargets, useTestDatabase } from "../helpers/databases";
import { countSeats } from "~/server/oneaccess";
import { callBase, callKit, kitTimeStamp } from "../helpers/marketplace";
import { LOGIN_APP_ID, syncLoginTenant, type SyncedTenant } from "../helpers/oneaccess";
import { assertAppError } from "../helpers/trpc";

const EXPIRES = new Date(Date.now() + 3600_000).toISOString();
const customerOf = (t: SyncedTenant, userName = "alice"): Session => ({
  expires: EXPIRES,
  user: { kind: "customer", name: userName, tenantId: t.tenantId, userName, role: "admin", instanceId: t.instanceId } satisfies CustomerUser,
});
const api = (session: Session | null) => createCaller(createContextInner({ session }));
const run = (t: SyncedTenant, count: number, requestId = randomUUID(), userName = "alice") => api(customerOf(t, userName)).tenant.callApi({ count, requestId });


const remainingOf = async (t: SyncedTenant) => (await api(customerOf(t)).tenant.usage()).meters.find((m) => m.meter === "api_calls")!.remaining;

for (const target of testTargets()) {
  describe(`tenant billing procedures on ${target.name}`, { skip: target.skip }, () => {
    const h = useTestDatabase(target);
    const kit = useBillingKit();
    // After the kit's hooks (which install the test catalog): the router meters shipped api_calls.
    before(() => setCatalogForTests(CATALOG));

    async function tenantWith(sku: string, opts: BuyOptions = {}): Promise<{ tenant: SyncedTenant; prisma: PrismaClient }> {
      const prisma = h.db.prisma;
      const [instanceId] = await kit.buy(prisma, sku, opts);
      const { orderId } = await prisma.instance.findUniqueOrThrow({ where: { id: instanceId! }, select: { orderId: true } });
      const tenant = await syncLoginTenant(prisma, { instance: { instanceId: instanceId!, orderId } });
      return { tenant, prisma };
    }

    it("用完即停: a request larger than the balance is refused whole; at zero it stops; a new package restores it", async () => {
      const customerId = uniqueId("BUYER");
      const { tenant, prisma } = await tenantWith("mock-sku-stop-pack-1k", { chargingMode: "ON_DEMAND_PKG", validDays: 30, customerId });
      const usage = await api(customerOf(tenant)).tenant.usage();
      assert.equal(usage.plan.id, "stop_pack_1k");
      assert.equal(usage.plan.billingMode, "STOP_WHEN_USED_UP_PKG");
      assert.equal(usage.refusal, null);
      assert.equal(await remainingOf(tenant), 1000);

      const first = await run(tenant, 600);
      assert.deepEqual({ served: first.served, remaining: first.remaining, replayed: first.replayed, onDemand: first.onDemand }, { served: 600, remaining: 400, replayed: false, onDemand: 0 });
      await assertAppError(run(tenant, 600), "PAYMENT_REQUIRED", "PACKAGE_EXHAUSTED");
      assert.equal(await remainingOf(tenant), 400, "nothing of the refused request was served");

      // The same click retried (same requestId) is the same debit, not a second one.
      const key = randomUUID();
      const a = await run(tenant, 400, key);
      const again = await run(tenant, 400, key);
      assert.equal(a.replayed, false);
      assert.equal(again.replayed, true);
      assert.equal(await remainingOf(tenant), 0);
      await assertAppError(run(tenant, 1), "PAYMENT_REQUIRED", "PACKAGE_EXHAUSTED");

      const entries = await prisma.usageEntry.findMany({ where: { meter: "api_calls", accountKey: (await prisma.instance.findUniqueOrThrow({ where: { id: tenant.instanceId } })).accountKey! } });
      assert.equal(units(entries.map((e) => e.amount)), 1000 * 10_000, "the ledger holds exactly what was served");

      // A new package bought by the same customer (newInstance of a new order) tops up the account.
      await kit.buy(prisma, "mock-sku-stop-pack-1k", { chargingMode: "ON_DEMAND_PKG", validDays: 30, customerId });
      assert.equal(await remainingOf(tenant), 1000);
      assert.equal((await run(tenant, 1)).remaining, 999);
      const after = await api(customerOf(tenant)).tenant.usage();
      const grants = after.meters.find((m) => m.meter === "api_calls")!.grants;
      assert.deepEqual(grants.map((g) => [g.kind, g.quota, g.remaining]), [["PACKAGE", 1000, 0], ["PACKAGE", 1000, 999]]);
      assert.equal(after.daily.reduce((s, d) => s + (d.meter === "api_calls" ? d.amount : 0), 0), 1001);
    });

    it("a refusal of a request larger than what is left carries that balance to the client (facts.remaining)", async () => {
      const { tenant } = await tenantWith("mock-sku-stop-pack-1k", { chargingMode: "ON_DEMAND_PKG", validDays: 30, customerId: uniqueId("BUYER") });
      // Another tab (another user of the same organisation) spends 700 of the 1,000.
      await run(tenant, 700, randomUUID(), "bob");
      // This tab still believes 1,000 are left and asks for 500.
      const refused = await run(tenant, 500).then(
        () => assert.fail("500 of 300 must be refused"),
        (err: unknown) => err,
      );
      assert.ok(refused instanceof TRPCError);
      const shape = formatError({ shape: { message: refused.message, code: -32000, data: {} }, error: refused });
      assert.equal(shape.data.appError.code, "PACKAGE_EXHAUSTED");
      assert.deepEqual(shape.data.appError.facts, { remaining: 300 }, "the client can say \"only 300 left\", not \"used up\"");
      assert.equal(await remainingOf(tenant), 300, "nothing was served");

      // Used up for real: the balance said is 0.
      await run(tenant, 300);
      const atZero = await run(tenant, 1).then(
        () => assert.fail("nothing is left"),
        (err: unknown) => err,
      );
      assert.ok(atZero instanceof TRPCError);
      assert.deepEqual(formatError({ shape: { message: atZero.message, code: -32000, data: {} }, error: atZero }).data.appError.facts, { remaining: 0 });

      // Other refusals carry no figures.
      const invalid = await run(tenant, 0).then(
        () => assert.fail("0 calls is invalid"),
        (err: unknown) => err,
      );
      assert.ok(invalid instanceof TRPCError);
      assert.equal("facts" in formatError({ shape: { message: invalid.message, code: -32000, data: {} }, error: invalid }).data.appError, false);
    });

    it("32 concurrent requests of 40 on a 1,000-call package: exactly 25 are served, never more", async () => {
      const { tenant } = await tenantWith("mock-sku-stop-pack-1k", { chargingMode: "ON_DEMAND_PKG", validDays: 30, customerId: uniqueId("BUYER") });
      const results = await Promise.allSettled(Array.from({ length: 32 }, () => run(tenant, 40)));
      const served = results.filter((r) => r.status === "fulfilled");
      assert.equal(served.length, 25);
      for (const r of results) if (r.status === "rejected") assert.equal((r.reason as TRPCError).cause?.name, "AppError");
      assert.equal(await remainingOf(tenant), 0);
    });

    it("a period plan shows its whole monthly allowance before the month's first call, then draws it", async () => {
      const { tenant } = await tenantWith("mock-sku-basic-monthly", { chargingMode: "PERIOD", validDays: 30 });
      const usage = await api(customerOf(tenant)).tenant.usage();
      assert.equal(usage.plan.id, "basic");
      const meter = usage.meters.find((m) => m.meter === "api_calls")!;
      assert.equal(meter.rule, "allowance");
      assert.equal(meter.remaining, 10_000);
      // Seats are the tenant's synced users (alice and bob), not allocated units.
      assert.deepEqual(usage.quotas.map((q) => [q.key, q.limit, q.used]), [["seats", 5, 2], ["projects", 10, 0]]);
      assert.deepEqual(usage.state, { status: "active", notices: [] });
      assert.equal((await run(tenant, 3)).remaining, 9_997);
      assert.equal(await remainingOf(tenant), 9_997);
    });

    it("frozen → refused with the renewal message (and the home page says why); unfrozen → served again", async () => {
      const { tenant, prisma } = await tenantWith("mock-sku-basic-monthly", { chargingMode: "PERIOD", validDays: 30 });
      assert.equal((await callBase(prisma, { activity: "updateInstanceStatus", instanceId: tenant.instanceId, status: "FREEZE" })).json.resultCode, "000000");
      await assertAppError(run(tenant, 1), "PAYMENT_REQUIRED", "INSTANCE_FROZEN");
      await assertAppError(api(customerOf(tenant)).tenant.entitlement(), "PAYMENT_REQUIRED", "INSTANCE_FROZEN");
      const usage = await api(customerOf(tenant)).tenant.usage();
      assert.deepEqual(usage.refusal, { code: "INSTANCE_FROZEN", message: { zh: "实例已冻结，请前往云商店续费后继续使用", en: "your subscription is frozen; renew it on KooGallery to continue" } });
      assert.deepEqual(usage.state, { status: "frozen", notices: [{ kind: "frozen", since: null }] });

      assert.equal((await callBase(prisma, { activity: "updateInstanceStatus", instanceId: tenant.instanceId, status: "UNFREEZE" })).json.resultCode, "000000");
      assert.equal((await run(tenant, 1)).served, 1);
      assert.equal((await api(customerOf(tenant)).tenant.usage()).refusal, null);
    });

    it("released → refused; a plan without the feature → FEATURE_NOT_IN_PLAN; nothing is debited", async () => {
      const { tenant, prisma } = await tenantWith("mock-sku-basic-monthly", { chargingMode: "PERIOD", validDays: 30 });
      assert.equal((await callBase(prisma, { activity: "releaseInstance", instanceId: tenant.instanceId })).json.resultCode, "000000");
      await assertAppError(run(tenant, 1), "FORBIDDEN", "INSTANCE_RELEASED");

      // The lifetime plan has no "api" feature.
      const { tenant: lifetime } = await tenantWith("mock-sku-lifetime", { chargingMode: "ONE_TIME" });
      await assertAppError(run(lifetime, 1), "FORBIDDEN", "FEATURE_NOT_IN_PLAN");
      assert.equal(await prisma.usageDebit.count({ where: { idempotencyKey: { startsWith: "api-console:" }, accountKey: { in: [`instance:${tenant.instanceId}`, `instance:${lifetime.instanceId}`] } } }), 0);
    });

    it("用完即停: running low below 10 %, then used up — and prepaid usage is never on-demand billing", async () => {
      const { tenant } = await tenantWith("mock-sku-stop-pack-1k", { chargingMode: "ON_DEMAND_PKG", validDays: 30, customerId: uniqueId("BUYER") });
      await run(tenant, 950);
      let usage = await api(customerOf(tenant)).tenant.usage();
      assert.equal(usage.state.status, "runningLow");
      assert.deepEqual(usage.state.notices, [{ kind: "runningLow", meter: "api_calls", remaining: 50, quota: 1000, source: "packages", resetsAt: null }]);

      await run(tenant, 50);
      usage = await api(customerOf(tenant)).tenant.usage();
      assert.deepEqual(usage.state, { status: "usedUp", notices: [{ kind: "usedUp", meter: "api_calls", quota: 1000 }] });
      assert.equal(usage.refusal, null, "the instance itself is live: only the meter stops");
      const meter = usage.meters.find((m) => m.meter === "api_calls")!;
      // 用完即停 usage is reported to the marketplace against the package, but it was prepaid.
      assert.deepEqual([meter.usedThisPeriod, meter.onDemandThisPeriod, meter.remaining], [1000, 0, 0]);
      assert.deepEqual(meter.unitOne, { zh: "次", en: "call" });
    });

    it("on demand with a package: only what the package did not cover counts as billed on demand", async () => {
      const customerId = uniqueId("BUYER");
      const { tenant } = await tenantWith("mock-sku-payg-api", { chargingMode: "ON_DEMAND", customerId });
      await kit.buy(h.db.prisma, "mock-sku-payg-api-pack-10k", { chargingMode: "ON_DEMAND_PKG", validDays: 30, customerId });
      for (let i = 0; i < 10; i++) await run(tenant, 1000);
      const overflow = await run(tenant, 3);
      assert.equal(overflow.onDemand, 3);
      const usage = await api(customerOf(tenant)).tenant.usage();
      const meter = usage.meters.find((m) => m.meter === "api_calls")!;
      assert.equal(meter.rule, "on-demand");
      assert.deepEqual([meter.usedThisPeriod, meter.onDemandThisPeriod, meter.remaining], [10_003, 3, 0]);
      assert.deepEqual(usage.state, { status: "active", notices: [] }, "an on-demand meter at zero is billed, not stopped");
    });

    it("seats are the tenant's synced users who may sign in: not deleted, enabled, granted the app", async () => {
      const prisma = h.db.prisma;
      const [instanceId] = await kit.buy(prisma, "mock-sku-basic-monthly", { chargingMode: "PERIOD", validDays: 30 });
      const { orderId } = await prisma.instance.findUniqueOrThrow({ where: { id: instanceId! }, select: { orderId: true } });
      const tenant = await syncLoginTenant(prisma, {
        instance: { instanceId: instanceId!, orderId },
        users: [{ userName: "alice", role: "admin" }, { userName: "bob" }, { userName: "carol", enable: "false" }, { userName: "dave" }],
      });
      const seats = async () => (await api(customerOf(tenant)).tenant.usage()).quotas.find((q) => q.key === "seats")!.used;
      assert.equal(await seats(), 3, "carol is disabled");
      const ts = kitTimeStamp();
      const sync = (flag: number, userName: string) =>
        callKit(prisma, "authSync", { instanceId: tenant.instanceId, tenantId: tenant.tenantId, appId: LOGIN_APP_ID, currentSyncTime: ts, flag, testFlag: 0, timeStamp: ts, userList: [{ userName, name: userName, orgCode: "1", role: "user", enable: "true" }] });
      assert.equal((await sync(0, "dave")).json.resultCode, "000000");
      assert.equal(await seats(), 2, "dave was deleted");
      // Withdrawing bob's grant (flag=3) keeps him synced; with KOOGALLERY_APP_ID set he cannot sign in, so he holds no seat.
      assert.equal((await sync(3, "bob")).json.resultCode, "000000");
      assert.equal(await countSeats(prisma, tenant.tenantId, LOGIN_APP_ID), 1);
      assert.equal(await countSeats(prisma, tenant.tenantId), 2);
      assert.equal(await countSeats(prisma, "no-such-tenant"), 0);
    });

    it("bad input is refused with INVALID_INPUT and debits nothing", async () => {
      const { tenant, prisma } = await tenantWith("mock-sku-basic-monthly", { chargingMode: "PERIOD", validDays: 30 });
      const caller = api(customerOf(tenant));
      for (const input of [{ count: 0, requestId: randomUUID() }, { count: 1001, requestId: randomUUID() }, { count: 1.5, requestId: randomUUID() }, { count: 1, requestId: "not-a-uuid" }]) {
        await assertAppError(caller.tenant.callApi(input), "BAD_REQUEST", "INVALID_INPUT");
      }
      assert.equal(await prisma.usageDebit.count({ where: { accountKey: `instance:${tenant.instanceId}` } }), 0);
    });

    it("strangers: each tenant meters and sees only its own account; staff and anonymous callers are refused", async () => {
      const { tenant: a } = await tenantWith("mock-sku-stop-pack-1k", { chargingMode: "ON_DEMAND_PKG", validDays: 30, customerId: uniqueId("BUYER") });
      const { tenant: b } = await tenantWith("mock-sku-stop-pack-1k", { chargingMode: "ON_DEMAND_PKG", validDays: 30, customerId: uniqueId("BUYER") });
      await run(a, 250);
      assert.equal(await remainingOf(a), 750);
      assert.equal(await remainingOf(b), 1000);
      const usageB = await api(customerOf(b)).tenant.usage();
      assert.equal(usageB.instanceId, b.instanceId);
      assert.ok(!JSON.stringify(usageB).includes(a.instanceId));

      // The same requestId by another user of the same tenant is another debit, not a replay of alice's.
      const key = randomUUID();
      assert.equal((await run(a, 1, key, "alice")).replayed, false);
      assert.equal((await run(a, 1, key, "bob")).replayed, false);
      assert.equal(await remainingOf(a), 748);

      await assertAppError(api({ expires: EXPIRES, user: { kind: "staff", name: "admin", role: "owner" } }).tenant.callApi({ count: 1, requestId: randomUUID() }), "FORBIDDEN", "FORBIDDEN");
      await assertAppError(api(null).tenant.callApi({ count: 1, requestId: randomUUID() }), "UNAUTHORIZED", "UNAUTHENTICATED");
      await assertAppError(api(null).tenant.usage(), "UNAUTHORIZED", "UNAUTHENTICATED");
      assert.equal(await remainingOf(a), 748);
    });
  });
}

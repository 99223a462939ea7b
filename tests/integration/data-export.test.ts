/**
 * The demo's second metered feature (data export; docs/extending.md), on both databases:
 * featureProcedure("export") + consumeMeter("exports") + its own table. One export debits one
 * unit and records one row keyed by the debit (a retried request neither debits nor records
 * twice), the monthly quota refuses with nothing written — also under concurrent clicks — and a
 * tenant never sees another's exports or projects. Released instances' exports are purged
 * through the feature registry (src/server/features.ts).
 */
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { before, describe, it } from "node:test";
import { TRPCError } from "@trpc/server";
import type { Session } from "next-auth";
import type { PrismaClient } from "~/generated/prisma/client";
import { appErrorCodeOf } from "~/server/api/error-shape";
import { createCaller } from "~/server/api/root";
import { createContextInner } from "~/server/api/trpc";
import type { CustomerUser } from "~/server/auth";
import { CATALOG } from "~/server/billing/catalog";
import { defineCatalog } from "~/server/billing/catalog-types";
import { setCatalogForTests } from "~/server/billing/config";
import { purgeReleasedData } from "~/server/billing/retention";
import { useBillingKit } from "../helpers/billing";
import { testTargets, useTestDatabase } from "../helpers/databases";
import { callBase } from "../helpers/marketplace";
import { syncLoginTenant, type SyncedTenant } from "../helpers/oneaccess";
import { assertAppError } from "../helpers/trpc";

const EXPIRES = new Date(Date.now() + 3600_000).toISOString();
const customerOf = (t: SyncedTenant, userName = "alice"): Session => ({
  expires: EXPIRES,
  user: { kind: "customer", name: userName, tenantId: t.tenantId, userName, role: "admin", instanceId: t.instanceId } satisfies CustomerUser,
});
const caller = (t: SyncedTenant, userName = "alice") => createCaller(createContextInner({ session: customerOf(t, userName) }));

/** The shipped catalog with lifetime's exports cut to 3 a month, so the quota is reachable. */
const QUOTA = 3;
const EXPORT_TEST_CATALOG = defineCatalog({
  ...CATALOG,
  plans: { ...CATALOG.plans, lifetime: { ...CATALOG.plans.lifetime, meters: { ...CATALOG.plans.lifetime.meters, exports: { monthlyQuota: QUOTA } } } },
});

for (const target of testTargets()) {
  describe(`data export (metered feature with its own table) on ${target.name}`, { skip: target.skip }, () => {
    const h = useTestDatabase(target);
    const kit = useBillingKit();
    before(() => setCatalogForTests(EXPORT_TEST_CATALOG));

    async function tenantWith(sku: string): Promise<{ tenant: SyncedTenant; prisma: PrismaClient }> {
      const prisma = h.db.prisma;
      const [instanceId] = await kit.buy(prisma, sku, { chargingMode: "PERIOD", validDays: 30 });
      const { orderId } = await prisma.instance.findUniqueOrThrow({ where: { id: instanceId! }, select: { orderId: true } });
      return { tenant: await syncLoginTenant(prisma, { instance: { instanceId: instanceId!, orderId } }), prisma };
    }
    const debits = (prisma: PrismaClient, t: SyncedTenant) => prisma.usageDebit.count({ where: { instanceId: t.instanceId, meter: "exports" } });

    it("one export: one unit of the exports meter, one row, the tenant's projects as CSV; a retry counts once", async () => {
      const { tenant, prisma } = await tenantWith("mock-sku-lifetime");
      await caller(tenant).project.create({ name: 'Q3 "final", draft' });
      await caller(tenant, "bob").project.create({ name: "路线图" });
      const requestId = randomUUID();
      const first = await caller(tenant).dataExport.create({ requestId });
      assert.equal(first.replayed, false);
      assert.equal(first.remaining, QUOTA - 1);
      assert.deepEqual({ kind: first.export.kind, rows: first.export.rowCount, by: first.export.createdBy }, { kind: "projects", rows: 2, by: "alice" });
      const lines = first.csv.trimEnd().split("\r\n");
      assert.equal(lines[0], "name,createdBy,createdAt");
      assert.deepEqual(lines.slice(1).map((l) => l.replace(/,[^,]+$/, "")).sort(), ['"Q3 ""final"", draft",alice', "路线图,bob"].sort());

      const again = await caller(tenant).dataExport.create({ requestId });
      assert.equal(again.replayed, true);
      assert.equal(again.export.id, first.export.id);
      assert.equal(await debits(prisma, tenant), 1);
      assert.equal(await prisma.dataExport.count({ where: { tenantId: tenant.tenantId } }), 1);
      assert.deepEqual((await caller(tenant).dataExport.list()).items.map((e) => e.id), [first.export.id]);
      const usage = await caller(tenant).tenant.usage();
      assert.equal(usage.meters.find((m) => m.meter === "exports")?.remaining, QUOTA - 1);
    });

    it(`${QUOTA * 2} concurrent exports against a monthly quota of ${QUOTA} → exactly ${QUOTA}; the rest QUOTA_EXCEEDED with nothing written`, async () => {
      const { tenant, prisma } = await tenantWith("mock-sku-lifetime");
      const results = await Promise.allSettled(Array.from({ length: QUOTA * 2 }, () => caller(tenant).dataExport.create({ requestId: randomUUID() })));
      assert.equal(results.filter((r) => r.status === "fulfilled").length, QUOTA);
      for (const r of results) if (r.status === "rejected") assert.equal(appErrorCodeOf(r.reason as TRPCError), "QUOTA_EXCEEDED");
      assert.equal(await prisma.dataExport.count({ where: { tenantId: tenant.tenantId } }), QUOTA);
      assert.equal(await debits(prisma, tenant), QUOTA);
      await assertAppError(caller(tenant).dataExport.create({ requestId: randomUUID() }), "PAYMENT_REQUIRED", "QUOTA_EXCEEDED");
    });

    it("refusals: a plan without the feature, a frozen instance, bad input; nothing is written", async () => {
      const { tenant: basic, prisma } = await tenantWith("mock-sku-basic-monthly");
      await assertAppError(caller(basic).dataExport.create({ requestId: randomUUID() }), "FORBIDDEN", "FEATURE_NOT_IN_PLAN");
      const { tenant } = await tenantWith("mock-sku-lifetime");
      await assertAppError(caller(tenant).dataExport.create({ requestId: "not-a-uuid" }), "BAD_REQUEST", "INVALID_INPUT");
      assert.equal((await callBase(prisma, { activity: "updateInstanceStatus", instanceId: tenant.instanceId, status: "FREEZE" })).json.resultCode, "000000");
      await assertAppError(caller(tenant).dataExport.create({ requestId: randomUUID() }), "PAYMENT_REQUIRED", "INSTANCE_FROZEN");
      assert.deepEqual((await caller(tenant).dataExport.list()).items, [], "a frozen customer still lists (nothing here)");
      assert.equal(await prisma.dataExport.count({ where: { tenantId: { in: [basic.tenantId, tenant.tenantId] } } }), 0);
      assert.equal((await debits(prisma, basic)) + (await debits(prisma, tenant)), 0);
    });

    it("strangers: a tenant lists only its own exports and exports only its own projects", async () => {
      const { tenant: a } = await tenantWith("mock-sku-lifetime");
      const { tenant: b, prisma } = await tenantWith("mock-sku-lifetime");
      await caller(a).project.create({ name: "a's secret project" });
      const requestId = randomUUID();
      const mine = await caller(a).dataExport.create({ requestId });
      // The same requestId (and user name) from another tenant is another export, not a replay of a's.
      const theirs = await caller(b).dataExport.create({ requestId });
      assert.equal(theirs.replayed, false);
      assert.equal(theirs.export.rowCount, 0);
      assert.ok(!theirs.csv.includes("secret"));
      assert.deepEqual((await caller(b).dataExport.list()).items.map((e) => e.id), [theirs.export.id]);
      assert.deepEqual((await caller(a).dataExport.list()).items.map((e) => e.id), [mine.export.id]);
      assert.equal(await debits(prisma, a), 1);
      await assertAppError(createCaller(createContextInner({ session: null })).dataExport.list(), "UNAUTHORIZED", "UNAUTHENTICATED");
      await assertAppError(
        createCaller(createContextInner({ session: { expires: EXPIRES, user: { kind: "staff", name: "admin", role: "owner" } } })).dataExport.create({ requestId: randomUUID() }),
        "FORBIDDEN",
        "FORBIDDEN",
      );
    });

    it("release: exports are purged with the tenant's data after the retention (feature registry), not before", async () => {
      const { tenant, prisma } = await tenantWith("mock-sku-lifetime");
      await caller(tenant).dataExport.create({ requestId: randomUUID() });
      assert.equal((await callBase(prisma, { activity: "releaseInstance", instanceId: tenant.instanceId })).json.resultCode, "000000");
      await assertAppError(caller(tenant).dataExport.create({ requestId: randomUUID() }), "FORBIDDEN", "INSTANCE_RELEASED");
      const { dataPurgeAfter } = await prisma.instance.findUniqueOrThrow({ where: { id: tenant.instanceId } });
      assert.ok(dataPurgeAfter);
      await purgeReleasedData(prisma, dataPurgeAfter.getTime() - 60_000);
      assert.equal(await prisma.dataExport.count({ where: { instanceId: tenant.instanceId } }), 1, "kept during the retention");
      await purgeReleasedData(prisma, dataPurgeAfter.getTime() + 60_000);
      assert.equal(await prisma.dataExport.count({ where: { instanceId: tenant.instanceId } }), 0);
    });
  });
}

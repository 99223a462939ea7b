/**
 * quotaProcedure through the demo product's projects, on both databases: the count quota is
 * taken in the transaction that inserts the project and given back in the one that deletes it,
 * so concurrent creates stop exactly at the plan's limit, a failed insert leaks nothing, and
 * double deletes give back one unit. Plus tenant isolation, refusals and retention.
 */
import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import { TRPCError } from "@trpc/server";
import type { Session } from "next-auth";
import { appErrorCodeOf } from "~/server/api/error-shape";
import { createCaller } from "~/server/api/root";
import { createContextInner } from "~/server/api/trpc";
import type { CustomerUser } from "~/server/auth";
import { CATALOG } from "~/server/billing/catalog";
import { setCatalogForTests } from "~/server/billing/config";
import { purgeReleasedData } from "~/server/billing/retention";
import type { PrismaClient } from "~/generated/prisma/client";
import { useBillingKit, type BuyOptions } from "../helpers/billing";
import { testTargets, useTestDatabase } from "../helpers/databases";
import { callBase } from "../helpers/marketplace";
import { syncLoginTenant, type SyncedTenant } from "../helpers/oneaccess";
import { assertAppError } from "../helpers/trpc";

const EXPIRES = new Date(Date.now() + 3600_000).toISOString();
const customerOf = (t: SyncedTenant, userName = "alice"): Session => ({
  expires: EXPIRES,
  user: { kind: "customer", name: userName, tenantId: t.tenantId, userName, role: "admin", instanceId: t.instanceId } satisfies CustomerUser,
});
const api = (t: SyncedTenant, userName = "alice") => createCaller(createContextInner({ session: customerOf(t, userName) })).project;


for (const target of testTargets()) {
  describe(`projects (quotaProcedure) on ${target.name}`, { skip: target.skip }, () => {
    const h = useTestDatabase(target);
    const kit = useBillingKit();
    // The shipped catalog: basic has projects: 10, lifetime 20, stop_pack_1k 10.
    before(() => setCatalogForTests(CATALOG));

    async function tenantWith(sku: string, opts: BuyOptions = { chargingMode: "PERIOD", validDays: 30 }): Promise<{ tenant: SyncedTenant; prisma: PrismaClient }> {
      const prisma = h.db.prisma;
      const [instanceId] = await kit.buy(prisma, sku, opts);
      const { orderId } = await prisma.instance.findUniqueOrThrow({ where: { id: instanceId! }, select: { orderId: true } });
      return { tenant: await syncLoginTenant(prisma, { instance: { instanceId: instanceId!, orderId } }), prisma };
    }
    const allocated = async (prisma: PrismaClient, instanceId: string) => {
      const { accountKey } = await prisma.instance.findUniqueOrThrow({ where: { id: instanceId } });
      return (await prisma.quotaAllocation.findUnique({ where: { accountKey_quota: { accountKey: accountKey!, quota: "projects" } } }))?.used ?? 0;
    };

    it("create, list and delete: the quota follows the rows; a taken name leaks no unit", async () => {
      const { tenant, prisma } = await tenantWith("mock-sku-basic-monthly");
      const created = await api(tenant).create({ name: "  季度报告 Q3  " });
      assert.equal(created.name, "季度报告 Q3", "names are trimmed");
      assert.equal(created.createdBy, "alice");
      assert.deepEqual(Object.keys(created).sort(), ["createdAt", "createdBy", "id", "name"]);
      await api(tenant, "bob").create({ name: "Roadmap" });

      const list = await api(tenant).list();
      assert.deepEqual(list.items.map((p) => p.name).sort(), ["Roadmap", "季度报告 Q3"]);
      assert.deepEqual({ limit: list.limit, used: list.used }, { limit: 10, used: 2 });

      await assertAppError(api(tenant).create({ name: "Roadmap" }), "CONFLICT", "PROJECT_NAME_TAKEN");
      assert.equal(await allocated(prisma, tenant.instanceId), 2, "the refused insert gave its unit back");

      await api(tenant).delete({ id: created.id });
      await assertAppError(api(tenant).delete({ id: created.id }), "NOT_FOUND", "NOT_FOUND");
      const after = await api(tenant).list();
      assert.deepEqual({ names: after.items.map((p) => p.name), used: after.used }, { names: ["Roadmap"], used: 1 });
      // The usage summary's quota bar reads the same allocation.
      const usage = await createCaller(createContextInner({ session: customerOf(tenant) })).tenant.usage();
      assert.deepEqual(usage.quotas.find((q) => q.key === "projects"), { key: "projects", name: { zh: "项目数", en: "Projects" }, limit: 10, used: 1 });
    });

    it("NUL or an unpaired surrogate in the name → INVALID_INPUT naming the field, nothing written (not INTERNAL)", async () => {
      const { tenant, prisma } = await tenantWith("mock-sku-basic-monthly");
      for (const name of ["a\u0000b", "x\ud800y", "\udc00"]) {
        await assertAppError(api(tenant).create({ name }), "BAD_REQUEST", "INVALID_INPUT");
      }
      await assert.rejects(api(tenant).create({ name: "x\ud800y" }), /name: text may not contain NUL/);
      assert.equal((await api(tenant).list()).items.length, 0);
      assert.equal(await allocated(prisma, tenant.instanceId), 0, "no quota unit taken");
    });

    it("25 concurrent creates against a limit of 10 → exactly 10 projects and 10 units; the rest QUOTA_EXCEEDED", async () => {
      const { tenant, prisma } = await tenantWith("mock-sku-basic-monthly");
      const results = await Promise.allSettled(Array.from({ length: 25 }, (_, i) => api(tenant).create({ name: `p-${i}` })));
      const ok = results.filter((r) => r.status === "fulfilled").length;
      assert.equal(ok, 10);
      for (const r of results) if (r.status === "rejected") assert.equal(appErrorCodeOf(r.reason as TRPCError), "QUOTA_EXCEEDED");
      assert.equal(await prisma.project.count({ where: { tenantId: tenant.tenantId } }), 10);
      assert.equal(await allocated(prisma, tenant.instanceId), 10);
      await assertAppError(api(tenant).create({ name: "one more" }), "PAYMENT_REQUIRED", "QUOTA_EXCEEDED");

      // Two concurrent deletes of one project give back one unit; then one create fits again.
      const victim = (await api(tenant).list()).items[0]!;
      const deletes = await Promise.allSettled([api(tenant).delete({ id: victim.id }), api(tenant).delete({ id: victim.id })]);
      assert.deepEqual(deletes.map((d) => d.status).sort(), ["fulfilled", "rejected"]);
      assert.equal(await allocated(prisma, tenant.instanceId), 9);
      await api(tenant).create({ name: "fits again" });
      await assertAppError(api(tenant).create({ name: "no room" }), "PAYMENT_REQUIRED", "QUOTA_EXCEEDED");
    });

    it("strangers: a tenant sees and deletes only its own projects", async () => {
      const { tenant: a } = await tenantWith("mock-sku-basic-monthly");
      const { tenant: b, prisma } = await tenantWith("mock-sku-basic-monthly");
      const mine = await api(a).create({ name: "Shared name" });
      await api(b).create({ name: "Shared name" }); // names are unique per tenant only
      assert.deepEqual((await api(b).list()).items.map((p) => p.id).includes(mine.id), false);
      await assertAppError(api(b).delete({ id: mine.id }), "NOT_FOUND", "NOT_FOUND");
      assert.equal(await prisma.project.count({ where: { id: mine.id } }), 1);
      assert.equal(await allocated(prisma, a.instanceId), 1);
      assert.equal(await allocated(prisma, b.instanceId), 1);
      await assertAppError(createCaller(createContextInner({ session: null })).project.list(), "UNAUTHORIZED", "UNAUTHENTICATED");
      await assertAppError(createCaller(createContextInner({ session: { expires: EXPIRES, user: { kind: "staff", name: "admin", role: "owner" } } })).project.create({ name: "x" }), "FORBIDDEN", "FORBIDDEN");
    });

    it("refusals: frozen instance, bad names; nothing is written", async () => {
      const { tenant, prisma } = await tenantWith("mock-sku-basic-monthly");
      const kept = await api(tenant).create({ name: "kept" });
      assert.equal((await callBase(prisma, { activity: "updateInstanceStatus", instanceId: tenant.instanceId, status: "FREEZE" })).json.resultCode, "000000");
      await assertAppError(api(tenant).create({ name: "while frozen" }), "PAYMENT_REQUIRED", "INSTANCE_FROZEN");
      await assertAppError(api(tenant).delete({ id: kept.id }), "PAYMENT_REQUIRED", "INSTANCE_FROZEN");
      assert.equal((await api(tenant).list()).items.length, 1, "a frozen customer still sees their projects");
      assert.equal((await callBase(prisma, { activity: "updateInstanceStatus", instanceId: tenant.instanceId, status: "UNFREEZE" })).json.resultCode, "000000");
      for (const name of ["", "   ", "x".repeat(81), "tab\tname"]) {
        await assertAppError(api(tenant).create({ name }), "BAD_REQUEST", "INVALID_INPUT");
      }
      await assertAppError(api(tenant).delete({ id: "not-a-uuid" }), "BAD_REQUEST", "INVALID_INPUT");
      assert.equal(await prisma.project.count({ where: { tenantId: tenant.tenantId } }), 1);
      assert.equal(await allocated(prisma, tenant.instanceId), 1);
    });

    it("release: the projects are purged with the tenant's data after the retention, not before", async () => {
      const { tenant, prisma } = await tenantWith("mock-sku-basic-monthly");
      await api(tenant).create({ name: "to be purged" });
      assert.equal((await callBase(prisma, { activity: "releaseInstance", instanceId: tenant.instanceId })).json.resultCode, "000000");
      await assertAppError(api(tenant).create({ name: "after release" }), "FORBIDDEN", "INSTANCE_RELEASED");
      const { dataPurgeAfter } = await prisma.instance.findUniqueOrThrow({ where: { id: tenant.instanceId } });
      assert.ok(dataPurgeAfter);
      await purgeReleasedData(prisma, dataPurgeAfter.getTime() - 60_000);
      assert.equal(await prisma.project.count({ where: { tenantId: tenant.tenantId } }), 1, "kept during the retention");
      await purgeReleasedData(prisma, dataPurgeAfter.getTime() + 60_000);
      assert.equal(await prisma.project.count({ where: { tenantId: tenant.tenantId } }), 0);
    });
  });
}

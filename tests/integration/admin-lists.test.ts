/**
 * The staff lists' procedures (issue 12): free-text search, date windows, pagination with a total
 * (instances, tenants, License codes) or a cursor (calls, usage), the links' data (an instance's
 * tenants, plan and latest calls), and that only staff may ask — a stranger or a customer session
 * is refused.
 */
import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import type { Session } from "next-auth";
import { createCaller } from "~/server/api/root";
import { createContextInner } from "~/server/api/trpc";
import { testTargets, useTestDatabase } from "../helpers/databases";
import { assertAppError } from "../helpers/trpc";

const EXPIRES = new Date(Date.now() + 3600_000).toISOString();
const staff: Session = { expires: EXPIRES, user: { kind: "staff", name: "admin", role: "owner" } };
const customer: Session = { expires: EXPIRES, user: { kind: "customer", name: "M", tenantId: "t", userName: "m", role: "admin", instanceId: "i" } };

const DAY = 86_400_000;
const t0 = Date.parse("2026-11-01T00:00:00Z");

for (const target of testTargets()) {
  describe(`staff lists on ${target.name}`, { skip: target.skip }, () => {
    const h = useTestDatabase(target);
    const api = () => createCaller(createContextInner({ session: staff }));

    before(async () => {
      const db = h.db.prisma;
      // 7 instances, one a day; i-3 is bound to tenant "Acme 公司", i-5 carries a plan.
      for (let n = 0; n < 7; n++) {
        await db.instance.create({
          data: {
            id: `inst-${n}`,
            newInstanceKey: `key-${n}`,
            orderId: `order-${n}`,
            orderLineId: `line-${n}`,
            businessId: `biz-${n}`,
            skuCode: n === 5 ? "sku-pro" : null,
            planId: n === 5 ? "pro" : null,
            adminUserName: "admin",
            adminPasswordEnc: "v1:x",
            createdAt: new Date(t0 + n * DAY),
          },
        });
      }
      for (let n = 0; n < 5; n++) {
        await db.tenant.create({
          data: {
            tenantId: `tenant-${n}`,
            tenantCode: `code-${n}`,
            name: n === 3 ? "Acme 公司" : `Tenant ${n}`,
            domainName: `https://t${n}.example`,
            instanceId: `inst-${n}`,
            createdAt: new Date(t0 + n * DAY),
          },
        });
      }
      for (let n = 0; n < 5; n++) {
        await db.licenseCode.create({ data: { license: `LIC-${n}`, orderId: `lorder-${n}`, firstSeenVia: "refreshLicenseCode", createdAt: new Date(t0 + n * DAY) } });
      }
      // 6 calls for inst-3 (one per hour) and one for inst-4.
      for (let n = 0; n < 6; n++) {
        await db.marketplaceCall.create({
          data: { channel: "base", activity: "queryInstance", path: "/api/marketplace", instanceId: "inst-3", orderId: `order-3`, resultCode: n === 0 ? "000003" : "000000", receivedAt: new Date(t0 + n * 3600_000) },
        });
      }
      for (let n = 0; n < 3; n++) {
        await db.usagePushRecord.create({
          data: { meteringSn: `sn-${n}`, instanceId: `inst-${n}`, meter: n === 2 ? "api_calls" : "storage", hourStart: new Date(t0 + n * DAY), seq: 1, usageValue: 1, ...(n === 1 ? { status: "FAILED", deadReason: "REFUSED", deadAt: new Date(t0 + n * DAY) } : {}) },
        });
      }
      await db.marketplaceCall.create({ data: { channel: "kit", activity: "tenantSync", path: "/k", instanceId: "inst-4", tenantId: "tenant-4", resultCode: "000101", receivedAt: new Date(t0 + 2 * DAY) } });
    });

    it("instances: pages with a total, newest first, no row twice", async () => {
      const p1 = await api().instanceAdmin.list({ pageSize: 3, page: 1 });
      const p2 = await api().instanceAdmin.list({ pageSize: 3, page: 2 });
      const p3 = await api().instanceAdmin.list({ pageSize: 3, page: 3 });
      assert.equal(p1.total, 7);
      assert.deepEqual([...p1.items, ...p2.items, ...p3.items].map((i) => i.id), ["inst-6", "inst-5", "inst-4", "inst-3", "inst-2", "inst-1", "inst-0"]);
      assert.deepEqual((await api().instanceAdmin.list({ pageSize: 3, page: 9 })).items, []);
    });

    it("instances: search matches ids, orders and the bound tenant's name; shows tenant and plan", async () => {
      assert.deepEqual((await api().instanceAdmin.list({ search: "ORDER-2" })).items.map((i) => i.id), ["inst-2"]);
      const byTenant = await api().instanceAdmin.list({ search: "acme" });
      assert.deepEqual(byTenant.items.map((i) => [i.id, i.tenants.map((t) => t.name)]), [["inst-3", ["Acme 公司"]]]);
      assert.equal(byTenant.total, 1);
      const pro = (await api().instanceAdmin.list({ search: "sku-pro" })).items;
      assert.deepEqual(pro.map((i) => [i.id, i.planId]), [["inst-5", "pro"]]);
      assert.equal((await api().instanceAdmin.list({ search: "nothing-like-this" })).total, 0);
    });

    it("instances: a [from, to) window on createdAt", async () => {
      const r = await api().instanceAdmin.list({ from: new Date(t0 + 2 * DAY), to: new Date(t0 + 4 * DAY) });
      assert.deepEqual(r.items.map((i) => i.id), ["inst-3", "inst-2"]);
      assert.equal(r.total, 2);
    });

    it("instance detail lists its latest calls, newest first", async () => {
      const d = await api().instanceAdmin.detail({ id: "inst-3" });
      assert.equal(d.calls.length, 6);
      assert.deepEqual(d.calls.map((c) => c.resultCode), ["000000", "000000", "000000", "000000", "000000", "000003"]);
      assert.deepEqual(d.tenants.map((t) => t.tenantId), ["tenant-3"]);
    });

    it("tenants: search over name, code, domain and instance; window; pages", async () => {
      assert.deepEqual((await api().tenantAdmin.list({ search: "code-2" })).items.map((t) => t.tenantId), ["tenant-2"]);
      assert.deepEqual((await api().tenantAdmin.list({ search: "t4.example" })).items.map((t) => t.tenantId), ["tenant-4"]);
      assert.deepEqual((await api().tenantAdmin.list({ search: "inst-1" })).items.map((t) => t.tenantId), ["tenant-1"]);
      const w = await api().tenantAdmin.list({ from: new Date(t0 + 3 * DAY) });
      assert.deepEqual(w.items.map((t) => t.tenantId), ["tenant-4", "tenant-3"]);
      const p2 = await api().tenantAdmin.list({ pageSize: 2, page: 2 });
      assert.deepEqual([p2.total, p2.items.map((t) => t.tenantId)], [5, ["tenant-2", "tenant-1"]]);
    });

    it("License codes: search, window, pages", async () => {
      assert.deepEqual((await api().licenseAdmin.list({ search: "lorder-1" })).items.map((l) => l.license), ["LIC-1"]);
      assert.deepEqual((await api().licenseAdmin.list({ to: new Date(t0 + DAY) })).items.map((l) => l.license), ["LIC-0"]);
      const p = await api().licenseAdmin.list({ pageSize: 2, page: 3 });
      assert.deepEqual([p.total, p.items.map((l) => l.license)], [5, ["LIC-0"]]);
    });

    it("calls: search by id, code and activity; window; cursor pages", async () => {
      assert.equal((await api().callLog.list({ search: "inst-4" })).items.length, 1);
      assert.equal((await api().callLog.list({ search: "000101" })).items[0]?.tenantId, "tenant-4");
      assert.equal((await api().callLog.list({ search: "TENANTSYNC" })).items.length, 1);
      const one = (await api().callLog.list({ search: "000003" })).items;
      assert.equal(one.length, 1);
      assert.deepEqual((await api().callLog.list({ search: one[0]!.id })).items.map((c) => c.id), [one[0]!.id]);
      const w = await api().callLog.list({ from: new Date(t0 + 1 * 3600_000), to: new Date(t0 + 3 * 3600_000) });
      assert.equal(w.items.length, 2);
      const a = await api().callLog.list({ instanceId: "inst-3", limit: 4 });
      assert.ok(a.nextCursor);
      const b = await api().callLog.list({ instanceId: "inst-3", limit: 4, cursor: a.nextCursor });
      assert.equal(b.nextCursor, null);
      assert.equal(new Set([...a.items, ...b.items].map((c) => c.id)).size, 6);
    });

    it("usage: push records and dead letters by search and usage-hour window; ledger search", async () => {
      assert.deepEqual((await api().usageAdmin.pushRecords({ search: "API_CALLS" })).items.map((r) => r.meteringSn), ["sn-2"]);
      assert.deepEqual((await api().usageAdmin.pushRecords({ search: "inst-0" })).items.map((r) => r.meteringSn), ["sn-0"]);
      assert.deepEqual((await api().usageAdmin.pushRecords({ from: new Date(t0 + DAY) })).items.map((r) => r.meteringSn), ["sn-2", "sn-1"]);
      assert.deepEqual((await api().usageAdmin.pushRecords({ to: new Date(t0 + DAY), search: "sn" })).items.map((r) => r.meteringSn), ["sn-0"]);
      assert.deepEqual((await api().usageAdmin.deadLetters({ search: "sn-1" })).items.map((r) => r.meteringSn), ["sn-1"]);
      assert.deepEqual((await api().usageAdmin.deadLetters({ from: new Date(t0 + 2 * DAY) })).items, []);
      // The ledger is empty here; a uuid search (debit id) and a window are valid questions.
      assert.deepEqual((await api().usageAdmin.ledger({ search: "00000000-0000-4000-8000-000000000000", from: new Date(t0) })).items, []);
    });

    it("bad inputs are refused as BAD_REQUEST, not a crash", async () => {
      await assertAppError(api().instanceAdmin.list({ page: 0 }), "BAD_REQUEST", "INVALID_INPUT");
      await assertAppError(api().tenantAdmin.list({ pageSize: 10_000 }), "BAD_REQUEST", "INVALID_INPUT");
      await assertAppError(api().callLog.list({ search: "x".repeat(101) }), "BAD_REQUEST", "INVALID_INPUT");
    });

    it("only staff may list: a stranger and a customer are refused", async () => {
      for (const session of [null, customer]) {
        const caller = createCaller(createContextInner({ session }));
        for (const p of [caller.instanceAdmin.list({}), caller.tenantAdmin.list({}), caller.licenseAdmin.list({}), caller.callLog.list({ search: "x" }), caller.usageAdmin.ledger({})]) {
          await assert.rejects(p, (e: unknown) => e instanceof Error && /UNAUTHORIZED|FORBIDDEN/.test(String((e as { code?: string }).code)));
        }
      }
    });
  });
}

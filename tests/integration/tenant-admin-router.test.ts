/**
 * Staff tenant directory, fed by real Kit calls: list with instance and counts, detail with
 * department tree and users, the client secret never leaves the server, and only staff may ask.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { TRPCError } from "@trpc/server";
import type { Session } from "next-auth";
import { encryptClientSecretForTest } from "~/koogallery/rsa";
import { createCaller } from "~/server/api/root";
import { departmentTree } from "~/server/api/routers/tenant-admin";
import { createContextInner } from "~/server/api/trpc";
import { testTargets, useTestDatabase } from "../helpers/databases";
import { callBase, callKit, kitTimeStamp, newOrder, testRsaKeys } from "../helpers/marketplace";

const EXPIRES = new Date(Date.now() + 3600_000).toISOString();
const staff: Session = { expires: EXPIRES, user: { kind: "staff", name: "admin", role: "owner" } };
const customer: Session = {
  expires: EXPIRES,
  user: { kind: "customer", name: "Mallory", tenantId: "t-1", userName: "mallory", role: "admin", instanceId: "i-1" },
};

describe("departmentTree", () => {
  it("nests by parentCode, keeps orphans as roots and sorts by code", () => {
    const tree = departmentTree([
      { orgCode: "2", orgName: "B", parentCode: "1", removedAt: null },
      { orgCode: "1", orgName: "A", parentCode: null, removedAt: null },
      { orgCode: "9", orgName: "Orphan", parentCode: "missing", removedAt: new Date() },
      { orgCode: "3", orgName: "C", parentCode: "1", removedAt: null },
    ]);
    assert.deepEqual(
      tree.map((n) => [n.orgCode, n.children.map((c) => c.orgCode), n.removed]),
      [["1", ["2", "3"], false], ["9", [], true]],
    );
  });
});

for (const target of testTargets()) {
  describe(`tenant admin router on ${target.name}`, { skip: target.skip }, () => {
    const h = useTestDatabase(target);

    it("shows a Kit-synced tenant with its instance, app, departments and users — never the secret", async () => {
      const order = newOrder();
      const created = await callBase(h.db.prisma, order);
      const instanceId = created.json.instanceId as string;
      const tenantId = `tenant-${Date.now()}`;
      const ts = kitTimeStamp();
      await callKit(h.db.prisma, "tenantSync", { instanceId, orderId: order.orderId, tenantId, tenantCode: "acme", name: "Acme 公司", domainName: "https://acme.oneaccess.example", flag: 1, testFlag: 0, timeStamp: ts });
      await callKit(h.db.prisma, "applicationSync", { instanceId, tenantId, appId: "app-1", clientId: "client-1", clientSecret: encryptClientSecretForTest("TOP-SECRET-VALUE", testRsaKeys().publicKey), flag: 1, testFlag: 0, timeStamp: ts });
      await callKit(h.db.prisma, "allOrgSync", { instanceId, tenantId, orgInfoList: [{ orgCode: "1", orgName: "总部" }, { orgCode: "2", orgName: "研发", parentCode: "1" }], testFlag: 0, timeStamp: ts });
      await callKit(h.db.prisma, "authSync", { instanceId, tenantId, appId: "app-1", currentSyncTime: ts, flag: 1, testFlag: 0, timeStamp: ts, userList: [{ userName: "zhang", name: "张三", orgCode: "2", role: "admin", enable: "true", mobile: "13800000000" }] });

      const api = createCaller(createContextInner({ session: staff }));
      const list = (await api.tenantAdmin.list({ search: "acme" })).items;
      const row = list.find((t) => t.tenantId === tenantId);
      assert.ok(row);
      assert.equal(row.instance?.id, instanceId);
      assert.equal(row.instance?.status, "ACTIVE");
      assert.equal(row.userCount, 1);
      assert.equal(row.applicationCount, 1);

      const detail = await api.tenantAdmin.detail({ tenantId });
      assert.equal(detail.tenant.name, "Acme 公司");
      assert.deepEqual(detail.departments.map((d) => [d.orgCode, d.children.map((c) => c.orgName)]), [["1", ["研发"]]]);
      assert.deepEqual(detail.users.map((u) => [u.userName, u.role, u.enabled, u.apps]), [["zhang", "admin", true, ["app-1"]]]);
      const json = JSON.stringify({ list, detail });
      assert.ok(!json.includes("TOP-SECRET-VALUE"), "no plaintext secret");
      assert.ok(!json.includes("clientSecretEnc") && !json.includes("v1:"), "no sealed secret either");
    });

    it("only staff may read tenants", async () => {
      for (const session of [null, customer]) {
        const api = createCaller(createContextInner({ session }));
        await assert.rejects(api.tenantAdmin.list({}), (err: unknown) => err instanceof TRPCError && ["UNAUTHORIZED", "FORBIDDEN"].includes(err.code));
        await assert.rejects(api.tenantAdmin.detail({ tenantId: "x" }), (err: unknown) => err instanceof TRPCError && ["UNAUTHORIZED", "FORBIDDEN"].includes(err.code));
      }
    });

    it("an unknown tenant is NOT_FOUND", async () => {
      const api = createCaller(createContextInner({ session: staff }));
      await assert.rejects(api.tenantAdmin.detail({ tenantId: "nope" }), (err: unknown) => err instanceof TRPCError && err.code === "NOT_FOUND");
    });
  });
}

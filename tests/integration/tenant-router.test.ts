/**
 * `tenantProcedure` and the customer's `tenant.me` on both databases: each customer sees only
 * their own tenant and instance (two Kit-synced tenants side by side), a session naming an
 * unknown or unbound tenant is refused, staff and anonymous callers are refused, and a
 * customer cannot call staff procedures.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { TRPCError } from "@trpc/server";
import type { Session } from "next-auth";
import { createCaller } from "~/server/api/root";
import { createContextInner } from "~/server/api/trpc";
import type { CustomerUser } from "~/server/auth";
import { testTargets, useTestDatabase } from "../helpers/databases";
import { callBase, callKit, kitTimeStamp } from "../helpers/marketplace";
import { syncLoginTenant, type SyncedTenant } from "../helpers/oneaccess";

const EXPIRES = new Date(Date.now() + 3600_000).toISOString();
const customerOf = (t: SyncedTenant, userName: string, role = "user"): Session => ({
  expires: EXPIRES,
  user: { kind: "customer", name: userName, tenantId: t.tenantId, userName, role, instanceId: t.instanceId } satisfies CustomerUser,
});
const api = (session: Session | null) => createCaller(createContextInner({ session }));

async function rejectsCode(p: Promise<unknown>, code: TRPCError["code"], appCode: string): Promise<void> {
  await assert.rejects(p, (err: unknown) => {
    assert.ok(err instanceof TRPCError, String(err));
    assert.equal(err.code, code);
    assert.equal((err.cause as { code?: string } | undefined)?.code, appCode);
    return true;
  });
}

for (const target of testTargets()) {
  describe(`tenant router (tenantProcedure) on ${target.name}`, { skip: target.skip }, () => {
    const h = useTestDatabase(target);

    it("each customer sees only their own tenant, user and instance", async () => {
      const a = await syncLoginTenant(h.db.prisma, { name: "甲公司 A", users: [{ userName: "alice", role: "admin" }] });
      const b = await syncLoginTenant(h.db.prisma, { name: "乙公司 B", users: [{ userName: "alice", role: "user" }, { userName: "bruno" }] });

      const meA = await api(customerOf(a, "alice", "admin")).tenant.me();
      assert.deepEqual(meA.tenant, { tenantId: a.tenantId, tenantCode: a.tenantCode, name: "甲公司 A" });
      assert.deepEqual(meA.user, { userName: "alice", name: "ALICE", role: "admin", orgCode: "1" });
      assert.equal(meA.instance?.id, a.instanceId);
      assert.equal(meA.instance?.status, "ACTIVE");
      // Explicit selects only: no secrets, no order internals.
      assert.deepEqual(Object.keys(meA).sort(), ["instance", "tenant", "user"]);
      assert.deepEqual(Object.keys(meA.instance!).sort(), ["expireAt", "id", "isTest", "status"]);

      // The same userName in tenant B is another person with another instance.
      const meB = await api(customerOf(b, "alice")).tenant.me();
      assert.equal(meB.tenant.tenantId, b.tenantId);
      assert.equal(meB.user.role, "user");
      assert.equal(meB.instance?.id, b.instanceId);
      assert.ok(!JSON.stringify(meB).includes(a.tenantId) && !JSON.stringify(meB).includes(a.instanceId));
      const meBruno = await api(customerOf(b, "bruno")).tenant.me();
      assert.equal(meBruno.tenant.name, "乙公司 B");
    });

    it("the tenant comes from the session, and the instance from the tenant's current binding", async () => {
      const a = await syncLoginTenant(h.db.prisma);
      const b = await syncLoginTenant(h.db.prisma);
      // A session that claims tenant A but carries B's instance id still reads A's instance.
      const mixed: Session = { expires: EXPIRES, user: { ...(customerOf(a, "alice").user as CustomerUser), instanceId: b.instanceId } };
      const me = await api(mixed).tenant.me();
      assert.equal(me.tenant.tenantId, a.tenantId);
      assert.equal(me.instance?.id, a.instanceId);
    });

    it("strangers are refused: unknown tenant, unbound tenant, staff, anonymous", async () => {
      const a = await syncLoginTenant(h.db.prisma);
      const ghost: Session = { expires: EXPIRES, user: { kind: "customer", name: "g", tenantId: "no-such-tenant", userName: "g", role: "user", instanceId: a.instanceId } };
      await rejectsCode(api(ghost).tenant.me(), "FORBIDDEN", "FORBIDDEN");
      await rejectsCode(api({ expires: EXPIRES, user: { kind: "staff", name: "admin", role: "owner" } }).tenant.me(), "FORBIDDEN", "FORBIDDEN");
      await rejectsCode(api(null).tenant.me(), "UNAUTHORIZED", "UNAUTHENTICATED");
      await rejectsCode(api({ expires: EXPIRES }).tenant.me(), "UNAUTHORIZED", "UNAUTHENTICATED");

      // tenantSync flag=0 unbinds the organisation: its sessions lose access at once.
      const ts = kitTimeStamp();
      const removed = await callKit(h.db.prisma, "tenantSync", { instanceId: a.instanceId, orderId: "", tenantId: a.tenantId, tenantCode: a.tenantCode, name: a.name, domainName: a.domainName, flag: 0, testFlag: 0, timeStamp: ts });
      assert.equal(removed.json.resultCode, "000000");
      await rejectsCode(api(customerOf(a, "alice")).tenant.me(), "FORBIDDEN", "FORBIDDEN");
    });

    it("customers cannot call staff procedures", async () => {
      const a = await syncLoginTenant(h.db.prisma);
      const customer = api(customerOf(a, "alice", "admin"));
      await rejectsCode(customer.tenantAdmin.list({}), "FORBIDDEN", "FORBIDDEN");
      await rejectsCode(customer.callLog.list({}), "FORBIDDEN", "FORBIDDEN");
      await rejectsCode(customer.instanceAdmin.detail({ id: a.instanceId }), "FORBIDDEN", "FORBIDDEN");
    });

    it("a released instance shows as released (the session check refuses it at the next refresh)", async () => {
      const a = await syncLoginTenant(h.db.prisma);
      assert.equal((await callBase(h.db.prisma, { activity: "releaseInstance", instanceId: a.instanceId })).json.resultCode, "000000");
      const me = await api(customerOf(a, "alice")).tenant.me();
      assert.equal(me.instance?.status, "RELEASED");
    });
  });
}

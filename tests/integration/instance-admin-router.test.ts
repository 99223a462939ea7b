/**
 * Staff instance view fed by real marketplace calls: status filter, orders applied, the audit
 * trail with refused transitions, no credential leaves the server, only staff may ask.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { TRPCError } from "@trpc/server";
import type { Session } from "next-auth";
import { createCaller } from "~/server/api/root";
import { createContextInner } from "~/server/api/trpc";
import { testTargets, useTestDatabase } from "../helpers/databases";
import { callBase, newOrder } from "../helpers/marketplace";

const EXPIRES = new Date(Date.now() + 3600_000).toISOString();
const staff: Session = { expires: EXPIRES, user: { kind: "staff", name: "admin", role: "owner" } };
const customer: Session = { expires: EXPIRES, user: { kind: "customer", name: "M", tenantId: "t", userName: "m", role: "admin", instanceId: "i" } };

for (const target of testTargets()) {
  describe(`instance admin router on ${target.name}`, { skip: target.skip }, () => {
    const h = useTestDatabase(target);

    it("lists by status and shows orders and the lifecycle including refused transitions", async () => {
      const order = newOrder();
      const id = (await callBase(h.db.prisma, order)).json.instanceId as string;
      await callBase(h.db.prisma, { activity: "refreshInstance", instanceId: id, scene: "RENEWAL", orderId: "R1", orderLineId: "R1-1", expireTime: "20301231160000" });
      await callBase(h.db.prisma, { activity: "releaseInstance", instanceId: id });
      await callBase(h.db.prisma, { activity: "updateInstanceStatus", instanceId: id, status: "UNFREEZE" }); // refused
      const other = (await callBase(h.db.prisma, newOrder())).json.instanceId as string;

      const api = createCaller(createContextInner({ session: staff }));
      const released = (await api.instanceAdmin.list({ status: "RELEASED" })).items;
      assert.ok(released.some((i) => i.id === id));
      assert.ok(!released.some((i) => i.id === other));
      assert.equal(released.find((i) => i.id === id)?.refusedTransitions, 1);

      const d = await api.instanceAdmin.detail({ id });
      assert.deepEqual(d.orders.map((o) => [o.activity, o.scene]), [["newInstance", "NEW"], ["refreshInstance", "RENEWAL"]]);
      assert.deepEqual(
        d.transitions.map((t) => [t.event, t.fromStatus, t.toStatus, t.accepted, t.reasonCode]),
        [["create", null, "ACTIVE", true, null], ["refresh", "ACTIVE", "ACTIVE", true, null], ["release", "ACTIVE", "RELEASED", true, null], ["unfreeze", "RELEASED", null, false, "illegal"]],
      );
      assert.ok(!JSON.stringify(d).includes("adminPasswordEnc") && !JSON.stringify(d).includes("v1:"));
    });

    it("only staff may read instances", async () => {
      for (const session of [null, customer]) {
        const api = createCaller(createContextInner({ session }));
        await assert.rejects(api.instanceAdmin.list({}), (e: unknown) => e instanceof TRPCError && ["UNAUTHORIZED", "FORBIDDEN"].includes(e.code));
      }
    });
  });
}

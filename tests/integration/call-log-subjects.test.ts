/**
 * A queryInstance call may ask about several instances: its instanceId column keeps the request's
 * comma list. Filtering the call log by one instance (and an instance's latest calls) finds such a
 * call by any id of its list — and only by a whole id: a prefix, a wildcard or another call kind
 * holding a comma does not match.
 */
import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import type { Session } from "next-auth";
import { createCaller } from "~/server/api/root";
import { createContextInner } from "~/server/api/trpc";
import { testTargets, useTestDatabase } from "../helpers/databases";

const EXPIRES = new Date(Date.now() + 3600_000).toISOString();
const staff: Session = { expires: EXPIRES, user: { kind: "staff", name: "admin", role: "owner" } };

for (const target of testTargets()) {
  describe(`call log by instance on ${target.name}`, { skip: target.skip }, () => {
    const h = useTestDatabase(target);
    const api = () => createCaller(createContextInner({ session: staff }));

    before(async () => {
      const db = h.db.prisma;
      await db.instance.create({
        data: { id: "inst-b", newInstanceKey: "key-b", orderId: "order-b", orderLineId: "line-b", businessId: "biz-b", adminUserName: "admin", adminPasswordEnc: "v1:x" },
      });
      const call = (orderId: string, instanceId: string, activity = "queryInstance") =>
        db.marketplaceCall.create({ data: { channel: "base", activity, path: "/api/marketplace", orderId, instanceId, resultCode: "000000" } });
      await call("alone", "inst-b");
      await call("first", "inst-b,inst-c");
      await call("last", "inst-a,inst-b");
      await call("middle", "inst-a, inst-b ,inst-c");
      await call("spaced", "inst-a, inst-b");
      // Not inst-b: a longer id, a wildcard, another kind of call with a comma in its subject.
      await call("longer", "inst-a,inst-bb,xinst-b");
      await call("wildcard", "inst-a,inst_b");
      await call("other", "x,inst-b", "newInstance");
    });

    it("the instance filter finds calls that name the instance among several", async () => {
      const found = (await api().callLog.list({ instanceId: "inst-b" })).items.map((c) => c.orderId).sort();
      assert.deepEqual(found, ["alone", "first", "last", "middle", "spaced"]);
      assert.deepEqual((await api().callLog.list({ instanceId: "inst-c" })).items.map((c) => c.orderId).sort(), ["first", "middle"]);
      // Together with a search, both must hold.
      assert.deepEqual((await api().callLog.list({ instanceId: "inst-b", search: "mid" })).items.map((c) => c.orderId), ["middle"]);
      assert.deepEqual((await api().callLog.list({ instanceId: "inst_b" })).items.map((c) => c.orderId), ["wildcard"]);
    });

    it("an instance's latest calls include them too", async () => {
      const d = await api().instanceAdmin.detail({ id: "inst-b" });
      assert.equal(d.calls.length, 5);
    });
  });
}

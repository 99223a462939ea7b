/**
 * The production interface against a real database (PGlite and PostgreSQL): every activity's
 * happy path, lifecycle and idempotency, the result codes, and the call log.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { decryptCredential } from "~/koogallery/credential-crypto";
import { bodySignHeader } from "~/koogallery/body-sign";
import { unseal } from "~/server/crypto/at-rest";
import { testTargets, useTestDatabase } from "../helpers/databases";
import { callBase, newOrder, TEST_ACCESS_KEY } from "../helpers/marketplace";

for (const target of testTargets()) {
  describe(`production interface on ${target.name}`, { skip: target.skip }, () => {
    const h = useTestDatabase(target);

    async function create(testFlag?: "0" | "1") {
      const order = newOrder(testFlag);
      const res = await callBase(h.db.prisma, order);
      assert.equal(res.json.resultCode, "000000", res.text);
      return { order, instanceId: res.json.instanceId as string, res };
    }

    it("newInstance returns the first businessId as instanceId, with encrypted appInfo", async () => {
      const { order, instanceId, res } = await create();
      assert.equal(res.status, 200);
      assert.match(res.headers["content-type"]!, /^application\/json/);
      assert.equal(instanceId, order.businessId);
      const appInfo = res.json.appInfo as Record<string, string>;
      assert.equal(res.json.encryptType, "1");
      const row = await h.db.prisma.instance.findUniqueOrThrow({ where: { id: instanceId } });
      assert.equal(decryptCredential(appInfo.userName!, TEST_ACCESS_KEY, "1"), row.adminUserName);
      assert.equal(decryptCredential(appInfo.password!, TEST_ACCESS_KEY, "1"), unseal(row.adminPasswordEnc));
      assert.ok(appInfo.password!.length <= 128, "ciphertext incl. iv must fit 128 chars");
      assert.equal(appInfo.frontEndUrl, "https://saas.example.com/");
      assert.equal(row.status, "ACTIVE");
      assert.equal(row.isTest, false);
    });

    it("newInstance repeated with a new businessId answers the same instance and creates nothing", async () => {
      const { order, instanceId } = await create();
      const again = await callBase(h.db.prisma, { ...order, businessId: "another-business-id" });
      assert.equal(again.json.resultCode, "000000");
      assert.equal(again.json.instanceId, instanceId);
      assert.equal(await h.db.prisma.instance.count({ where: { orderId: order.orderId } }), 1);
    });

    it("newInstance falls back to a UUID when the businessId is already another order's instanceId", async () => {
      const first = await create();
      const order = { ...newOrder(), businessId: first.instanceId };
      const res = await callBase(h.db.prisma, order);
      assert.equal(res.json.resultCode, "000000");
      assert.notEqual(res.json.instanceId, first.instanceId);
      assert.match(res.json.instanceId as string, /^[0-9a-f-]{36}$/);
    });

    it("50 concurrent identical newInstance deliveries create one instance and all get its id", async () => {
      const order = newOrder();
      const results = await Promise.all(
        Array.from({ length: 50 }, (_, i) => callBase(h.db.prisma, { ...order, businessId: `biz-${i}` })),
      );
      const codes = new Set(results.map((r) => r.json.resultCode));
      const ids = new Set(results.map((r) => r.json.instanceId));
      assert.deepEqual([...codes], ["000000"]);
      assert.equal(ids.size, 1);
      assert.equal(await h.db.prisma.instance.count({ where: { orderId: order.orderId } }), 1);
      assert.equal(await h.db.prisma.instanceOrder.count({ where: { orderId: order.orderId } }), 1);
    });

    it("testFlag=1 calls are processed fully and marked as test data", async () => {
      const { instanceId } = await create("1");
      const row = await h.db.prisma.instance.findUniqueOrThrow({ where: { id: instanceId } });
      assert.equal(row.isTest, true);
      const calls = await h.db.prisma.marketplaceCall.findMany({ where: { instanceId } });
      assert.ok(calls.length >= 1 && calls.every((c) => c.isTest));
    });

    it("queryInstance returns info for known ids (up to 100, comma-separated) and skips unknown ones", async () => {
      const a = await create();
      const b = await create();
      const res = await callBase(h.db.prisma, {
        activity: "queryInstance",
        instanceId: `${a.instanceId},unknown-id,${b.instanceId}`,
      });
      assert.equal(res.json.resultCode, "000000");
      const info = res.json.info as Array<{ instanceId: string; appInfo?: Record<string, string> }>;
      assert.deepEqual(info.map((i) => i.instanceId), [a.instanceId, b.instanceId]);
      assert.ok(info.every((i) => i.appInfo?.frontEndUrl));
      const none = await callBase(h.db.prisma, { activity: "queryInstance", instanceId: "nope-1,nope-2" });
      assert.equal(none.json.resultCode, "000003");
    });

    it("queryInstance has no side effects", async () => {
      const a = await create();
      const before = await h.db.prisma.instance.findUniqueOrThrow({ where: { id: a.instanceId } });
      for (let i = 0; i < 3; i++) await callBase(h.db.prisma, { activity: "queryInstance", instanceId: a.instanceId });
      const after = await h.db.prisma.instance.findUniqueOrThrow({ where: { id: a.instanceId } });
      assert.deepEqual(after, before);
    });

    it("lifecycle: renew → freeze → unfreeze → upgrade → change check → release, each idempotent", async () => {
      const { instanceId, order } = await create();
      const prisma = h.db.prisma;
      const renew = {
        activity: "refreshInstance",
        instanceId,
        scene: "RENEWAL",
        orderId: "CSRENEW1",
        orderLineId: "CSRENEW1-000001",
        expireTime: "20301124023618",
      };
      for (let i = 0; i < 2; i++) assert.equal((await callBase(prisma, renew)).json.resultCode, "000000");
      let row = await prisma.instance.findUniqueOrThrow({ where: { id: instanceId } });
      assert.equal(row.expireAt?.toISOString(), "2030-11-24T02:36:18.000Z");
      assert.equal(await prisma.instanceOrder.count({ where: { instanceId, activity: "refreshInstance" } }), 1);

      // An older renewal delivered late never shortens the expiry …
      await callBase(prisma, { ...renew, orderId: "CSRENEW0", orderLineId: "CSRENEW0-000001", expireTime: "20291124023618256" });
      row = await prisma.instance.findUniqueOrThrow({ where: { id: instanceId } });
      assert.equal(row.expireAt?.toISOString(), "2030-11-24T02:36:18.000Z");
      // … but cancelling a renewal period does.
      await callBase(prisma, { ...renew, scene: "UNSUBSCRIBE_RENEWAL_PERIOD", orderId: "CSUNSUB", orderLineId: "CSUNSUB-1", expireTime: "20281124000000" });
      row = await prisma.instance.findUniqueOrThrow({ where: { id: instanceId } });
      assert.equal(row.expireAt?.toISOString(), "2028-11-24T00:00:00.000Z");

      for (let i = 0; i < 2; i++) {
        const r = await callBase(prisma, { activity: "updateInstanceStatus", instanceId, status: "FREEZE" });
        assert.equal(r.json.resultCode, "000000");
      }
      row = await prisma.instance.findUniqueOrThrow({ where: { id: instanceId } });
      assert.equal(row.status, "FROZEN");
      assert.ok(row.frozenAt);

      assert.equal((await callBase(prisma, { activity: "updateInstanceStatus", instanceId, status: "UNFREEZE" })).json.resultCode, "000000");
      row = await prisma.instance.findUniqueOrThrow({ where: { id: instanceId } });
      assert.equal(row.status, "ACTIVE");
      assert.equal(row.frozenAt, null);

      const upgrade = { activity: "upgrade", instanceId, orderId: "CSUPG", orderLineId: "CSUPG-000001", skuCode: "sku-pro" };
      assert.equal((await callBase(prisma, upgrade)).json.resultCode, "000000");
      assert.equal((await callBase(prisma, { ...upgrade, activity: "upgradeInstance" })).json.resultCode, "000000");
      assert.equal(await prisma.instanceOrder.count({ where: { instanceId, activity: "upgradeInstance" } }), 1);
      row = await prisma.instance.findUniqueOrThrow({ where: { id: instanceId } });
      assert.equal(row.skuCode, "sku-pro");

      const check = await callBase(prisma, { activity: "changeInstanceCheck", instanceId, productInfo: { skuCode: "x" } });
      assert.equal(check.json.resultCode, "000000");

      const release = { activity: "releaseInstance", instanceId, orderId: order.orderId, orderLineId: order.orderLineId };
      for (let i = 0; i < 3; i++) assert.equal((await callBase(prisma, release)).json.resultCode, "000000");
      row = await prisma.instance.findUniqueOrThrow({ where: { id: instanceId } });
      assert.equal(row.status, "RELEASED");
      const releasedAt = row.releasedAt;
      assert.ok(releasedAt);
      assert.equal((await callBase(prisma, { activity: "releaseInstance", instanceId })).json.resultCode, "000000");
      row = await prisma.instance.findUniqueOrThrow({ where: { id: instanceId } });
      assert.deepEqual(row.releasedAt, releasedAt, "a repeated release changes nothing");

      const q = await callBase(prisma, { activity: "queryInstance", instanceId });
      assert.deepEqual(q.json.info, [{ instanceId }], "no credentials for a released instance");

      // The lifecycle's notes: a repeated status event says "already …"; an upgrade keeps the
      // status by design and says nothing of the kind.
      const notes = await prisma.instanceTransition.findMany({ where: { instanceId, accepted: true }, orderBy: { createdAt: "asc" } });
      const noteOf = (event: string) => notes.filter((t) => t.event === event).map((t) => t.reason);
      assert.deepEqual(noteOf("upgrade"), [null]);
      assert.ok(noteOf("release").includes("already RELEASED"), JSON.stringify(noteOf("release")));
      // …with the code the console words it by (src/server/lifecycle/reasons.ts).
      const codesOf = (event: string) => notes.filter((t) => t.event === event).map((t) => t.reasonCode);
      assert.deepEqual(codesOf("upgrade"), [null]);
      assert.deepEqual(
        notes.filter((t) => t.reason === "already RELEASED").map((t) => t.reasonCode),
        notes.filter((t) => t.reason === "already RELEASED").map(() => "already"),
      );
    });

    it("illegal transitions after release answer 000003 and are recorded, not applied", async () => {
      const { instanceId } = await create();
      await callBase(h.db.prisma, { activity: "releaseInstance", instanceId });
      const attempts = [
        { activity: "updateInstanceStatus", instanceId, status: "UNFREEZE" },
        { activity: "refreshInstance", instanceId, scene: "RENEWAL", orderId: "O", orderLineId: "L", expireTime: "20301124023618" },
        { activity: "upgradeInstance", instanceId, orderId: "U", orderLineId: "U-1" },
        { activity: "changeInstanceCheck", instanceId, productInfo: {} },
      ];
      for (const body of attempts) {
        const r = await callBase(h.db.prisma, body);
        assert.equal(r.json.resultCode, "000003", `${body.activity}: ${r.text}`);
      }
      const row = await h.db.prisma.instance.findUniqueOrThrow({ where: { id: instanceId } });
      assert.equal(row.status, "RELEASED");
      assert.equal(row.expireAt, null);
      const refused = await h.db.prisma.instanceTransition.findMany({ where: { instanceId, accepted: false } });
      assert.deepEqual(refused.map((t) => t.event).sort(), ["refresh", "unfreeze", "upgrade"]);
      assert.ok(refused.every((t) => t.fromStatus === "RELEASED" && t.toStatus === null && t.callId));
      assert.ok(refused.every((t) => t.reasonCode === "illegal"), JSON.stringify(refused.map((t) => t.reasonCode)));
    });

    it("unknown instance ids answer 000003 for every instance activity", async () => {
      for (const body of [
        { activity: "refreshInstance", instanceId: "ghost", scene: "RENEWAL", orderId: "O", orderLineId: "L", expireTime: "20301124023618" },
        { activity: "updateInstanceStatus", instanceId: "ghost", status: "FREEZE" },
        { activity: "releaseInstance", instanceId: "ghost" },
        { activity: "upgradeInstance", instanceId: "ghost", orderId: "O", orderLineId: "L" },
        { activity: "queryInstance", instanceId: "ghost" },
      ]) {
        assert.equal((await callBase(h.db.prisma, body)).json.resultCode, "000003", body.activity);
      }
    });

    it("concurrent freeze and release of one instance end RELEASED, never FROZEN-after-release", async () => {
      const { instanceId } = await create();
      await Promise.all([
        callBase(h.db.prisma, { activity: "updateInstanceStatus", instanceId, status: "FREEZE" }),
        callBase(h.db.prisma, { activity: "releaseInstance", instanceId }),
        callBase(h.db.prisma, { activity: "updateInstanceStatus", instanceId, status: "FREEZE" }),
      ]);
      const row = await h.db.prisma.instance.findUniqueOrThrow({ where: { id: instanceId } });
      assert.equal(row.status, "RELEASED");
    });

    it("every call is logged with redacted body, result and latency", async () => {
      const { order, instanceId } = await create();
      const call = await h.db.prisma.marketplaceCall.findFirstOrThrow({
        where: { orderId: order.orderId },
        orderBy: { receivedAt: "desc" },
      });
      assert.equal(call.channel, "base");
      assert.equal(call.activity, "newInstance");
      assert.equal(call.resultCode, "000000");
      assert.equal(call.instanceId, instanceId);
      assert.ok(call.completedAt && call.latencyMs !== null && call.latencyMs >= 0);
      const resp = call.responseBody as { appInfo: Record<string, string> };
      assert.equal(resp.appInfo.password, "[redacted]");
      assert.notEqual(resp.appInfo.userName, "[redacted]", "the encrypted user name stays visible to staff");

      // A V1-style body with personal data is stored redacted.
      await callBase(h.db.prisma, { ...newOrder(), mobilePhone: "13800000000", email: "a@b.cn" });
      const v1 = await h.db.prisma.marketplaceCall.findFirstOrThrow({ orderBy: { receivedAt: "desc" } });
      const body = v1.requestBody as Record<string, string>;
      assert.equal(body.mobilePhone, "[redacted]");
      assert.equal(body.email, "[redacted]");
    });

    it("failed calls are logged too (bad signature, bad input)", async () => {
      const bad = await callBase(h.db.prisma, newOrder(), { accessKey: "wrong-key" });
      assert.equal(bad.json.resultCode, "000001");
      const junk = await callBase(h.db.prisma, "{not json");
      assert.equal(junk.json.resultCode, "000002");
      const rows = await h.db.prisma.marketplaceCall.findMany({ orderBy: { receivedAt: "desc" }, take: 2 });
      assert.deepEqual(rows.map((r) => r.resultCode).sort(), ["000001", "000002"]);
      assert.equal(rows.find((r) => r.resultCode === "000002")?.rawBody, "{not json");
    });

    it("plaintext credentials and Body-Sign are switchable", async () => {
      const order = newOrder();
      const res = await callBase(h.db.prisma, order, { config: { credentialEncryption: "none", bodySign: true } });
      assert.equal(res.json.encryptType, undefined);
      const row = await h.db.prisma.instance.findUniqueOrThrow({ where: { id: res.json.instanceId as string } });
      assert.equal((res.json.appInfo as Record<string, string>).userName, row.adminUserName);
      assert.equal(res.headers["Body-Sign"], bodySignHeader(TEST_ACCESS_KEY, res.text));
      const aes128 = await callBase(h.db.prisma, newOrder(), { config: { credentialEncryption: "2", newInstanceAppInfo: false } });
      assert.equal(aes128.json.appInfo, undefined);
      const q = await callBase(h.db.prisma, { activity: "queryInstance", instanceId: aes128.json.instanceId }, { config: { credentialEncryption: "2" } });
      assert.equal(q.json.encryptType, "2");
    });

    it("non-ASCII in responses is sent as \\u escapes", async () => {
      const { res } = await create();
      assert.ok(!/[^\x00-\x7f]/.test(res.text));
      assert.match(res.text, /\\u5b9e\\u4f8b/); // 实例 in the memo
    });
  });
}

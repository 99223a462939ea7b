/**
 * 联营 Kit sync on a real database (PGlite and PostgreSQL): the five interfaces' flag
 * semantics, idempotency, the 500-user transaction, allOrgSync replacement, clientSecret
 * decryption, header signatures and the shared call log / replay store.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { encryptClientSecretForTest } from "~/koogallery/rsa";
import { unseal } from "~/server/crypto/at-rest";
import { testTargets, useTestDatabase } from "../helpers/databases";
import { callBase, callKit, kitTimeStamp, newOrder, testRsaKeys } from "../helpers/marketplace";

let n = 0;
const uniq = (p: string) => `${p}-${Date.now().toString(36)}-${++n}`;

function tenantBody(tenantId: string, over: Record<string, unknown> = {}) {
  return {
    instanceId: "inst-1",
    orderId: "CS1906666666ABCDE",
    tenantId,
    tenantCode: "huawei",
    name: "华为测试企业",
    domainName: "https://example.tenantaccount.com",
    flag: 1,
    testFlag: 0,
    timeStamp: kitTimeStamp(),
    ...over,
  };
}

function user(userName: string, over: Record<string, unknown> = {}) {
  return { userName, name: `用户 ${userName}`, orgCode: "10000", role: "user", enable: "true", ...over };
}

for (const target of testTargets()) {
  describe(`Kit sync on ${target.name}`, { skip: target.skip }, () => {
    const h = useTestDatabase(target);

    it("tenantSync: add is idempotent, modify changes only name/domain, delete is soft and repeatable", async () => {
      const tenantId = uniq("t");
      for (let i = 0; i < 2; i++) {
        const r = await callKit(h.db.prisma, "tenantSync", tenantBody(tenantId));
        assert.deepEqual(r.json, { resultCode: "000000", resultMsg: "Success" });
      }
      assert.equal(await h.db.prisma.tenant.count({ where: { tenantId } }), 1);
      await callKit(h.db.prisma, "tenantSync", tenantBody(tenantId, { flag: 2, name: "新名字", domainName: "https://new.example.com", tenantCode: "ignored", instanceId: "other" }));
      let t = await h.db.prisma.tenant.findUniqueOrThrow({ where: { tenantId } });
      assert.equal(t.name, "新名字");
      assert.equal(t.domainName, "https://new.example.com");
      assert.equal(t.tenantCode, "huawei", "modify is limited to name and domain");
      assert.equal(t.instanceId, "inst-1");
      for (let i = 0; i < 2; i++) assert.equal((await callKit(h.db.prisma, "tenantSync", tenantBody(tenantId, { flag: 0 }))).json.resultCode, "000000");
      t = await h.db.prisma.tenant.findUniqueOrThrow({ where: { tenantId } });
      assert.ok(t.deletedAt);
      // delete of a tenant never seen, and modify of an unknown tenant (creates it)
      assert.equal((await callKit(h.db.prisma, "tenantSync", tenantBody(uniq("ghost"), { flag: 0 }))).json.resultCode, "000000");
      const late = uniq("late");
      await callKit(h.db.prisma, "tenantSync", tenantBody(late, { flag: 2 }));
      assert.equal(await h.db.prisma.tenant.count({ where: { tenantId: late } }), 1);
      // re-adding revives
      await callKit(h.db.prisma, "tenantSync", tenantBody(tenantId));
      assert.equal((await h.db.prisma.tenant.findUniqueOrThrow({ where: { tenantId } })).deletedAt, null);
    });

    it("applicationSync: decrypts RSA-OAEP (SHA-256 and SHA-1) and stores the secret sealed", async () => {
      const tenantId = uniq("t");
      for (const hash of ["sha256", "sha1"] as const) {
        const secret = `client-secret-${hash}-密`;
        const r = await callKit(h.db.prisma, "applicationSync", {
          instanceId: "inst-1",
          tenantId,
          appId: "app-1",
          clientId: "client-1",
          clientSecret: encryptClientSecretForTest(secret, testRsaKeys().publicKey, hash),
          flag: 1,
          testFlag: 0,
          timeStamp: kitTimeStamp(),
        });
        assert.equal(r.json.resultCode, "000000", r.text);
        const app = await h.db.prisma.application.findUniqueOrThrow({ where: { tenantId_appId: { tenantId, appId: "app-1" } } });
        assert.equal(unseal(app.clientSecretEnc), secret);
        assert.ok(!app.clientSecretEnc.includes(secret));
      }
      assert.equal(await h.db.prisma.application.count({ where: { tenantId } }), 1);
      const call = await h.db.prisma.marketplaceCall.findFirstOrThrow({ where: { tenantId, activity: "applicationSync" } });
      assert.equal((call.requestBody as Record<string, unknown>).clientSecret, "[redacted]");
      assert.equal(call.channel, "kit");
    });

    it("applicationSync: a secret encrypted for another key → 000101, nothing stored", async () => {
      const tenantId = uniq("t");
      const { generateKeyPairSync } = await import("node:crypto");
      const other = generateKeyPairSync("rsa", { modulusLength: 2048, publicKeyEncoding: { type: "spki", format: "pem" }, privateKeyEncoding: { type: "pkcs8", format: "pem" } });
      const r = await callKit(h.db.prisma, "applicationSync", {
        instanceId: "", tenantId, appId: "a", clientId: "c", clientSecret: encryptClientSecretForTest("x", other.publicKey), flag: 1, testFlag: 1, timeStamp: kitTimeStamp(),
      });
      assert.equal(r.json.resultCode, "000101");
      assert.equal(await h.db.prisma.application.count({ where: { tenantId } }), 0);
    });

    it("authSync: 500 users in one call, idempotent, enable=false disables, revoke and delete", async () => {
      const tenantId = uniq("t");
      const users = Array.from({ length: 500 }, (_, i) => user(`u${String(i).padStart(3, "0")}`));
      const base = { instanceId: "inst-1", tenantId, appId: "app-1", currentSyncTime: kitTimeStamp(), testFlag: 0, timeStamp: kitTimeStamp() };
      for (let i = 0; i < 2; i++) {
        const r = await callKit(h.db.prisma, "authSync", { ...base, userList: users, flag: 1 });
        assert.equal(r.json.resultCode, "000000", r.text);
      }
      assert.equal(await h.db.prisma.tenantUser.count({ where: { tenantId } }), 500);
      assert.equal(await h.db.prisma.userAppGrant.count({ where: { user: { tenantId } } }), 500);

      // V1 shape: userList as a JSON string with extension fields nested
      const v1 = JSON.stringify([{ ...user("u000", { role: "admin", enable: "false" }), extension: { entryDate: "2022-11-9", employeeType: "4", workPlace: "南京" } }]);
      assert.equal((await callKit(h.db.prisma, "authSync", { ...base, userList: v1, flag: 2 })).json.resultCode, "000000");
      const u0 = await h.db.prisma.tenantUser.findUniqueOrThrow({ where: { tenantId_userName: { tenantId, userName: "u000" } } });
      assert.equal(u0.enabled, false);
      assert.equal(u0.role, "admin");
      assert.equal(u0.workPlace, "南京");
      assert.equal(u0.employeeType, 4);
      assert.equal(u0.entryDate, "2022-11-9");
      const u1 = await h.db.prisma.tenantUser.findUniqueOrThrow({ where: { tenantId_userName: { tenantId, userName: "u001" } } });
      assert.equal(u1.enabled, true, "users absent from a sync are untouched");

      await callKit(h.db.prisma, "authSync", { ...base, userList: [user("u001")], flag: 3 });
      assert.equal(await h.db.prisma.userAppGrant.count({ where: { userId: u1.id } }), 0, "revoke removes the app");
      assert.equal((await h.db.prisma.tenantUser.findUniqueOrThrow({ where: { id: u1.id } })).deletedAt, null, "revoke keeps the user");

      for (let i = 0; i < 2; i++) await callKit(h.db.prisma, "authSync", { ...base, userList: [user("u002"), user("nobody")], flag: 0 });
      const u2 = await h.db.prisma.tenantUser.findUniqueOrThrow({ where: { tenantId_userName: { tenantId, userName: "u002" } } });
      assert.ok(u2.deletedAt);
      assert.equal(await h.db.prisma.tenantUser.count({ where: { tenantId, userName: "nobody" } }), 0);
    });

    it("authSync: 501 users or one bad user → 000002 and nothing written (all or nothing)", async () => {
      const tenantId = uniq("t");
      const base = { instanceId: "i", tenantId, appId: "a", currentSyncTime: kitTimeStamp(), flag: 1, testFlag: 0, timeStamp: kitTimeStamp() };
      const tooMany = await callKit(h.db.prisma, "authSync", { ...base, userList: Array.from({ length: 501 }, (_, i) => user(`x${i}`)) });
      assert.equal(tooMany.json.resultCode, "000002");
      assert.match(tooMany.json.resultMsg, /userList/);
      const bad = await callKit(h.db.prisma, "authSync", { ...base, userList: [user("ok1"), user("bad", { role: "root" })] });
      assert.equal(bad.json.resultCode, "000002");
      assert.match(bad.json.resultMsg, /role/);
      assert.equal(await h.db.prisma.tenantUser.count({ where: { tenantId } }), 0);
    });

    it("singleOrgSync add/modify/delete and allOrgSync replacement (array or JSON string, lenient keys)", async () => {
      const tenantId = uniq("t");
      const base = { instanceId: "i", tenantId, testFlag: 0, timeStamp: kitTimeStamp() };
      await callKit(h.db.prisma, "singleOrgSync", { ...base, orgCode: "10000", orgName: "开发部", parentCode: "", flag: 1 });
      await callKit(h.db.prisma, "singleOrgSync", { ...base, orgCode: "10001", orgName: "前端组", parentCode: "10000", flag: 1 });
      await callKit(h.db.prisma, "singleOrgSync", { ...base, orgCode: "10001", orgName: "Web 组", parentCode: "10000", flag: 2 });
      let d = await h.db.prisma.department.findUniqueOrThrow({ where: { tenantId_orgCode: { tenantId, orgCode: "10001" } } });
      assert.equal(d.orgName, "Web 组");
      assert.equal(d.parentCode, "10000");
      const top = await h.db.prisma.department.findUniqueOrThrow({ where: { tenantId_orgCode: { tenantId, orgCode: "10000" } } });
      assert.equal(top.parentCode, null);
      for (let i = 0; i < 2; i++) await callKit(h.db.prisma, "singleOrgSync", { ...base, orgCode: "10001", orgName: "Web 组", flag: 0 });
      d = await h.db.prisma.department.findUniqueOrThrow({ where: { tenantId_orgCode: { tenantId, orgCode: "10001" } } });
      assert.ok(d.removedAt);

      // The published example: a string with unquoted keys.
      const published = '[{orgCode:"00000001", orgName:"产品部", parentCode:"265789314" },{orgCode:"00000002", orgName:"测试部", parentCode:"265789314" }]';
      const r = await callKit(h.db.prisma, "allOrgSync", { ...base, orgInfoList: published, flag: 1 });
      assert.equal(r.json.resultCode, "000000", r.text);
      const live = await h.db.prisma.department.findMany({ where: { tenantId, removedAt: null }, orderBy: { orgCode: "asc" } });
      assert.deepEqual(live.map((x) => x.orgCode), ["00000001", "00000002"], "departments absent from the full list are removed");
      const removed = await h.db.prisma.department.findMany({ where: { tenantId, removedAt: { not: null } } });
      assert.deepEqual(removed.map((x) => x.orgCode).sort(), ["10000", "10001"], "… softly, not deleted");

      await callKit(h.db.prisma, "allOrgSync", { ...base, orgInfoList: [{ orgCode: "10000", orgName: "开发部" }, { orgCode: "00000001", orgName: "产品部" }] });
      const again = await h.db.prisma.department.findMany({ where: { tenantId, removedAt: null }, orderBy: { orgCode: "asc" } });
      assert.deepEqual(again.map((x) => x.orgCode), ["00000001", "10000"], "a department can come back");
      assert.equal(await h.db.prisma.department.count({ where: { tenantId } }), 4, "repeated syncs create no duplicates");
    });

    const kitBad: Array<[string, string, Record<string, unknown>, Record<string, string | null> | undefined, string]> = [
      ["wrong key", "tenantSync", {}, undefined, "000001"],
      ["missing x-sign", "tenantSync", {}, { "x-sign": null }, "000001"],
      ["missing x-timestamp", "tenantSync", {}, { "x-timestamp": null }, "000002"],
      ["missing x-nonce", "tenantSync", {}, { "x-nonce": null }, "000002"],
      ["unknown interface", "deleteAll", {}, undefined, "000002"],
    ];
    for (const [name, kind, over, headers, code] of kitBad) {
      it(`Kit ${name} → ${code}`, async () => {
        const tenantId = uniq("bad");
        const r = await callKit(h.db.prisma, kind, tenantBody(tenantId, over), {
          headers,
          ...(name === "wrong key" ? { accessKey: "nope" } : {}),
        });
        assert.equal(r.json.resultCode, code, r.text);
        assert.equal(await h.db.prisma.tenant.count({ where: { tenantId } }), 0);
      });
    }

    it("Kit bad fields → 000002 naming the field; stale and future x-timestamp → 000001", async () => {
      const cases: Array<[string, Record<string, unknown>, RegExp]> = [
        ["tenantSync", tenantBody(uniq("t"), { flag: 5 }), /flag/],
        ["tenantSync", tenantBody(uniq("t"), { domainName: undefined }), /domainName/],
        ["tenantSync", tenantBody(uniq("t"), { timeStamp: "2022" }), /timeStamp/],
        ["singleOrgSync", { tenantId: "t", orgCode: "x".repeat(65), orgName: "n", flag: 1, testFlag: 0, timeStamp: kitTimeStamp() }, /orgCode/],
        ["allOrgSync", { tenantId: "t", orgInfoList: "not a list", testFlag: 0, timeStamp: kitTimeStamp() }, /orgInfoList/],
        // Years before 1970 (year 0000 cannot even be stored): a bad parameter, not 000005.
        ["tenantSync", tenantBody(uniq("t"), { timeStamp: "00000101000000000" }), /timeStamp: .*year 0000 is before 1970/],
        ["tenantSync", tenantBody(uniq("t"), { timeStamp: "19691231235959999", testFlag: 1 }), /timeStamp/],
        ["authSync", { tenantId: "t", appId: "app", flag: 1, testFlag: 0, timeStamp: kitTimeStamp(), currentSyncTime: "00000101000000000", userList: [user("a")] }, /currentSyncTime: .*year 0000/],
      ];
      for (const [kind, body, msg] of cases) {
        const r = await callKit(h.db.prisma, kind, body);
        assert.equal(r.json.resultCode, "000002", `${kind}: ${r.text}`);
        assert.match(r.json.resultMsg, msg);
      }
      const now = Date.now();
      for (const [skew, code] of [[-61_000, "000001"], [61_000, "000001"], [-59_000, "000000"], [59_000, "000000"]] as const) {
        const tenantId = uniq("t");
        const r = await callKit(h.db.prisma, "tenantSync", tenantBody(tenantId), { nowMs: now + skew, receivedAtMs: now });
        assert.equal(r.json.resultCode, code, `skew ${skew}: ${r.text}`);
        assert.equal(await h.db.prisma.tenant.count({ where: { tenantId } }), code === "000000" ? 1 : 0);
      }
    });

    it("Kit nonces share the replay store with the base interface", async () => {
      const nonce = uniq("NONCE");
      assert.equal((await callBase(h.db.prisma, newOrder(), { nonce })).json.resultCode, "000000");
      const r = await callKit(h.db.prisma, "tenantSync", tenantBody(uniq("t")), { nonce });
      assert.equal(r.json.resultCode, "000001");
    });

    it("concurrent identical Kit deliveries create one tenant, one app, one set of users", async () => {
      const tenantId = uniq("t");
      const secret = encryptClientSecretForTest("s3cret", testRsaKeys().publicKey);
      const app = { instanceId: "i", tenantId, appId: "app", clientId: "c", clientSecret: secret, flag: 1, testFlag: 0, timeStamp: kitTimeStamp() };
      const auth = { instanceId: "i", tenantId, appId: "app", currentSyncTime: kitTimeStamp(), flag: 1, testFlag: 0, timeStamp: kitTimeStamp() };
      const results = await Promise.all([
        ...Array.from({ length: 8 }, () => callKit(h.db.prisma, "tenantSync", tenantBody(tenantId))),
        ...Array.from({ length: 8 }, () => callKit(h.db.prisma, "applicationSync", app)),
        // overlapping user lists in opposite orders must not deadlock
        ...Array.from({ length: 4 }, () => callKit(h.db.prisma, "authSync", { ...auth, userList: [user("a"), user("b"), user("c")] })),
        ...Array.from({ length: 4 }, () => callKit(h.db.prisma, "authSync", { ...auth, userList: [user("c"), user("b"), user("a")] })),
      ]);
      assert.deepEqual([...new Set(results.map((r) => r.json.resultCode))], ["000000"], results.map((r) => r.text).join("\n"));
      assert.equal(await h.db.prisma.tenant.count({ where: { tenantId } }), 1);
      assert.equal(await h.db.prisma.application.count({ where: { tenantId } }), 1);
      assert.equal(await h.db.prisma.tenantUser.count({ where: { tenantId } }), 3);
      assert.equal(await h.db.prisma.userAppGrant.count({ where: { user: { tenantId } } }), 3);
    });

    it("testFlag=1 Kit calls are processed and marked as test", async () => {
      const tenantId = uniq("t");
      await callKit(h.db.prisma, "tenantSync", tenantBody(tenantId, { testFlag: 1, instanceId: "", orderId: "" }));
      const t = await h.db.prisma.tenant.findUniqueOrThrow({ where: { tenantId } });
      assert.equal(t.isTest, true);
      assert.equal(t.instanceId, null);
      const call = await h.db.prisma.marketplaceCall.findFirstOrThrow({ where: { tenantId } });
      assert.equal(call.isTest, true);
      assert.equal(call.activity, "tenantSync");
    });
  });
}

/**
 * The License callbacks through the real pipeline and database: the production lifecycle (strict
 * transition table, refused transitions recorded, never-shorten renewals, redeliveries), codes
 * never seen, the debug semantics (testFlag=1: success in any order, for ever), the shared
 * production address with its own key, and races between replicas.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { debugRunPlan, licenseDebugCases, seededRandom } from "~/koogallery/license-cases";
import { testTargets, useTestDatabase } from "../helpers/databases";
import { callLicense, freeze, newLicenseCode, release, renewal, TEST_ACCESS_KEY, TEST_LICENSE_KEY, unfreeze } from "../helpers/license";
import { callBase, newOrder } from "../helpers/marketplace";

const at = (s: string) => new Date(`${s.slice(0, 4)}-${s.slice(4, 6)}-${s.slice(6, 8)}T${s.slice(8, 10)}:${s.slice(10, 12)}:${s.slice(12, 14)}Z`);

for (const target of testTargets()) {
  describe(`License callbacks on ${target.name}`, { skip: target.skip }, () => {
    const h = useTestDatabase(target);
    const code = (license: string) => h.db.prisma.licenseCode.findUnique({ where: { license } });
    const transitions = (license: string) =>
      h.db.prisma.licenseTransition.findMany({ where: { license }, orderBy: { createdAt: "asc" } }).then((rows) => rows.map((t) => [t.event, t.fromStatus, t.toStatus, t.accepted]));

    it("a renewal of a code never seen creates it, with expiry, product, order and a logged call", async () => {
      const lic = newLicenseCode();
      const body = renewal(lic, "20300523201932", { productId: "P-1" });
      const res = await callLicense(h.db.prisma, body);
      assert.deepEqual(res.json, { resultCode: "000000", resultMsg: "success." });
      assert.equal(res.headers["content-type"], "application/json;charset=UTF-8");
      const c = await code(lic);
      assert.ok(c);
      assert.deepEqual([c.status, c.expireAt?.toISOString(), c.productId, c.orderId, c.isTest, c.firstSeenVia], ["ACTIVE", at("20300523201932").toISOString(), "P-1", body.orderId, false, "refreshLicenseCode"]);
      const orders = await h.db.prisma.licenseOrder.findMany({ where: { license: lic } });
      assert.deepEqual(orders.map((o) => [o.activity, o.scene, o.orderId, o.orderLineId]), [["refreshLicenseCode", "RENEWAL", body.orderId, body.orderLineId]]);
      assert.deepEqual(await transitions(lic), [["refresh", null, "ACTIVE", true]]);
      const call = await h.db.prisma.marketplaceCall.findFirstOrThrow({ where: { instanceId: lic } });
      assert.deepEqual([call.channel, call.activity, call.resultCode, call.isTest, call.path], ["license", "refreshLicenseCode", "000000", false, "/api/marketplace/license"]);
      assert.ok(call.completedAt);
    });

    it("production lifecycle: strict table, repeats are no-ops, refused transitions recorded with 000003", async () => {
      const lic = newLicenseCode();
      const r1 = renewal(lic, "20300101000000");
      const steps: Array<[string, Record<string, unknown>, string]> = [
        ["renew", r1, "000000"],
        ["renew redelivered", r1, "000000"],
        ["freeze", freeze(lic), "000000"],
        ["freeze again", freeze(lic), "000000"],
        ["older renewal arrives late", renewal(lic, "20291201000000"), "000000"],
        ["unfreeze", unfreeze(lic), "000000"],
        ["cancelled renewal", { ...renewal(lic, "20291101000000"), scene: "UNSUBSCRIBE_RENEWAL_PERIOD" }, "000000"],
        ["release on unsubscription", release(lic, { orderId: "CSU1", orderLineId: "CSU1-1" }), "000000"],
        ["release again", release(lic), "000000"],
        ["renew after release", renewal(lic, "20310101000000"), "000003"],
        ["unfreeze after release", unfreeze(lic), "000003"],
      ];
      for (const [label, body, expected] of steps) {
        const res = await callLicense(h.db.prisma, body);
        assert.equal(res.json.resultCode, expected, `${label}: ${res.text}`);
        if (expected === "000003") assert.match(res.json.resultMsg, /not allowed when the license code is RELEASED/);
        if (label === "older renewal arrives late") assert.equal((await code(lic))?.expireAt?.toISOString(), at("20300101000000").toISOString(), "a renewal never shortens");
        if (label === "cancelled renewal") assert.equal((await code(lic))?.expireAt?.toISOString(), at("20291101000000").toISOString(), "a cancelled renewal sets what is sent");
      }
      const c = await code(lic);
      assert.equal(c?.status, "RELEASED");
      assert.ok(c?.releasedAt && c.frozenAt === null);
      assert.deepEqual(await transitions(lic), [
        ["refresh", null, "ACTIVE", true],
        ["freeze", "ACTIVE", "FROZEN", true],
        ["freeze", "FROZEN", "FROZEN", true],
        ["refresh", "FROZEN", "FROZEN", true],
        ["unfreeze", "FROZEN", "ACTIVE", true],
        ["refresh", "ACTIVE", "ACTIVE", true],
        ["release", "ACTIVE", "RELEASED", true],
        ["release", "RELEASED", "RELEASED", true],
        ["refresh", "RELEASED", null, false],
        ["unfreeze", "RELEASED", null, false],
      ]);
      const orders = await h.db.prisma.licenseOrder.findMany({ where: { license: lic }, orderBy: { appliedAt: "asc" } });
      assert.deepEqual(orders.map((o) => o.scene), ["RENEWAL", "RENEWAL", "UNSUBSCRIBE_RENEWAL_PERIOD", "RELEASE"], "the redelivery added no order");
    });

    it("production FREEZE/UNFREEZE of a code never seen answers 000003 授权码ID不存在 and writes nothing", async () => {
      for (const body of [freeze(newLicenseCode()), unfreeze(newLicenseCode())]) {
        const res = await callLicense(h.db.prisma, body);
        assert.equal(res.json.resultCode, "000003");
        assert.match(res.json.resultMsg, /license code does not exist/);
        assert.equal(await code(body.license), null);
        const call = await h.db.prisma.marketplaceCall.findFirstOrThrow({ where: { instanceId: body.license } });
        assert.equal(call.resultCode, "000003", "the refused call is logged under its code");
      }
    });

    it("production release of a code never seen answers success and keeps a released tombstone", async () => {
      const lic = newLicenseCode();
      assert.equal((await callLicense(h.db.prisma, release(lic))).json.resultCode, "000000");
      assert.equal((await code(lic))?.status, "RELEASED");
      assert.equal((await callLicense(h.db.prisma, renewal(lic, "20300101000000"))).json.resultCode, "000003", "a production renewal cannot revive it");
    });

    it("debug calls: the console's sequence release → renew → freeze → unfreeze on one code succeeds, and revives it", async () => {
      const lic = newLicenseCode("DBG");
      const debug = { testFlag: "1" };
      const r = renewal(lic, "20300101000000", debug);
      const seq: Array<[string, Record<string, unknown>, string]> = [
        ["renew", r, "ACTIVE"],
        ["release", release(lic, debug), "RELEASED"],
        ["renew (same case again)", r, "ACTIVE"],
        ["release", release(lic, debug), "RELEASED"],
        ["freeze", freeze(lic, debug), "FROZEN"],
        ["release", release(lic, debug), "RELEASED"],
        ["unfreeze", unfreeze(lic, debug), "ACTIVE"],
        ["release twice", release(lic, debug), "RELEASED"],
        ["release twice", release(lic, debug), "RELEASED"],
      ];
      for (const [label, body, status] of seq) {
        const res = await callLicense(h.db.prisma, body);
        assert.equal(res.json.resultCode, "000000", `${label}: ${res.text}`);
        assert.equal((await code(lic))?.status, status, label);
      }
      const c = await code(lic);
      assert.equal(c?.isTest, true);
      assert.equal(await h.db.prisma.licenseOrder.count({ where: { license: lic } }), 1, "the repeated renewal case is one order");
      assert.equal(await h.db.prisma.licenseTransition.count({ where: { license: lic, accepted: false } }), 0);
      const calls = await h.db.prisma.marketplaceCall.findMany({ where: { instanceId: lic } });
      assert.ok(calls.length === seq.length && calls.every((x) => x.isTest && x.resultCode === "000000"));
    });

    it("debug calls on codes never seen: every activity succeeds and creates a test record", async () => {
      const cases: Array<[Record<string, unknown>, string]> = [
        [freeze(newLicenseCode("DBG"), { testFlag: "1" }), "FROZEN"],
        [unfreeze(newLicenseCode("DBG"), { testFlag: "1" }), "ACTIVE"],
        [release(newLicenseCode("DBG"), { testFlag: "1" }), "RELEASED"],
        [renewal(newLicenseCode("DBG"), "20300101000000", { testFlag: "1" }), "ACTIVE"],
      ];
      for (const [body, status] of cases) {
        assert.equal((await callLicense(h.db.prisma, body)).json.resultCode, "000000");
        const c = await code(body.license as string);
        assert.deepEqual([c?.status, c?.isTest], [status, true]);
      }
    });

    it("the console's probe: every case twice, then shuffled rounds — always 000000; the code ends as the last case left it", async () => {
      for (const seed of [1, 7, 42]) {
        const lic = newLicenseCode("PROBE");
        const cases = licenseDebugCases({ license: lic, orderId: `CSP${seed}`, orderLineId: `CSP${seed}-1`, productId: "P-9", renewalExpireTime: "20300101000000", unsubscribeExpireTime: "20291201000000" });
        const plan = debugRunPlan(cases, seededRandom(seed), 3);
        for (const c of plan) {
          const res = await callLicense(h.db.prisma, c.body);
          assert.equal(res.json.resultCode, "000000", `seed ${seed}, ${c.name}: ${res.text}`);
        }
        const last = plan.at(-1)!;
        const expected = last.body.activity === "releaseLicenseCode" ? "RELEASED" : last.body.status === "FREEZE" ? "FROZEN" : "ACTIVE";
        // A refresh keeps FROZEN; anything else decides the status by itself.
        const c = await code(lic);
        if (!(last.body.activity === "refreshLicenseCode" && c?.status === "FROZEN")) assert.equal(c?.status, expected, `seed ${seed}: last case ${last.name}`);
        assert.equal(await h.db.prisma.licenseOrder.count({ where: { license: lic } }), 3, "three distinct orders, however often they ran");
      }
    });

    it("a debug call naming a production code succeeds without touching it", async () => {
      const lic = newLicenseCode();
      await callLicense(h.db.prisma, renewal(lic, "20300101000000"));
      for (const body of [release(lic, { testFlag: "1" }), freeze(lic, { testFlag: "1" }), renewal(lic, "20400101000000", { testFlag: "1" })]) {
        assert.equal((await callLicense(h.db.prisma, body)).json.resultCode, "000000");
      }
      const c = await code(lic);
      assert.deepEqual([c?.status, c?.expireAt?.toISOString(), c?.isTest], ["ACTIVE", at("20300101000000").toISOString(), false]);
      const notApplied = await h.db.prisma.licenseTransition.findMany({ where: { license: lic, isTest: true } });
      assert.equal(notApplied.length, 3);
      assert.ok(notApplied.every((t) => t.accepted && t.fromStatus === "ACTIVE" && t.toStatus === "ACTIVE" && /not applied/.test(t.reason ?? "")));
      assert.ok(notApplied.every((t) => t.reasonCode === "debugIgnored"));
      // The production renewal that created the code notes it, request words first.
      const created = await h.db.prisma.licenseTransition.findFirstOrThrow({ where: { license: lic, isTest: false } });
      assert.deepEqual([created.reasonCode, created.reason], ["firstSeen", "RENEWAL → 20300101000000; first seen"]);
      assert.equal(await h.db.prisma.licenseOrder.count({ where: { license: lic } }), 1);
    });

    it("the shared production address dispatches License activities, each interface with its own key", async () => {
      const lic = newLicenseCode();
      const viaShared = await callLicense(h.db.prisma, renewal(lic, "20300101000000"), { address: "shared" });
      assert.equal(viaShared.json.resultCode, "000000");
      const call = await h.db.prisma.marketplaceCall.findFirstOrThrow({ where: { instanceId: lic } });
      assert.deepEqual([call.channel, call.path], ["license", "/api/marketplace"]);
      // The base key does not open the License interface, nor the License key the base one.
      const wrongKey = await callLicense(h.db.prisma, freeze(lic), { address: "shared", accessKey: TEST_ACCESS_KEY });
      assert.equal(wrongKey.json.resultCode, "000001");
      const base = await callBase(h.db.prisma, newOrder(), { accessKey: TEST_LICENSE_KEY, config: { licenseAccessKey: TEST_LICENSE_KEY } });
      assert.equal(base.json.resultCode, "000001");
      // Without a License key of its own, the base key signs License calls (the default).
      const defaulted = await callLicense(h.db.prisma, freeze(lic), { accessKey: TEST_ACCESS_KEY, config: { licenseAccessKey: undefined } });
      assert.equal(defaulted.json.resultCode, "000000");
      // The dedicated address refuses base activities.
      const other = await callLicense(h.db.prisma, { activity: "releaseInstance", instanceId: "x" });
      assert.equal(other.json.resultCode, "000002");
      assert.match(other.json.resultMsg, /unsupported License activity/);
    });

    it("a replayed nonce is refused across the base and License channels", async () => {
      const nonce = "N".repeat(64);
      assert.equal((await callLicense(h.db.prisma, release(newLicenseCode()), { nonce })).json.resultCode, "000000");
      assert.equal((await callLicense(h.db.prisma, release(newLicenseCode()), { nonce })).json.resultCode, "000001");
    });

    it("20 concurrent deliveries of one renewal of an unknown code: one code, one order, all success", async () => {
      const lic = newLicenseCode("RACE");
      const body = renewal(lic, "20300101000000");
      const answers = await Promise.all(Array.from({ length: 20 }, () => callLicense(h.db.prisma, body)));
      assert.deepEqual([...new Set(answers.map((a) => a.json.resultCode))], ["000000"]);
      assert.equal(await h.db.prisma.licenseOrder.count({ where: { license: lic } }), 1);
      assert.equal(await h.db.prisma.licenseTransition.count({ where: { license: lic } }), 1);
    });

    it("10 concurrent renewals with different expiries keep the latest one (no lost update)", async () => {
      const lic = newLicenseCode("RACE");
      await callLicense(h.db.prisma, renewal(lic, "20290101000000"));
      const days = Array.from({ length: 10 }, (_, i) => `203001${String(i + 10).padStart(2, "0")}000000`);
      const answers = await Promise.all(days.map((d) => callLicense(h.db.prisma, renewal(lic, d))));
      assert.deepEqual([...new Set(answers.map((a) => a.json.resultCode))], ["000000"]);
      assert.equal((await code(lic))?.expireAt?.toISOString(), at("20300119000000").toISOString());
      assert.equal(await h.db.prisma.licenseOrder.count({ where: { license: lic } }), 11);
    });
  });
}

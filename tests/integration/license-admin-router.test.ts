/**
 * Staff License view fed by real callbacks and by the License open APIs of the local mock: list
 * with callbacks counted from the call log, detail with orders and the audit trail (refused
 * transitions included), activate / heartbeat recorded on the code, only staff may ask, and the
 * outputs carry exactly the declared fields.
 */
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { TRPCError } from "@trpc/server";
import type { Session } from "next-auth";
import { resetEnvForTests } from "~/env";
import { openApiUnavailable } from "~/app/admin/(staff)/licenses/open-api";
import { createCaller } from "~/server/api/root";
import { createContextInner } from "~/server/api/trpc";
import { MOCK_LICENSE_CODES as CODES } from "~/dev/openapi-mock/licenses";
import { startMockOpenApi, type MockOpenApi } from "~/dev/openapi-mock/server";
import { testTargets, useTestDatabase } from "../helpers/databases";
import { callLicense, freeze, newLicenseCode, release, renewal } from "../helpers/license";
import { assertAppError } from "../helpers/trpc";

const EXPIRES = new Date(Date.now() + 3600_000).toISOString();
const staff: Session = { expires: EXPIRES, user: { kind: "staff", name: "admin", role: "owner" } };
const customer: Session = { expires: EXPIRES, user: { kind: "customer", name: "M", tenantId: "t", userName: "m", role: "admin", instanceId: "i" } };
const AK = "AKLICENSEADMIN";
const SK = "sk-license-admin";

const saved = { ...process.env };
let mock: MockOpenApi;
before(async () => {
  mock = await startMockOpenApi({ ak: AK, sk: SK, usagePushKey: "k" });
  Object.assign(process.env, { KOOGALLERY_OPENAPI_ENDPOINT: mock.url, KOOGALLERY_OPENAPI_AK: AK, KOOGALLERY_OPENAPI_SK: SK });
  resetEnvForTests();
});
after(async () => {
  process.env = { ...saved };
  resetEnvForTests();
  await mock.stop();
});

for (const target of testTargets()) {
  describe(`license admin router on ${target.name}`, { skip: target.skip }, () => {
    const h = useTestDatabase(target);
    const api = () => createCaller(createContextInner({ session: staff }));

    it("lists codes with status, expiry and callbacks received; detail shows orders, refused transitions and the calls", async () => {
      const lic = newLicenseCode();
      const other = newLicenseCode("DBG");
      await callLicense(h.db.prisma, renewal(lic, "20300101000000", { productId: "P-7" }));
      await callLicense(h.db.prisma, freeze(lic));
      await callLicense(h.db.prisma, release(lic));
      await callLicense(h.db.prisma, renewal(lic, "20310101000000")); // refused: released
      await callLicense(h.db.prisma, release(other, { testFlag: "1" }));

      const released = (await api().licenseAdmin.list({ status: "RELEASED" })).items;
      const row = released.find((r) => r.license === lic);
      assert.ok(row);
      assert.deepEqual([row.callbacks, row.refusedTransitions, row.productId, row.expireAt?.toISOString()], [4, 1, "P-7", "2030-01-01T00:00:00.000Z"]);
      assert.ok(row.lastCallbackAt);
      assert.ok(released.some((r) => r.license === other && r.isTest));
      assert.ok(!(await api().licenseAdmin.list({ includeTest: false })).items.some((r) => r.license === other));
      assert.deepEqual((await api().licenseAdmin.list({ search: lic.slice(-8) })).items.map((r) => r.license), [lic]);
      assert.ok(!(await api().licenseAdmin.list({ status: "ACTIVE" })).items.some((r) => r.license === lic));

      const d = await api().licenseAdmin.detail({ license: lic });
      assert.deepEqual(d.orders.map((o) => [o.activity, o.scene]), [["refreshLicenseCode", "RENEWAL"]]);
      assert.deepEqual(
        d.transitions.map((t) => [t.event, t.fromStatus, t.toStatus, t.accepted, t.reasonCode]),
        [["refresh", null, "ACTIVE", true, "firstSeen"], ["freeze", "ACTIVE", "FROZEN", true, null], ["release", "FROZEN", "RELEASED", true, null], ["refresh", "RELEASED", null, false, "illegal"]],
      );
      // Sorted: calls made within one millisecond have no defined order.
      assert.deepEqual(d.calls.map((c) => `${c.activity} ${c.resultCode}`).sort(), [
        "refreshLicenseCode 000000", "refreshLicenseCode 000003", "releaseLicenseCode 000000", "updateLicenseCodeStatus 000000",
      ]);
      assert.ok(d.transitions.every((t) => d.calls.some((c) => c.id === t.callId)), "each transition names its call");
      // The call log filters by the code (what the staff page links to).
      const logged = await api().callLog.list({ channel: "license", instanceId: lic });
      assert.deepEqual(logged.items.map((c) => c.id).sort(), d.calls.map((c) => c.id).sort());
      assert.equal((await api().callLog.list({ channel: "base", instanceId: lic })).items.length, 0);
      await assertAppError(api().licenseAdmin.detail({ license: "NOPE" }), "NOT_FOUND", "NOT_FOUND");
    });

    it("activate and heartbeat through the open API are recorded on the code (and refusals too)", async () => {
      const code = `${CODES.newPrefix}${target.name}${Date.now()}`;
      const early = await api().licenseAdmin.heartbeat({ license: code });
      assert.deepEqual([early.ok, early.code], [false, "92020011"]);
      assert.equal(await h.db.prisma.licenseCode.count({ where: { license: code } }), 0, "a refusal for an unknown code leaves no row");

      const act = await api().licenseAdmin.activate({ license: code, realEffectTime: "20240102030405" });
      assert.equal(act.ok, true);
      const hb = await api().licenseAdmin.heartbeat({ license: code });
      assert.ok(hb.ok && hb.status === "ALIVE");
      const again = await api().licenseAdmin.activate({ license: code });
      assert.deepEqual([again.ok, again.code, again.ok ? "" : again.kind], [false, "92020003", "ILLEGAL_STATE"]);

      const [row] = (await api().licenseAdmin.list({ search: code })).items;
      assert.ok(row);
      assert.equal(row.activatedAt?.toISOString(), "2024-01-02T03:04:05.000Z");
      assert.deepEqual([row.firstSeenVia, row.lastActivateCode, row.lastHeartbeatCode, row.lastHeartbeatStatus, row.status], ["activate", "92020003", "92020000", "ALIVE", "ACTIVE"]);
      assert.equal((row.lastHeartbeatAnswer as { status?: string }).status, "ALIVE");
      assert.ok(row.expireAt && row.expireAt.getTime() > Date.now());

      const expired = await api().licenseAdmin.heartbeat({ license: CODES.expired });
      assert.ok(expired.ok && expired.status === "EXPIRED");
      const rec = await h.db.prisma.licenseCode.findUniqueOrThrow({ where: { license: CODES.expired } });
      assert.deepEqual([rec.firstSeenVia, rec.lastHeartbeatStatus], ["heartbeat", "EXPIRED"]);
      assert.ok(rec.activatedAt, "the heartbeat's activate_time fills the activation time");
    });

    it("a heartbeat refusal on a known code is recorded with its answer; a bad effective time is refused as input", async () => {
      const lic = newLicenseCode(); // known from a callback, unknown to the marketplace
      await callLicense(h.db.prisma, renewal(lic, "20300101000000"));
      const r = await api().licenseAdmin.heartbeat({ license: lic });
      assert.deepEqual([r.ok, r.code], [false, "92020005"]);
      const rec = await h.db.prisma.licenseCode.findUniqueOrThrow({ where: { license: lic } });
      assert.deepEqual([rec.lastHeartbeatCode, rec.lastHeartbeatStatus, (rec.lastHeartbeatAnswer as { kind?: string }).kind], ["92020005", null, "NOT_EXIST"]);
      assert.equal(rec.status, "ACTIVE", "the open API never moves the callback state machine");
      await assert.rejects(api().licenseAdmin.activate({ license: lic, realEffectTime: "20241301000000" }), (e: unknown) => e instanceof TRPCError && e.code === "BAD_REQUEST");
    });

    it("without AK/SK the open-API buttons explain what to set", async () => {
      process.env.KOOGALLERY_OPENAPI_AK = "";
      resetEnvForTests();
      try {
        await assertAppError(api().licenseAdmin.heartbeat({ license: "X" }), "PRECONDITION_FAILED", "LICENSE_API_NOT_CONFIGURED");
        // The pages ask first, disable Activate / Heartbeat and show why, as a sentence in either language.
        const answer = await api().licenseAdmin.openApi();
        assert.equal(answer.configured, false);
        assert.equal(answer.reason?.code, "LICENSE_API_NOT_CONFIGURED");
        assert.equal(openApiUnavailable(answer, "en"), "Set KOOGALLERY_OPENAPI_AK and KOOGALLERY_OPENAPI_SK to call the License open API.");
        assert.equal(openApiUnavailable(answer, "zh-CN"), "请先配置 KOOGALLERY_OPENAPI_AK 和 KOOGALLERY_OPENAPI_SK。");
      } finally {
        process.env.KOOGALLERY_OPENAPI_AK = AK;
        resetEnvForTests();
      }
    });

    it("with AK/SK the open API is offered; only staff may ask", async () => {
      const answer = await api().licenseAdmin.openApi();
      assert.deepEqual(answer, { configured: true, reason: null });
      assert.equal(openApiUnavailable(answer, "en"), null);
      await assertAppError(createCaller(createContextInner({ session: customer })).licenseAdmin.openApi(), "FORBIDDEN", "FORBIDDEN");
      await assertAppError(createCaller(createContextInner({ session: null })).licenseAdmin.openApi(), "UNAUTHORIZED", "UNAUTHENTICATED");
    });

    it("outputs carry exactly the declared fields", async () => {
      const lic = newLicenseCode();
      await callLicense(h.db.prisma, renewal(lic, "20300101000000"));
      const [row] = (await api().licenseAdmin.list({ search: lic })).items;
      assert.deepEqual(Object.keys(row!).sort(), [
        "activatedAt", "callbacks", "createdAt", "expireAt", "firstSeenVia", "frozenAt", "isTest", "lastActivateAt", "lastActivateCode", "lastCallbackAt",
        "lastHeartbeatAnswer", "lastHeartbeatAt", "lastHeartbeatCode", "lastHeartbeatStatus", "license", "orderId", "orderLineId", "productId",
        "refusedTransitions", "releasedAt", "status", "updatedAt",
      ]);
      const d = await api().licenseAdmin.detail({ license: lic });
      assert.deepEqual(Object.keys(d.calls[0]!).sort(), ["activity", "id", "isTest", "path", "receivedAt", "resultCode", "resultMsg"]);
    });

    it("only staff may read or call", async () => {
      for (const session of [null, customer]) {
        const caller = createCaller(createContextInner({ session }));
        for (const p of [caller.licenseAdmin.list({}), caller.licenseAdmin.detail({ license: "X" }), caller.licenseAdmin.heartbeat({ license: "X" }), caller.licenseAdmin.activate({ license: "X" })]) {
          await assert.rejects(p, (e: unknown) => e instanceof TRPCError && ["UNAUTHORIZED", "FORBIDDEN"].includes(e.code));
        }
      }
    });
  });
}

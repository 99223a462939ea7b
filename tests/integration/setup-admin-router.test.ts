/**
 * The staff "Setup & health" overview on PGlite and PostgreSQL, fed by real signed calls
 * (tests/helpers/marketplace.ts): the last base and Kit calls with their activity and result
 * code, error answers of the last 24 h (an older one is not counted), instances by status,
 * synced tenants, the usage push outbox — and the checks they drive (usage push off with records
 * waiting, a refused record). Only staff may call it, and no secret value is in its output.
 */
import assert from "node:assert/strict";
import { setTimeout as sleep } from "node:timers/promises";
import { after, before, describe, it } from "node:test";
import type { Session } from "next-auth";
import { getEnv, resetEnvForTests } from "~/env";
import { createCaller } from "~/server/api/root";
import { createContextInner } from "~/server/api/trpc";
import { testTargets, useTestDatabase } from "../helpers/databases";
import { callBase, callKit, kitTimeStamp, newOrder, testRsaKeys } from "../helpers/marketplace";
import { assertAppError } from "../helpers/trpc";

const HOUR = 3_600_000;
const EXPIRES = new Date(Date.now() + HOUR).toISOString();
const staff: Session = { expires: EXPIRES, user: { kind: "staff", name: "admin", role: "owner" } };
const customer: Session = {
  expires: EXPIRES,
  user: { kind: "customer", name: "Mallory", tenantId: "t-1", userName: "mallory", role: "admin", instanceId: "i-1" },
};
const asStaff = () => createCaller(createContextInner({ session: staff }));

/** Distinctive values, so a leak of any of them into the output is found by a plain search. */
const SECRETS = {
  KOOGALLERY_ACCESS_KEY: "itest-setup-base-access-key-5150",
  KOOGALLERY_KIT_ACCESS_KEY: "itest-setup-kit-access-key-5150",
  KOOGALLERY_USAGE_PUSH_KEY: "itest-setup-usage-push-key-5150",
  KOOGALLERY_OPENAPI_AK: "ITESTSETUPOPENAPIAK5150",
  KOOGALLERY_OPENAPI_SK: "itest-setup-openapi-sk-5150",
};
const APP_URL = "https://isv.example.com";

const saved = { ...process.env };
before(() => {
  Object.assign(process.env, {
    ...SECRETS,
    APP_URL,
    KOOGALLERY_RSA_PRIVATE_KEY: testRsaKeys().privateKey,
    KOOGALLERY_APP_ID: "itest-app",
    KOOGALLERY_QUERY_ORDER: "false",
    USAGE_PUSH_ENABLED: "false",
    ONEACCESS_EMULATOR: "false",
  });
  resetEnvForTests();
});
after(() => {
  process.env = { ...saved };
  resetEnvForTests();
});


const statusOf = (o: { checks: Array<{ id: string; status: string }> }, id: string) => o.checks.find((c) => c.id === id)?.status;

for (const target of testTargets()) {
  describe(`setup admin router on ${target.name}`, { skip: target.skip }, () => {
    const h = useTestDatabase(target);
    const prisma = () => h.db.prisma;
    let empty: Awaited<ReturnType<ReturnType<typeof asStaff>["setupAdmin"]["overview"]>> | undefined;
    let instanceId = "";
    /** When the scene's base calls began, and when the hour of the pending push record ended. */
    let callsFrom = 0;
    let pendingHourEnd = 0;

    before(async () => {
      if (target.skip) return;
      empty = await asStaff().setupAdmin.overview();

      // An error answer from two days ago: in the log, not in the last 24 h.
      await prisma().marketplaceCall.create({
        data: { channel: "base", activity: "queryInstance", path: "/api/marketplace", resultCode: "000005", receivedAt: new Date(Date.now() - 48 * HOUR) },
      });
      // Base: a purchase, a call with a wrong key (000001), then a freeze — the last base call.
      callsFrom = Date.now();
      const bought = await callBase(prisma(), newOrder());
      assert.equal(bought.json.resultCode, "000000", bought.text);
      instanceId = String(bought.json.instanceId);
      await sleep(5);
      assert.equal((await callBase(prisma(), newOrder(), { accessKey: "wrong-key" })).json.resultCode, "000001");
      await sleep(5);
      const second = await callBase(prisma(), newOrder());
      await sleep(5);
      assert.equal((await callBase(prisma(), { activity: "updateInstanceStatus", instanceId: String(second.json.instanceId), status: "FREEZE" })).json.resultCode, "000000");

      // Kit: two organisations bound, one of them dissolved again.
      const tenant = (tenantId: string, flag: number) => ({
        instanceId,
        orderId: "CS-SETUP-1",
        tenantId,
        tenantCode: tenantId,
        name: `Org ${tenantId}`,
        domainName: "https://org.example.com",
        flag,
        testFlag: 1,
        timeStamp: kitTimeStamp(),
      });
      await sleep(5);
      assert.equal((await callKit(prisma(), "tenantSync", tenant("setup-t1", 1))).json.resultCode, "000000");
      await sleep(5);
      assert.equal((await callKit(prisma(), "tenantSync", tenant("setup-t2", 1))).json.resultCode, "000000");
      await sleep(5);
      assert.equal((await callKit(prisma(), "tenantSync", tenant("setup-t2", 0))).json.resultCode, "000000");

      // The usage push outbox: one record waiting since an hour that closed 2–3 h ago, one refused.
      const hourStart = new Date(Math.floor(Date.now() / HOUR) * HOUR - 3 * HOUR);
      pendingHourEnd = hourStart.getTime() + HOUR;
      const rec = (sn: string, status: string, seq: number) => ({
        meteringSn: sn,
        instanceId,
        meter: "calls",
        hourStart,
        seq,
        usageValue: "1.5",
        status,
        ...(status === "FAILED" ? { attempts: 1, lastResultCode: "MKT.9002", lastError: "HTTP 500 MKT.9002 invalid usage entries", deadReason: "REFUSED" } : {}),
        ...(status === "PENDING" ? { attempts: 1, lastResultCode: "MKT.0102", lastError: "HTTP 400 MKT.0102 Invalid body sign" } : {}),
      });
      await prisma().usagePushRecord.createMany({ data: [rec("sn-setup-pending", "PENDING", 1), rec("sn-setup-failed", "FAILED", 2)] });
    });

    it("an empty database: no calls, nothing counted, the addresses from APP_URL", () => {
      assert.ok(empty);
      assert.equal(empty.traffic.lastBaseCall, null);
      assert.equal(empty.traffic.lastKitCall, null);
      assert.equal(empty.traffic.errorAnswers24h, 0);
      assert.deepEqual(empty.traffic.instancesByStatus, { ACTIVE: 0, FROZEN: 0, RELEASED: 0 });
      assert.equal(empty.traffic.tenantsSynced, 0);
      assert.deepEqual(empty.traffic.push, {
        counts: { PENDING: 0, SENT: 0, FAILED: 0 },
        oldestPendingAgeMs: null,
        deadByReason: { REFUSED: 0, TOO_OLD: 0, TEST_INSTANCE: 0, NO_ON_DEMAND_INSTANCE: 0, GAVE_UP: 0 },
        alerts: [],
      });
      assert.equal(statusOf(empty, "push-alerts"), "ok");
      assert.equal(empty.productionAddress, `${APP_URL}/api/marketplace`);
      assert.equal(empty.loginCallbackUrl, `${APP_URL}/api/auth/callback/oneaccess`);
      assert.equal(empty.licenseAddress, `${APP_URL}/api/marketplace/license`);
      assert.equal(statusOf(empty, "usage-push"), "info", "push off, nothing waiting, not production");
      assert.equal(statusOf(empty, "push-outbox"), "ok");
    });

    it("reports the last base and Kit calls, error answers of the last 24 h, instances and tenants", async () => {
      const o = await asStaff().setupAdmin.overview();
      const t = o.traffic;
      assert.equal(t.lastBaseCall?.activity, "updateInstanceStatus");
      assert.equal(t.lastBaseCall?.resultCode, "000000");
      assert.equal(t.lastBaseCall?.isTest, false);
      assert.ok(t.lastBaseCall.receivedAt instanceof Date && t.lastBaseCall.receivedAt.getTime() >= callsFrom);
      assert.equal(t.lastKitCall?.activity, "tenantSync");
      assert.equal(t.lastKitCall?.resultCode, "000000");
      assert.equal(t.lastKitCall?.isTest, true);
      assert.equal(t.errorAnswers24h, 1, "the wrong-key call; the 2-day-old 000005 is not counted");
      assert.deepEqual(t.instancesByStatus, { ACTIVE: 1, FROZEN: 1, RELEASED: 0 });
      assert.equal(t.tenantsSynced, 1);
      assert.equal(t.tenantsDeleted, 1);
      assert.deepEqual(t.push.counts, { PENDING: 1, SENT: 0, FAILED: 1 });
      // Measured from the record's hour end to the overview's clock; an hour boundary may have passed since.
      const ageBound = Date.now() - pendingHourEnd;
      assert.ok(t.push.oldestPendingAgeMs !== null && t.push.oldestPendingAgeMs >= 2 * HOUR && t.push.oldestPendingAgeMs <= ageBound, `${t.push.oldestPendingAgeMs} ≤ ${ageBound}`);

      assert.equal(statusOf(o, "last-base-call"), "ok");
      assert.match(o.checks.find((c) => c.id === "last-base-call")!.detail, /updateInstanceStatus → 000000/);
      assert.equal(statusOf(o, "last-kit-call"), "ok");
      assert.equal(statusOf(o, "error-answers"), "warn");
      assert.equal(statusOf(o, "usage-push"), "problem", "push off with a record waiting");
      assert.equal(statusOf(o, "push-outbox"), "problem", "a dead letter");
      assert.equal(t.push.deadByReason.REFUSED, 1);
      assert.deepEqual(
        t.push.alerts.map((a) => [a.code, a.kind, a.pending, a.failed]),
        [
          ["MKT.0102", "signature", 1, 0],
          ["MKT.9002", "data", 0, 1],
        ],
      );
      assert.equal(statusOf(o, "push-alerts"), "problem", "the marketplace refuses our signature");
      assert.match(o.checks.find((c) => c.id === "push-alerts")!.title, /MKT\.0102/);
      assert.equal(statusOf(o, "rsa-key"), "ok");
      assert.equal(o.rsaPublicKey?.pem, testRsaKeys().publicKey.trim());
      assert.equal(o.rsaPublicKey?.modulusBits, 3072);
      assert.equal(statusOf(o, "app-url"), "ok");
      assert.equal(statusOf(o, "kit-key"), "info");
      const total = Object.values(o.counts).reduce((a, b) => a + b, 0);
      assert.equal(total, o.checks.length);
      assert.ok(o.counts.problem >= 2);
    });

    it("no secret value appears in the output", async () => {
      const o = await asStaff().setupAdmin.overview();
      const text = JSON.stringify(o);
      const env = getEnv();
      assert.equal(env.KOOGALLERY_ACCESS_KEY, SECRETS.KOOGALLERY_ACCESS_KEY, "the test environment is in effect");
      const privateBody = testRsaKeys()
        .privateKey.split("\n")
        .filter((l) => l && !l.startsWith("-----"));
      assert.ok(privateBody.length > 10);
      for (const s of [...Object.values(SECRETS), env.NEXTAUTH_SECRET, env.DATA_ENCRYPTION_KEY, env.STAFF_PASSWORD, testRsaKeys().privateKey, ...privateBody]) {
        assert.ok(!text.includes(s), `secret leaked: ${s.slice(0, 12)}…`);
      }
      // What the page says about them instead: booleans and statuses.
      assert.match(o.checks.find((c) => c.id === "openapi-credentials")!.detail, /AK configured, SK configured/);
      assert.ok(text.includes(testRsaKeys().publicKey.split("\n")[1]!), "the public key is shown");
    });

    it("refuses customers and anonymous callers", async () => {
      await assertAppError(createCaller(createContextInner({ session: customer })).setupAdmin.overview(), "FORBIDDEN", "FORBIDDEN");
      await assertAppError(createCaller(createContextInner({ session: null })).setupAdmin.overview(), "UNAUTHORIZED", "UNAUTHENTICATED");
    });
  });
}

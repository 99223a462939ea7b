/**
 * Debug calls (testFlag=1) succeed in any order, any number of times (README "Debug calls"):
 * the seller console replays its saved debug cases twice a day, unchanged, in any order.
 * Production calls keep the strict lifecycle; a debug call never changes a production instance.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { testTargets, useTestDatabase } from "../helpers/databases";
import { callBase, callKit, kitTimeStamp, newOrder, testRsaKeys } from "../helpers/marketplace";
import { publicEncrypt, constants, randomBytes } from "node:crypto";
import { seededRandom, shuffled } from "~/koogallery/seeded-random";
import type { PrismaClient } from "~/generated/prisma/client";
import { registerSql, sqlFor } from "~/server/db/sql";

/**
 * `prisma` whose transactions fail when they write an InstanceOrder (a failure after the event
 * began), as a database error would. Registered with the same driver, so the call is logged.
 */
function failingOrderWrites(prisma: PrismaClient): PrismaClient {
  const failingTx = (tx: object) =>
    new Proxy(tx, {
      get(target, prop, receiver) {
        if (prop !== "instanceOrder") return Reflect.get(target, prop, receiver);
        return { create: () => Promise.reject(new Error("injected: disk full")), findUnique: () => Promise.resolve(null) };
      },
    });
  const proxy = new Proxy(prisma, {
    get(target, prop, receiver) {
      if (prop !== "$transaction") return Reflect.get(target, prop, receiver);
      return (fn: unknown, options?: unknown) =>
        typeof fn === "function"
          ? target.$transaction((tx) => (fn as (tx: object) => Promise<unknown>)(failingTx(tx)), options as never)
          : target.$transaction(fn as never, options as never);
    },
  });
  registerSql(proxy, sqlFor(prisma));
  return proxy;
}

/** The console's saved cases for one debug order, as a seller fills them in once. */
function debugCases(order: ReturnType<typeof newOrder>, instanceId: string) {
  const t = { testFlag: "1" };
  return {
    newInstance: { ...order, ...t },
    queryInstance: { activity: "queryInstance", instanceId, ...t },
    renewal: { activity: "refreshInstance", instanceId, scene: "RENEWAL", orderId: `${order.orderId}R`, orderLineId: `${order.orderId}R-1`, expireTime: "20301124023618", ...t },
    trialToFormal: { activity: "refreshInstance", instanceId, scene: "TRIAL_TO_FORMAL", orderId: `${order.orderId}T`, orderLineId: `${order.orderId}T-1`, expireTime: "20291124023618", ...t },
    unsubscribe: { activity: "refreshInstance", instanceId, scene: "UNSUBSCRIBE_RENEWAL_PERIOD", orderId: `${order.orderId}U`, orderLineId: `${order.orderId}U-1`, expireTime: "20281124023618", ...t },
    freeze: { activity: "updateInstanceStatus", instanceId, status: "FREEZE", ...t },
    unfreeze: { activity: "updateInstanceStatus", instanceId, status: "UNFREEZE", ...t },
    upgrade: { activity: "upgradeInstance", instanceId, orderId: `${order.orderId}G`, orderLineId: `${order.orderId}G-1`, ...t },
    changeCheck: { activity: "changeInstanceCheck", instanceId, productInfo: { skuCode: "x" }, ...t },
    release: { activity: "releaseInstance", instanceId, orderId: order.orderId, orderLineId: order.orderLineId, ...t },
  };
}

for (const target of testTargets()) {
  describe(`debug calls in any order on ${target.name}`, { skip: target.skip }, () => {
    const h = useTestDatabase(target);
    const prisma = () => h.db.prisma;

    async function createDebug() {
      const order = newOrder("1");
      const res = await callBase(prisma(), order);
      assert.equal(res.json.resultCode, "000000", res.text);
      return { order, instanceId: res.json.instanceId as string };
    }

    it("the console's sequence: release, then renew / freeze / upgrade / new / release again all succeed", async () => {
      const { order, instanceId } = await createDebug();
      const c = debugCases(order, instanceId);
      const sequence = [c.release, c.renewal, c.freeze, c.upgrade, c.newInstance, c.release];
      for (const body of sequence) {
        const r = await callBase(prisma(), { ...body, businessId: randomBytes(8).toString("hex") });
        assert.equal(r.json.resultCode, "000000", `${body.activity}: ${r.text}`);
      }
      const newAgain = await callBase(prisma(), { ...c.newInstance, businessId: "yet-another" });
      assert.equal(newAgain.json.instanceId, instanceId, "the debug order keeps its instance id");
      assert.ok(newAgain.json.appInfo, "a revived debug instance gets its credentials again");
      const row = await prisma().instance.findUniqueOrThrow({ where: { id: instanceId } });
      assert.equal(row.isTest, true);
      const revivals = await prisma().instanceTransition.findMany({ where: { instanceId, event: "debugRevive" } });
      assert.ok(revivals.length >= 1, "revivals are recorded");
      assert.ok(revivals.every((t) => t.reasonCode === "debugRevived"), JSON.stringify(revivals.map((t) => t.reasonCode)));
    });

    it("every case twice, then 5 shuffled rounds of the whole set: every answer is 000000", async () => {
      const { order, instanceId } = await createDebug();
      const cases = Object.entries(debugCases(order, instanceId));
      const plan = [...cases.flatMap((c) => [c, c])];
      for (let seed = 1; seed <= 5; seed++) plan.push(...shuffled(cases, seededRandom(seed * 7919)));
      for (const [name, body] of plan) {
        const r = await callBase(prisma(), name === "newInstance" ? { ...body, businessId: randomBytes(8).toString("hex") } : body);
        assert.equal(r.json.resultCode, "000000", `${name}: ${r.text}`);
        if ("instanceId" in r.json && name !== "queryInstance") assert.equal(r.json.instanceId, instanceId, name);
      }
      assert.equal(await prisma().instance.count({ where: { orderId: order.orderId } }), 1, "never a second instance");
      // Repeated orders stay no-ops: one row per order line.
      assert.equal(await prisma().instanceOrder.count({ where: { instanceId, orderId: `${order.orderId}R` } }), 1);
    });

    it("debug cases for an instance never seen create a debug instance and succeed", async () => {
      const ghost = `ghost-${randomBytes(6).toString("hex")}`;
      const c = debugCases(newOrder("1"), ghost);
      for (const name of ["renewal", "queryInstance", "freeze", "release", "upgrade", "changeCheck", "unfreeze"] as const) {
        const r = await callBase(prisma(), c[name]);
        assert.equal(r.json.resultCode, "000000", `${name}: ${r.text}`);
      }
      const row = await prisma().instance.findUniqueOrThrow({ where: { id: ghost } });
      assert.equal(row.isTest, true);
      assert.equal(row.status, "ACTIVE", "unfreeze after the revive by upgrade");
      const q = await callBase(prisma(), c.queryInstance);
      assert.equal((q.json.info as { instanceId: string }[])[0]?.instanceId, ghost);
    });

    it("a debug call on an instance never seen that fails leaves no instance behind; its replay succeeds", async () => {
      const ghost = `failed-${randomBytes(6).toString("hex")}`;
      const c = debugCases(newOrder("1"), ghost);
      for (const name of ["renewal", "upgrade"] as const) {
        const failed = await callBase(failingOrderWrites(prisma()), c[name]);
        assert.equal(failed.json.resultCode, "000005", `${name}: ${failed.text}`);
        assert.equal(await prisma().instance.count({ where: { id: ghost } }), 0, `${name}: no instance left by a failed call`);
        assert.equal(await prisma().instanceTransition.count({ where: { instanceId: ghost } }), 0);
      }
      // The console replays the same cases: they create the instance and succeed.
      for (const name of ["renewal", "upgrade", "renewal"] as const) {
        const r = await callBase(prisma(), c[name]);
        assert.equal(r.json.resultCode, "000000", `${name}: ${r.text}`);
      }
      const row = await prisma().instance.findUniqueOrThrow({ where: { id: ghost } });
      assert.equal(row.isTest, true);
      const created = await prisma().instanceTransition.findMany({ where: { instanceId: ghost, event: "create" } });
      assert.deepEqual(created.map((t) => t.reasonCode), ["debugCreated"]);
      assert.equal(await prisma().instanceOrder.count({ where: { instanceId: ghost } }), 2, "renewal and upgrade, each once");
    });

    it("concurrent debug calls naming the same unknown instance all succeed and create it once", async () => {
      const ghost = `race-${randomBytes(6).toString("hex")}`;
      const c = debugCases(newOrder("1"), ghost);
      const bodies = [c.renewal, c.freeze, c.upgrade, c.renewal, c.trialToFormal, c.unsubscribe];
      const answers = await Promise.all(bodies.map((b) => callBase(prisma(), b)));
      for (const r of answers) assert.equal(r.json.resultCode, "000000", r.text);
      assert.equal(await prisma().instance.count({ where: { id: ghost } }), 1);
      assert.equal(await prisma().instanceTransition.count({ where: { instanceId: ghost, event: "create" } }), 1);
    });

    it("production calls keep the strict lifecycle: renew after release is 000003", async () => {
      const order = newOrder();
      const instanceId = (await callBase(prisma(), order)).json.instanceId as string;
      const c = debugCases(order, instanceId);
      const strip = ({ testFlag: _t, ...rest }: Record<string, unknown>) => rest;
      assert.equal((await callBase(prisma(), strip(c.release))).json.resultCode, "000000");
      for (const body of [c.renewal, c.freeze, c.upgrade]) {
        assert.equal((await callBase(prisma(), strip(body))).json.resultCode, "000003", String(body.activity));
      }
      assert.equal((await callBase(prisma(), { activity: "refreshInstance", instanceId: "never-seen", scene: "RENEWAL", orderId: "O", orderLineId: "L", expireTime: "20301124023618" })).json.resultCode, "000003");
      assert.equal(await prisma().instance.count({ where: { id: "never-seen" } }), 0, "production calls create nothing");
    });

    it("a debug call naming a production instance changes nothing, is answered 000000 and recorded", async () => {
      const order = newOrder();
      const instanceId = (await callBase(prisma(), order)).json.instanceId as string;
      const before = await prisma().instance.findUniqueOrThrow({ where: { id: instanceId } });
      const c = debugCases(order, instanceId);
      for (const body of [c.renewal, c.freeze, c.upgrade, c.release]) {
        assert.equal((await callBase(prisma(), body)).json.resultCode, "000000", String(body.activity));
      }
      const after = await prisma().instance.findUniqueOrThrow({ where: { id: instanceId } });
      assert.deepEqual(
        { status: after.status, expireAt: after.expireAt, releasedAt: after.releasedAt, isTest: after.isTest },
        { status: before.status, expireAt: before.expireAt, releasedAt: before.releasedAt, isTest: false },
      );
      const notApplied = await prisma().instanceTransition.findMany({ where: { instanceId, reason: { contains: "production instance" } } });
      assert.equal(notApplied.length, 4);
      assert.ok(notApplied.every((t) => t.reasonCode === "debugIgnored"));
      assert.equal(await prisma().instanceOrder.count({ where: { instanceId } }), 1, "only the production order line");
    });

    it("Kit syncs with testFlag=1 succeed in any order, repeated, also after the tenant was deleted", async () => {
      const tenantId = `dbg-${randomBytes(4).toString("hex")}`;
      const secret = publicEncrypt(
        { key: testRsaKeys().publicKey, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: "sha256" },
        Buffer.from("debug-client-secret"),
      ).toString("base64");
      const user = { userName: "dbg-user", name: "Debug User", role: "admin", enable: "true" };
      const common = { instanceId: `inst-${tenantId}`, orderId: `ord-${tenantId}`, testFlag: 1, timeStamp: kitTimeStamp() };
      const kit: [string, Record<string, unknown>][] = [
        ["tenantSync", { ...common, tenantId, tenantCode: tenantId, name: "Debug Org", domainName: `https://${tenantId}.example.com`, flag: 1 }],
        ["tenantSync", { ...common, tenantId, tenantCode: tenantId, name: "Debug Org", domainName: `https://${tenantId}.example.com`, flag: 0 }],
        ["applicationSync", { ...common, tenantId, appId: "dbg-app", clientId: "dbg-client", clientSecret: secret, flag: 1 }],
        ["authSync", { ...common, tenantId, appId: "dbg-app", flag: 1, currentSyncTime: kitTimeStamp(), userList: [user] }],
        ["authSync", { ...common, tenantId, appId: "dbg-app", flag: 0, currentSyncTime: kitTimeStamp(), userList: [user] }],
        ["singleOrgSync", { ...common, tenantId, flag: 1, orgCode: "d1", orgName: "Dept 1" }],
        ["singleOrgSync", { ...common, tenantId, flag: 0, orgCode: "d1", orgName: "Dept 1" }],
        ["allOrgSync", { ...common, tenantId, orgInfoList: [{ orgCode: "d1", orgName: "Dept 1", parentCode: "" }] }],
      ];
      const plan = [...kit.flatMap((c) => [c, c])];
      for (let seed = 1; seed <= 4; seed++) plan.push(...shuffled(kit, seededRandom(seed * 104729)));
      for (const [kind, body] of plan) {
        const r = await callKit(prisma(), kind, { ...body, timeStamp: kitTimeStamp() });
        assert.equal(r.json.resultCode, "000000", `${kind} flag=${String(body.flag)}: ${r.text}`);
      }
    });
  });
}

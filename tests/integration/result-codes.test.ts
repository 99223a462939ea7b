/**
 * activity × bad input → resultCode, through the real handler and database (dub-style case
 * table). Every refused call must also leave the database unchanged apart from its log row.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { PrismaClient } from "~/generated/prisma/client";
import { handleBaseCall } from "~/server/marketplace/base-interface";
import { testTargets, useTestDatabase } from "../helpers/databases";
import { callBase, newOrder, signedRequest, testConfig, type SignOptions } from "../helpers/marketplace";

interface Case {
  name: string;
  body: Record<string, unknown> | string;
  sign?: SignOptions;
  code: string;
  /** Part of resultMsg that must name the problem. */
  msg?: RegExp;
}

const long = (n: number) => "x".repeat(n);
const now = Date.now();
const order = { activity: "newInstance", orderId: "CSBAD", orderLineId: "CSBAD-1", businessId: "biz-bad" };
const inst = "00000000-bad0-0000-0000-000000000000";

const CASES: Case[] = [
  // --- signature & transport (000001 / 000002)
  { name: "wrong access key", body: order, sign: { accessKey: "not-the-key" }, code: "000001", msg: /signature/ },
  { name: "tampered body", body: order, sign: { tamper: (r) => r.replace("CSBAD-1", "CSBAD-2") }, code: "000001" },
  { name: "missing signature", body: order, sign: { query: { signature: null } }, code: "000001", msg: /signature/ },
  { name: "malformed signature", body: order, sign: { query: { signature: "zz" } }, code: "000001" },
  { name: "missing timestamp", body: order, sign: { query: { timestamp: null } }, code: "000002", msg: /timestamp/ },
  { name: "non-numeric timestamp", body: order, sign: { query: { timestamp: "yesterday" } }, code: "000002", msg: /timestamp/ },
  { name: "missing nonce", body: order, sign: { query: { nonce: null } }, code: "000002", msg: /nonce/ },
  { name: "stale timestamp (61 s old)", body: order, sign: { nowMs: now, timestampMs: now - 61_000 }, code: "000001", msg: /stale/ },
  { name: "future timestamp (61 s ahead)", body: order, sign: { nowMs: now, timestampMs: now + 61_000 }, code: "000001", msg: /future/ },
  { name: "malformed JSON (signed)", body: '{"activity":"newInstance",', code: "000002" },
  { name: "JSON array body", body: "[1,2]", code: "000002", msg: /object/ },
  // --- activity
  { name: "missing activity", body: { orderId: "x" }, code: "000002", msg: /activity/ },
  { name: "unknown activity", body: { activity: "deleteEverything" }, code: "000002", msg: /unsupported activity/ },
  // --- newInstance
  { name: "newInstance without orderId", body: { ...order, orderId: undefined }, code: "000002", msg: /orderId/ },
  { name: "newInstance orderLineId too long", body: { ...order, orderLineId: long(65) }, code: "000002", msg: /orderLineId/ },
  { name: "newInstance businessId empty", body: { ...order, businessId: "" }, code: "000002", msg: /businessId/ },
  { name: "newInstance bad testFlag", body: { ...order, testFlag: "7" }, code: "000002", msg: /testFlag/ },
  { name: "newInstance orderId not a string", body: { ...order, orderId: 12 }, code: "000002", msg: /orderId/ },
  // --- queryInstance
  { name: "queryInstance empty id", body: { activity: "queryInstance", instanceId: "" }, code: "000002", msg: /instanceId/ },
  {
    name: "queryInstance 101 ids",
    body: { activity: "queryInstance", instanceId: Array.from({ length: 101 }, (_, i) => `i${i}`).join(",") },
    code: "000002",
    msg: /instanceId/,
  },
  // --- refreshInstance
  {
    name: "refreshInstance bad scene",
    body: { activity: "refreshInstance", instanceId: inst, scene: "FOREVER", orderId: "o", orderLineId: "l", expireTime: "20301124023618" },
    code: "000002",
    msg: /scene/,
  },
  {
    name: "refreshInstance bad expireTime (month 13)",
    body: { activity: "refreshInstance", instanceId: inst, scene: "RENEWAL", orderId: "o", orderLineId: "l", expireTime: "20301324023618" },
    code: "000002",
    msg: /expireTime/,
  },
  {
    name: "refreshInstance expireTime of 12 digits",
    body: { activity: "refreshInstance", instanceId: inst, scene: "RENEWAL", orderId: "o", orderLineId: "l", expireTime: "203011240236" },
    code: "000002",
    msg: /expireTime/,
  },
  {
    name: "refreshInstance without orderLineId",
    body: { activity: "refreshInstance", instanceId: inst, scene: "RENEWAL", orderId: "o", expireTime: "20301124023618" },
    code: "000002",
    msg: /orderLineId/,
  },
  {
    name: "refreshInstance expireTime in year 0000",
    body: { activity: "refreshInstance", instanceId: inst, scene: "RENEWAL", orderId: "o", orderLineId: "l", expireTime: "00000101000000" },
    code: "000002",
    msg: /expireTime: .*year 0000 is before 1970/,
  },
  {
    name: "refreshInstance expireTime in year 0000 (debug call, instance never seen)",
    body: { activity: "refreshInstance", instanceId: "debug-y0", scene: "RENEWAL", orderId: "o", orderLineId: "l", expireTime: "00000101000000", testFlag: "1" },
    code: "000002",
    msg: /expireTime/,
  },
  // --- updateInstanceStatus
  { name: "updateInstanceStatus bad status", body: { activity: "updateInstanceStatus", instanceId: inst, status: "NORMAL" }, code: "000002", msg: /status/ },
  { name: "updateInstanceStatus without instanceId", body: { activity: "updateInstanceStatus", status: "FREEZE" }, code: "000002", msg: /instanceId/ },
  // --- releaseInstance
  { name: "releaseInstance instanceId too long", body: { activity: "releaseInstance", instanceId: long(65) }, code: "000002", msg: /instanceId/ },
  // --- upgrade
  { name: "upgradeInstance without orderId", body: { activity: "upgradeInstance", instanceId: inst, orderLineId: "l" }, code: "000002", msg: /orderId/ },
  { name: "upgradeInstance V1 productId too long", body: { activity: "upgradeInstance", instanceId: inst, orderId: "o", orderLineId: "l", productId: long(65) }, code: "000002", msg: /productId: must be at most 64/ },
  { name: "upgrade (alias) V1 skuCode too long", body: { activity: "upgrade", instanceId: inst, orderId: "o", orderLineId: "l", skuCode: long(65) }, code: "000002", msg: /skuCode: must be at most 64/ },
  { name: "upgrade (alias) V1 productId too long (debug call)", body: { activity: "upgrade", instanceId: "debug-long", orderId: "o", orderLineId: "l", productId: long(65), testFlag: "1" }, code: "000002", msg: /productId/ },
  { name: "upgrade (alias) without orderLineId", body: { activity: "upgrade", instanceId: inst, orderId: "o" }, code: "000002", msg: /orderLineId/ },
  // --- changeInstanceCheck
  { name: "changeInstanceCheck productInfo not an object", body: { activity: "changeInstanceCheck", instanceId: inst, productInfo: "x" }, code: "000002", msg: /productInfo/ },
  // --- unknown instance (valid input)
  { name: "release of an unknown instance", body: { activity: "releaseInstance", instanceId: inst }, code: "000003" },
];

async function counts(prisma: PrismaClient) {
  return {
    instances: await prisma.instance.count(),
    orders: await prisma.instanceOrder.count(),
    transitions: await prisma.instanceTransition.count(),
  };
}

for (const target of testTargets()) {
  describe(`result codes on ${target.name}`, { skip: target.skip }, () => {
    const h = useTestDatabase(target);

    for (const c of CASES) {
      it(`${c.name} → ${c.code}`, async () => {
        const before = await counts(h.db.prisma);
        const res = await callBase(h.db.prisma, c.body, c.sign);
        assert.equal(res.status, 200);
        assert.equal(res.json.resultCode, c.code, res.text);
        if (c.msg) assert.match(res.json.resultMsg, c.msg);
        assert.ok(res.json.resultMsg.length <= 255);
        assert.deepEqual(await counts(h.db.prisma), before, "a refused call writes nothing but its log row");
        const logged = await h.db.prisma.marketplaceCall.findFirstOrThrow({ orderBy: { receivedAt: "desc" } });
        assert.equal(logged.resultCode, c.code);
      });
    }

    // The table's instance does not exist; these reach an existing one, where the bad value would be written.
    const onExisting: [string, (instanceId: string) => Record<string, unknown>, RegExp][] = [
      ["refreshInstance expireTime in year 0000", (instanceId) => ({ activity: "refreshInstance", instanceId, scene: "RENEWAL", orderId: "CSY0", orderLineId: "CSY0-1", expireTime: "00000101000000" }), /expireTime/],
      ["upgrade V1 productId of 65 characters", (instanceId) => ({ activity: "upgrade", instanceId, orderId: "CSUP65", orderLineId: "CSUP65-1", productId: long(65) }), /productId/],
      ["upgrade V1 skuCode of 65 characters", (instanceId) => ({ activity: "upgradeInstance", instanceId, orderId: "CSUP65", orderLineId: "CSUP65-1", skuCode: long(65) }), /skuCode/],
    ];
    for (const [name, body, msg] of onExisting) {
      it(`${name}, on an existing instance → 000002, instance unchanged`, async () => {
        const created = await callBase(h.db.prisma, newOrder());
        assert.equal(created.json.resultCode, "000000", created.text);
        const instanceId = created.json.instanceId as string;
        const before = await h.db.prisma.instance.findUniqueOrThrow({ where: { id: instanceId } });
        const countsBefore = await counts(h.db.prisma);
        const res = await callBase(h.db.prisma, body(instanceId));
        assert.equal(res.json.resultCode, "000002", res.text);
        assert.match(res.json.resultMsg, msg);
        assert.deepEqual(await h.db.prisma.instance.findUniqueOrThrow({ where: { id: instanceId } }), before);
        assert.deepEqual(await counts(h.db.prisma), countsBefore);
      });
    }

    it("signed timestamps 59 s old or ahead are accepted", async () => {
      for (const skew of [-59_000, 59_000]) {
        const res = await callBase(h.db.prisma, newOrder(), { nowMs: now, timestampMs: now + skew });
        assert.equal(res.json.resultCode, "000000", `skew ${skew}`);
      }
    });

    it("a replayed request (same nonce) is refused with 000001, even with a valid signature", async () => {
      const body = newOrder();
      const first = await callBase(h.db.prisma, body, { nonce: "NONCE-REPLAY-1" });
      assert.equal(first.json.resultCode, "000000");
      const replay = await callBase(h.db.prisma, body, { nonce: "NONCE-REPLAY-1" });
      assert.equal(replay.json.resultCode, "000001");
      assert.match(replay.json.resultMsg, /nonce/);
    });

    it("concurrent replays of one nonce: exactly one is processed", async () => {
      const req = signedRequest(newOrder(), { nonce: "NONCE-RACE-1" });
      const results = await Promise.all(
        Array.from({ length: 10 }, () =>
          handleBaseCall(h.db.prisma, testConfig(), { rawBody: req.rawBody, query: req.query, path: "/api/marketplace", nowMs: req.nowMs }),
        ),
      );
      const codes = results.map((r) => JSON.parse(r.body).resultCode).sort();
      assert.deepEqual(codes, ["000000", ...Array(9).fill("000001")]);
    });

    it("an unexpected failure answers 000005 without internals and never a 5xx", async () => {
      const broken = new Proxy(h.db.prisma, {
        get(target, prop, receiver) {
          if (prop === "instance") throw new Error("connection reset by peer (secret detail)");
          return Reflect.get(target, prop, receiver);
        },
      });
      const res = await callBase(broken, newOrder());
      assert.equal(res.status, 200);
      assert.equal(res.json.resultCode, "000005");
      assert.doesNotMatch(res.text, /secret detail/);
    });

    it("a call that cannot be recorded is not acknowledged (000005)", async () => {
      const noLog = new Proxy(h.db.prisma, {
        get(target, prop, receiver) {
          if (prop === "marketplaceCall") throw new Error("disk full");
          return Reflect.get(target, prop, receiver);
        },
      });
      const order = newOrder();
      const res = await callBase(noLog, order);
      assert.equal(res.json.resultCode, "000005");
      assert.equal(await h.db.prisma.instance.count({ where: { orderId: order.orderId } }), 0, "nothing done when the call could not be logged");
    });
  });
}

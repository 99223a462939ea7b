/**
 * License activity × bad input → resultCode, through the real handler and database (the License
 * table: 000003 = 授权码ID不存在). Every refused call leaves the database unchanged apart from its
 * log row, which is completed with the same code.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { LICENSE_RESULT_CODES } from "~/koogallery/license-result-codes";
import type { PrismaClient } from "~/generated/prisma/client";
import { testTargets, useTestDatabase } from "../helpers/databases";
import { callLicense, TEST_ACCESS_KEY, type LicenseCallOptions } from "../helpers/license";

interface Case {
  name: string;
  body: Record<string, unknown> | string;
  opts?: LicenseCallOptions;
  code: keyof typeof LICENSE_RESULT_CODES;
  msg?: RegExp;
}

const long = (n: number) => "x".repeat(n);
const now = Date.now();
const refresh = { activity: "refreshLicenseCode", scene: "RENEWAL", orderId: "CSL1", orderLineId: "CSL1-1", license: "LIC-BAD-1", expireTime: "20300523201932" };
const status = { activity: "updateLicenseCodeStatus", license: "LIC-BAD-2", status: "FREEZE" };
const rel = { activity: "releaseLicenseCode", license: "LIC-BAD-3" };
const without = (o: Record<string, unknown>, k: string) => Object.fromEntries(Object.entries(o).filter(([key]) => key !== k));

const CASES: Case[] = [
  // --- signature & transport, per activity
  ...[refresh, status, rel].flatMap((body): Case[] => [
    { name: `${body.activity}: base key instead of the License key`, body, opts: { accessKey: TEST_ACCESS_KEY }, code: "000001", msg: /signature/ },
    { name: `${body.activity}: tampered body`, body, opts: { tamper: (r) => r.replace("LIC-BAD", "LIC-EVIL") }, code: "000001" },
    { name: `${body.activity}: missing signature`, body, opts: { query: { signature: null } }, code: "000001" },
    { name: `${body.activity}: missing timestamp`, body, opts: { query: { timestamp: null } }, code: "000002", msg: /timestamp/ },
    { name: `${body.activity}: missing nonce`, body, opts: { query: { nonce: null } }, code: "000002", msg: /nonce/ },
    { name: `${body.activity}: stale timestamp`, body, opts: { nowMs: now, timestampMs: now - 61_000 }, code: "000001", msg: /stale/ },
    { name: `${body.activity}: future timestamp`, body, opts: { nowMs: now, timestampMs: now + 61_000 }, code: "000001", msg: /future/ },
    { name: `${body.activity}: license missing`, body: without(body, "license"), code: "000002", msg: /license: is required/ },
    { name: `${body.activity}: license empty`, body: { ...body, license: "" }, code: "000002", msg: /license: must not be empty/ },
    { name: `${body.activity}: license of 65 characters`, body: { ...body, license: long(65) }, code: "000002", msg: /license: must be at most 64/ },
    { name: `${body.activity}: license not a string`, body: { ...body, license: 12345 }, code: "000002", msg: /license: must be a string/ },
    { name: `${body.activity}: bad testFlag`, body: { ...body, testFlag: "2" }, code: "000002", msg: /testFlag/ },
  ]),
  // --- body shape
  { name: "malformed JSON (signed)", body: '{"activity":"releaseLicenseCode",', code: "000002" },
  { name: "JSON array", body: "[1]", code: "000002", msg: /object/ },
  { name: "missing activity", body: { license: "x" }, code: "000002", msg: /activity: is required/ },
  { name: "a base activity on the License address", body: { activity: "newInstance", orderId: "o", orderLineId: "l", businessId: "b" }, code: "000002", msg: /unsupported License activity/ },
  // --- refreshLicenseCode
  { name: "refresh: unknown scene", body: { ...refresh, scene: "FOREVER" }, code: "000002", msg: /scene/ },
  { name: "refresh: missing scene", body: without(refresh, "scene"), code: "000002", msg: /scene: is required/ },
  { name: "refresh: missing orderId", body: without(refresh, "orderId"), code: "000002", msg: /orderId/ },
  { name: "refresh: orderLineId of 65 characters", body: { ...refresh, orderLineId: long(65) }, code: "000002", msg: /orderLineId/ },
  { name: "refresh: missing expireTime", body: without(refresh, "expireTime"), code: "000002", msg: /expireTime/ },
  { name: "refresh: expireTime month 13", body: { ...refresh, expireTime: "20301324000000" }, code: "000002", msg: /expireTime/ },
  { name: "refresh: expireTime of 12 digits", body: { ...refresh, expireTime: "203005232019" }, code: "000002", msg: /expireTime/ },
  { name: "refresh: expireTime in year 0000", body: { ...refresh, expireTime: "00000101000000" }, code: "000002", msg: /expireTime: .*year 0000 is before 1970/ },
  { name: "refresh: expireTime in year 0000 (debug call)", body: { ...refresh, expireTime: "00000101000000", testFlag: "1" }, code: "000002", msg: /expireTime/ },
  { name: "refresh: expireTime in 1969", body: { ...refresh, expireTime: "19691231235959999" }, code: "000002", msg: /expireTime/ },
  { name: "refresh: productId of 65 characters", body: { ...refresh, productId: long(65) }, code: "000002", msg: /productId/ },
  // --- updateLicenseCodeStatus
  { name: "status: unknown status", body: { ...status, status: "DELETE" }, code: "000002", msg: /status/ },
  { name: "status: missing status", body: without(status, "status"), code: "000002", msg: /status: is required/ },
  { name: "status: FREEZE of a code never seen (production)", body: status, code: "000003", msg: /license code does not exist/ },
  { name: "status: UNFREEZE of a code never seen (production)", body: { ...status, status: "UNFREEZE" }, code: "000003", msg: /license code does not exist/ },
  // --- releaseLicenseCode
  { name: "release: orderId of 65 characters", body: { ...rel, orderId: long(65) }, code: "000002", msg: /orderId/ },
  { name: "release: orderLineId not a string", body: { ...rel, orderId: "o", orderLineId: 7 }, code: "000002", msg: /orderLineId/ },
];

async function counts(prisma: PrismaClient) {
  return { codes: await prisma.licenseCode.count(), orders: await prisma.licenseOrder.count(), transitions: await prisma.licenseTransition.count() };
}

for (const target of testTargets()) {
  describe(`License result codes on ${target.name}`, { skip: target.skip }, () => {
    const h = useTestDatabase(target);

    for (const c of CASES) {
      it(`${c.name} → ${c.code}`, async () => {
        const before = await counts(h.db.prisma);
        const res = await callLicense(h.db.prisma, c.body, c.opts);
        assert.equal(res.status, 200);
        assert.equal(res.json.resultCode, c.code, res.text);
        if (c.msg) assert.match(res.json.resultMsg, c.msg);
        assert.ok(res.json.resultMsg.length <= 255);
        assert.deepEqual(Object.keys(res.json).sort(), ["resultCode", "resultMsg"]);
        assert.deepEqual(await counts(h.db.prisma), before, "a refused call writes nothing but its log row");
        const logged = await h.db.prisma.marketplaceCall.findFirstOrThrow({ orderBy: { receivedAt: "desc" } });
        assert.deepEqual([logged.channel, logged.resultCode], ["license", c.code]);
      });
    }
  });
}

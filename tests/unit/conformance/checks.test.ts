/**
 * Answer checks, table-driven: what the console accepts passes; each broken rule (HTTP status,
 * Content-Type, JSON, resultCode/resultMsg, expected code, required fields and lengths,
 * usageInfo where required, credentials that do not decrypt) fails with a message naming it.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { ConformanceCase } from "~/conformance/case-types";
import { checkCredentials } from "~/conformance/checks/credentials";
import { checkEnvelope } from "~/conformance/checks/envelope";
import { checkFields } from "~/conformance/checks/fields";
import type { HttpAnswer } from "~/conformance/sender";
import { encryptCredential } from "~/koogallery/credential-crypto";

const KEY = "check-key";
const answer = (over: Partial<HttpAnswer> = {}): HttpAnswer => ({ status: 200, contentType: "application/json;charset=UTF-8", text: '{"resultCode":"000000","resultMsg":"success."}', ms: 3, ...over });

describe("checkEnvelope", () => {
  const table: { name: string; a: HttpAnswer; expect?: string[]; failures: RegExp[] }[] = [
    { name: "a plain success", a: answer(), failures: [] },
    { name: "Content-Type with parameters in upper case", a: answer({ contentType: "Application/JSON; charset=utf-8" }), failures: [] },
    { name: "an expected refusal", a: answer({ text: '{"resultCode":"000001","resultMsg":"authentication failed"}' }), expect: ["000001"], failures: [] },
    { name: "HTTP 500", a: answer({ status: 500 }), failures: [/^HTTP 500, expected 200$/] },
    { name: "text/html", a: answer({ contentType: "text/html" }), failures: [/^Content-Type "text\/html", expected application\/json$/] },
    { name: "no Content-Type", a: answer({ contentType: "" }), failures: [/^Content-Type "", expected application\/json$/] },
    { name: "not JSON", a: answer({ text: "<html>ok</html>" }), failures: [/^body is not JSON: "<html>ok<\/html>"$/] },
    { name: "a JSON array", a: answer({ text: "[]" }), failures: [/^body is not a JSON object/] },
    { name: "no resultMsg", a: answer({ text: '{"resultCode":"000000"}' }), failures: [/^resultMsg missing$/] },
    { name: "no resultCode", a: answer({ text: '{"resultMsg":"ok"}' }), failures: [/^resultCode missing$/] },
    { name: "resultMsg of 256 characters", a: answer({ text: JSON.stringify({ resultCode: "000000", resultMsg: "m".repeat(256) }) }), failures: [/^resultMsg is 256 characters, at most 255 allowed$/] },
    {
      name: "an unexpected code",
      a: answer({ text: '{"resultCode":"000003","resultMsg":"instance released"}' }),
      failures: [/^resultCode 000003 \(instance released\), expected 000000$/],
    },
    { name: "a success where a refusal was expected", a: answer(), expect: ["000001", "000002"], failures: [/^resultCode 000000 \(success\.\), expected 000001 or 000002$/] },
    { name: "no answer at all", a: answer({ status: 0, error: "ECONNREFUSED", text: "" }), failures: [/^no answer: ECONNREFUSED$/] },
  ];
  for (const t of table) {
    it(t.name, () => {
      const v = checkEnvelope(t.a, t.expect ?? ["000000"]);
      assert.equal(v.failures.length, t.failures.length, v.failures.join("; "));
      t.failures.forEach((re, i) => assert.match(v.failures[i]!, re));
    });
  }
});

const newCase: ConformanceCase = { id: "n", title: "n", channel: "base", body: { activity: "newInstance" }, expectCodes: ["000000"] };
const queryCase = (requireUsageInfo = false): ConformanceCase => ({ id: "q", title: "q", channel: "base", body: {}, expectCodes: ["000000"], requireUsageInfo });
const enc = (v: string, key = KEY) => encryptCredential(v, key, "1");
const appInfo = (key = KEY) => ({ frontEndUrl: "https://saas.example.com/", userName: enc("admin", key), password: enc("pw", key) });
const usage = { usageValue: 12.5, statisticalTime: "20261202100000000" };

describe("checkFields", () => {
  const ok = { resultCode: "000000", resultMsg: "success." };
  const table: { name: string; c: ConformanceCase; body: Record<string, unknown>; json: Record<string, unknown>; failures: RegExp[]; warnings?: RegExp[] }[] = [
    { name: "newInstance with id and encrypted appInfo", c: newCase, body: newCase.body, json: { ...ok, instanceId: "i-1", encryptType: "1", appInfo: appInfo() }, failures: [] },
    { name: "newInstance without appInfo only warns", c: newCase, body: newCase.body, json: { ...ok, instanceId: "i-1" }, failures: [], warnings: [/no appInfo\.frontEndUrl/] },
    { name: "newInstance without instanceId", c: newCase, body: newCase.body, json: { ...ok, appInfo: appInfo() }, failures: [/^instanceId: is required when resultCode is 000000/] },
    { name: "instanceId of 65 characters", c: newCase, body: newCase.body, json: { ...ok, instanceId: "x".repeat(65), appInfo: appInfo() }, failures: [/^instanceId: must be at most 64 characters$/] },
    {
      name: "frontEndUrl of 513 characters",
      c: newCase,
      body: newCase.body,
      json: { ...ok, instanceId: "i", appInfo: { frontEndUrl: `https://x/${"a".repeat(503)}` } },
      failures: [/^appInfo\.frontEndUrl: must be at most 512 characters$/],
    },
    { name: "credentials encrypted with another key", c: newCase, body: newCase.body, json: { ...ok, instanceId: "i", encryptType: "1", appInfo: appInfo("other") }, failures: [/appInfo\.userName cannot be decrypted/, /appInfo\.password cannot be decrypted/] },
    { name: "an unknown field only warns", c: newCase, body: newCase.body, json: { ...ok, instanceId: "i", appInfo: appInfo(), extra: 1 }, failures: [], warnings: [/unexpected field\(s\) extra/] },
    {
      name: "queryInstance listing every requested id",
      c: queryCase(true),
      body: { activity: "queryInstance", instanceId: "a, b" },
      json: { ...ok, encryptType: "1", info: [{ instanceId: "a", appInfo: appInfo(), usageInfo: [usage] }, { instanceId: "b", appInfo: appInfo(), usageInfo: [usage] }] },
      failures: [],
    },
    { name: "queryInstance missing an id", c: queryCase(), body: { activity: "queryInstance", instanceId: "a,b" }, json: { ...ok, info: [{ instanceId: "a", appInfo: appInfo() }] }, failures: [/^info has no entry for instance b$/] },
    {
      name: "usageInfo required but absent",
      c: queryCase(true),
      body: { activity: "queryInstance", instanceId: "a" },
      json: { ...ok, info: [{ instanceId: "a", appInfo: appInfo(), usageInfo: [] }] },
      failures: [/^no usageInfo for instance a \(required/],
    },
    {
      name: "usageInfo with a bad statisticalTime and 5 decimals",
      c: queryCase(true),
      body: { activity: "queryInstance", instanceId: "a" },
      json: { ...ok, info: [{ instanceId: "a", appInfo: appInfo(), usageInfo: [{ usageValue: 1.00001, statisticalTime: "20261202" }] }] },
      failures: [/usageValue: must have at most 4 decimals/, /statisticalTime: must be yyyyMMddHHmmss or yyyyMMddHHmmssSSS/, /statisticalTime: must be yyyyMMddHHmmssSSS$/],
    },
    { name: "a released instance without appInfo only warns", c: queryCase(), body: { activity: "queryInstance", instanceId: "a" }, json: { ...ok, info: [{ instanceId: "a" }] }, failures: [], warnings: [/no appInfo for instance a/] },
    { name: "other activities: the plain envelope", c: { ...newCase, body: { activity: "releaseInstance" } }, body: { activity: "releaseInstance" }, json: { ...ok }, failures: [] },
  ];
  for (const t of table) {
    it(t.name, () => {
      const v = checkFields(t.c, t.body, t.json, KEY);
      assert.equal(v.failures.length, t.failures.length, v.failures.join("; "));
      t.failures.forEach((re, i) => assert.match(v.failures[i]!, re));
      assert.equal(v.warnings.length, (t.warnings ?? []).length, v.warnings.join("; "));
      (t.warnings ?? []).forEach((re, i) => assert.match(v.warnings[i]!, re));
    });
  }
});

describe("checkCredentials", () => {
  it("plaintext credentials (no encryptType) are not decrypted", () => {
    assert.deepEqual(checkCredentials({ userName: "admin", password: "pw" }, undefined, KEY, "appInfo").failures, []);
  });
  it("AES-128 (encryptType 2) decrypts with the key", () => {
    assert.deepEqual(checkCredentials({ password: encryptCredential("pw", KEY, "2") }, "2", KEY, "appInfo").failures, []);
    assert.equal(checkCredentials({ password: encryptCredential("pw", KEY, "2") }, "1", KEY, "appInfo").failures.length, 1, "wrong encryptType");
  });
  it("an encryptType other than 1 or 2 fails", () => {
    assert.match(checkCredentials({ password: "x" }, "3", KEY, "appInfo").failures[0]!, /encryptType "3"/);
  });
});

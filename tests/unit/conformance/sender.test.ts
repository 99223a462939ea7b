/**
 * Requests are signed exactly as the marketplace signs them — the app's own verifiers accept
 * them with the right key — with a fresh timestamp and nonce each time; each hostile variant
 * breaks exactly the rule it is named after.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { ConformanceCase } from "~/conformance/case-types";
import { buildRequest, SKEW_MS, type Keys } from "~/conformance/sender";
import { verifyKit } from "~/koogallery/kit-signature";
import { verifyBase } from "~/koogallery/signature";

const KEYS: Keys = { base: "base-key", kit: "kit-key", license: "license-key" };
const NOW = 1_780_000_000_000;
const URL_ = "https://isv.example.com/api/marketplace";
const body = { activity: "queryInstance", instanceId: "inst-1", testFlag: "1" };
const base = (over: Partial<ConformanceCase> = {}): ConformanceCase => ({ id: "x", title: "x", channel: "base", body, expectCodes: ["000000"], ...over });
const kitBody = { instanceId: "", testFlag: 1, timeStamp: "20261202180000000", tenantId: "t", tenantCode: "t", name: "Org", domainName: "https://d", flag: 1, orderId: "" };
const kit = (over: Partial<ConformanceCase> = {}): ConformanceCase => ({ id: "k", title: "k", channel: "kit", kitKind: "tenantSync", body: kitBody, expectCodes: ["000000"], ...over });

function verifyAsBase(req: { url: string; body: string }, key: string, nowMs = NOW) {
  const q = new URL(req.url).searchParams;
  return verifyBase({ accessKey: key, signature: q.get("signature"), timestamp: q.get("timestamp"), nonce: q.get("nonce"), rawBody: req.body, nowMs });
}
function verifyAsKit(req: { headers: Record<string, string>; body: string }, key: string) {
  return verifyKit({ accessKey: key, headers: { sign: req.headers["x-sign"], timestamp: req.headers["x-timestamp"], nonce: req.headers["x-nonce"] }, rawBody: req.body, nowMs: NOW });
}

describe("buildRequest", () => {
  it("base: verifies with the base key only, sorted body, JSON headers, fresh nonce each time", () => {
    const a = buildRequest(base(), body, URL_, KEYS, NOW);
    const b = buildRequest(base(), body, URL_, KEYS, NOW);
    assert.equal(verifyAsBase(a, "base-key").ok, true);
    assert.equal(verifyAsBase(a, "license-key").ok, false);
    assert.equal(a.body, '{"activity":"queryInstance","instanceId":"inst-1","testFlag":"1"}');
    assert.equal(a.headers["Content-Type"], "application/json;charset=utf8");
    assert.equal(new URL(a.url).searchParams.get("timestamp"), String(NOW));
    assert.notEqual(new URL(a.url).searchParams.get("nonce"), new URL(b.url).searchParams.get("nonce"));
  });

  it("license: signed like the base interface with the License key", () => {
    const req = buildRequest(base({ channel: "license" }), body, URL_, KEYS, NOW);
    assert.equal(verifyAsBase(req, "license-key").ok, true);
    assert.equal(verifyAsBase(req, "base-key").ok, false);
  });

  it("kit: headers signed with the Kit key on /produceAPI/v2/<kind>", () => {
    const req = buildRequest(kit(), kitBody, URL_, KEYS, NOW);
    assert.equal(new URL(req.url).pathname, "/api/marketplace/produceAPI/v2/tenantSync");
    assert.equal(verifyAsKit(req, "kit-key").ok, true);
    assert.equal(verifyAsKit(req, "base-key").ok, false);
  });

  const attacks: { name: string; c: ConformanceCase; expect: (req: ReturnType<typeof buildRequest>) => void }[] = [
    { name: "stale", c: base({ attack: "stale" }), expect: (r) => assert.equal(new URL(r.url).searchParams.get("timestamp"), String(NOW - SKEW_MS)) },
    { name: "future", c: base({ attack: "future" }), expect: (r) => assert.equal(new URL(r.url).searchParams.get("timestamp"), String(NOW + SKEW_MS)) },
    {
      name: "wrong-key",
      c: base({ attack: "wrong-key" }),
      expect: (r) => {
        assert.equal(verifyAsBase(r, "base-key").ok, false);
        assert.equal(new URL(r.url).searchParams.get("signature")?.length, 64, "still a well-formed signature");
      },
    },
    {
      name: "tamper",
      c: base({ attack: "tamper", tamperField: "instanceId" }),
      expect: (r) => {
        assert.match(r.body, /"instanceId":"inst-1-tampered"/);
        const v = verifyAsBase(r, "base-key");
        assert.deepEqual([v.ok, v.ok ? "" : v.resultCode], [false, "000001"]);
      },
    },
    { name: "no-signature", c: base({ attack: "no-signature" }), expect: (r) => assert.equal(new URL(r.url).searchParams.has("signature"), false) },
    { name: "no-timestamp", c: base({ attack: "no-timestamp" }), expect: (r) => assert.equal(new URL(r.url).searchParams.has("timestamp"), false) },
    {
      name: "kit tamper",
      c: kit({ attack: "tamper", tamperField: "name" }),
      expect: (r) => {
        assert.match(r.body, /"name":"Org-tampered"/);
        assert.equal(verifyAsKit(r, "kit-key").ok, false);
      },
    },
    { name: "kit stale", c: kit({ attack: "stale" }), expect: (r) => assert.equal(r.headers["x-timestamp"], String(NOW - SKEW_MS)) },
    { name: "kit no-signature", c: kit({ attack: "no-signature" }), expect: (r) => assert.equal("x-sign" in r.headers, false) },
  ];
  for (const a of attacks) {
    it(`attack ${a.name}`, () => a.expect(buildRequest(a.c, a.c.body, URL_, KEYS, NOW)));
  }

  it("stale and future requests are otherwise correctly signed (refused only for their time)", () => {
    const stale = buildRequest(base({ attack: "stale" }), body, URL_, KEYS, NOW);
    assert.equal(verifyAsBase(stale, "base-key", NOW - SKEW_MS).ok, true);
    assert.equal(verifyAsBase(stale, "base-key", NOW).ok, false);
  });
});

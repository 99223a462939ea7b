/**
 * Case generation: per billing mode the scenarios the console requires, all debug calls, every
 * generated body valid under the app's own request schemas (field names, lengths, formats), the
 * Kit set with a visible skip when no public key is given, and the License callbacks as
 * license.md describes them.
 */
import assert from "node:assert/strict";
import { generateKeyPairSync } from "node:crypto";
import { describe, it } from "node:test";
import { resolveBody } from "~/conformance/bindings";
import { MODES, type SaasMode } from "~/conformance/modes";
import { generateCases } from "~/conformance/scenarios";
import { SKIPPED_NO_PUBLIC_KEY } from "~/conformance/scenarios/kit-cases";
import { parseKitBody } from "~/koogallery/kit-schemas";
import { decryptClientSecret } from "~/koogallery/rsa";
import { parseActivityBody } from "~/koogallery/schemas";
import { parseCompactUtc } from "~/koogallery/time";

const NOW = Date.UTC(2026, 11, 2, 10, 0, 0);
const ID64 = "i".repeat(64);
const bindings = new Map([
  ["instance.main", ID64],
  ["instance.trial", "trial-instance"],
]);

/** "activity[/scene|status]" of each functional base case. */
function scenarios(mode: SaasMode): string[] {
  return generateCases({ mode, nowMs: NOW, kit: false })
    .cases.filter((c) => c.channel === "base" && !c.attack)
    .map((c) => [c.body.activity, c.body.scene ?? c.body.status].filter(Boolean).join("/"));
}

describe("generateCases: the scenarios each billing mode needs", () => {
  const table: Record<SaasMode, string[]> = {
    period: [
      "newInstance", "newInstance", "queryInstance", "queryInstance", "refreshInstance/TRIAL_TO_FORMAL", "refreshInstance/RENEWAL",
      "refreshInstance/UNSUBSCRIBE_RENEWAL_PERIOD", "updateInstanceStatus/FREEZE", "updateInstanceStatus/UNFREEZE", "upgradeInstance",
      "changeInstanceCheck", "releaseInstance", "releaseInstance",
    ],
    onetime: ["newInstance", "queryInstance", "releaseInstance"],
    ondemand: ["newInstance", "queryInstance", "refreshInstance/RENEWAL", "updateInstanceStatus/FREEZE", "updateInstanceStatus/UNFREEZE", "releaseInstance"],
    "ondemand-pkg": ["newInstance", "queryInstance", "releaseInstance"],
    "stop-pkg": ["newInstance", "queryInstance", "refreshInstance/RENEWAL", "releaseInstance"],
  };
  for (const [mode, expected] of Object.entries(table) as [SaasMode, string[]][]) {
    it(`${mode}: ${expected.length} base scenarios`, () => assert.deepEqual(scenarios(mode), expected));
  }

  it("usageInfo is required exactly for on-demand and on-demand package queries", () => {
    for (const mode of MODES.filter((m): m is SaasMode => m !== "license")) {
      const q = generateCases({ mode, nowMs: NOW, kit: false }).cases.find((c) => c.id === `${mode}.queryInstance`)!;
      assert.equal(q.requireUsageInfo, mode === "ondemand" || mode === "ondemand-pkg", mode);
    }
  });

  it("newInstance uses the mode's MOCK order unless --order-id says otherwise", () => {
    const main = (mode: SaasMode, newOrderId?: string) => generateCases({ mode, nowMs: NOW, kit: false, newOrderId }).cases[0]!.body;
    assert.deepEqual([main("period").orderId, main("period").orderLineId], ["MOCKPERIODYEARNEW", "MOCKPERIODYEARNEW-000001"]);
    assert.equal(main("ondemand").orderId, "MOCKONDEMAND");
    assert.equal(main("stop-pkg", "MYSTOPORDER").orderLineId, "MYSTOPORDER-000001");
  });

  it("purchases come first and capture the instance ids the other cases name", () => {
    const { cases } = generateCases({ mode: "period", nowMs: NOW, kit: false });
    assert.deepEqual(cases.slice(0, 2).map((c) => c.captureInstanceId), ["instance.main", "instance.trial"]);
    assert.equal(cases.find((c) => c.id === "period.refresh.trialToFormal")!.body.instanceId, "${instance.trial}");
    assert.equal(cases.find((c) => c.id === "period.queryInstance.two")!.body.instanceId, "${instance.main},${instance.trial}");
  });
});

describe("generated bodies", () => {
  const all = MODES.flatMap((mode) => generateCases({ mode, nowMs: NOW, publicKeyPem: generateKeys().publicKey }).cases);

  it("ids are unique within a set, and every case is a debug call", () => {
    for (const mode of MODES) {
      const ids = generateCases({ mode, nowMs: NOW }).cases.map((c) => c.id);
      assert.equal(new Set(ids).size, ids.length, mode);
    }
    for (const c of all) assert.ok(c.body.testFlag === "1" || c.body.testFlag === 1, c.id);
  });

  it("every base body passes the app's request schema (names, lengths, formats)", () => {
    for (const c of all.filter((x) => x.channel === "base")) {
      const resolved = resolveBody(c.body, bindings);
      assert.ok(resolved.ok, c.id);
      const parsed = parseActivityBody(resolved.body);
      assert.ok(parsed.ok, `${c.id}: ${parsed.ok ? "" : parsed.message}`);
    }
  });

  it("every Kit body passes the app's Kit schema, with instanceId empty as in seller debugging", () => {
    for (const c of all.filter((x) => x.channel === "kit")) {
      const parsed = parseKitBody(c.kitKind!, c.body);
      assert.ok(parsed.ok, `${c.id}: ${parsed.ok ? "" : parsed.message}`);
      assert.equal(c.body.instanceId, "");
    }
  });

  it("expiry dates are fixed yyyyMMddHHmmss values after the generation time", () => {
    for (const c of all.filter((x) => typeof x.body.expireTime === "string")) {
      const expire = String(c.body.expireTime);
      assert.match(expire, /^[0-9]{14}$/, c.id);
      assert.ok(parseCompactUtc(expire).getTime() > NOW, c.id);
    }
  });
});

function generateKeys() {
  return generateKeyPairSync("rsa", { modulusLength: 3072, publicKeyEncoding: { type: "spki", format: "pem" }, privateKeyEncoding: { type: "pkcs8", format: "pem" } });
}

describe("Kit cases", () => {
  it("without a public key applicationSync is skipped with a visible line; the other four interfaces stay", () => {
    const set = generateCases({ mode: "period", nowMs: NOW });
    assert.deepEqual(set.skipped, [SKIPPED_NO_PUBLIC_KEY]);
    assert.match(SKIPPED_NO_PUBLIC_KEY, /^skipped: applicationSync — no public key/);
    const kinds = new Set(set.cases.filter((c) => c.channel === "kit" && !c.attack).map((c) => c.kitKind));
    assert.deepEqual([...kinds].sort(), ["allOrgSync", "authSync", "singleOrgSync", "tenantSync"]);
  });

  it("with a public key applicationSync carries a clientSecret the private key decrypts", () => {
    const keys = generateKeys();
    const set = generateCases({ mode: "onetime", nowMs: NOW, publicKeyPem: keys.publicKey, clientSecret: "s3cret" });
    assert.deepEqual(set.skipped, []);
    const app = set.cases.find((c) => c.kitKind === "applicationSync")!;
    assert.equal(decryptClientSecret(String(app.body.clientSecret), keys.privateKey), "s3cret");
  });

  it("--no-kit leaves out the Kit cases and their hostile variants", () => {
    const set = generateCases({ mode: "period", nowMs: NOW, kit: false });
    assert.equal(set.cases.filter((c) => c.channel === "kit").length, 0);
    assert.deepEqual(set.skipped, []);
  });
});

describe("hostile cases", () => {
  it("each channel gets its refusals with the documented codes", () => {
    const hostile = generateCases({ mode: "period", nowMs: NOW }).cases.filter((c) => c.attack);
    const byId = Object.fromEntries(hostile.map((c) => [c.id, c.expectCodes.join("|")]));
    assert.deepEqual(byId, {
      "hostile.base.stale": "000001|000002",
      "hostile.base.future": "000001|000002",
      "hostile.base.replay": "000001",
      "hostile.base.tamper": "000001",
      "hostile.base.wrong-key": "000001",
      "hostile.base.no-signature": "000001",
      "hostile.base.no-timestamp": "000002",
      "hostile.kit.stale": "000001|000002",
      "hostile.kit.replay": "000001",
      "hostile.kit.tamper": "000001",
      "hostile.kit.wrong-key": "000001",
    });
    for (const c of hostile.filter((x) => x.attack === "tamper")) assert.ok(c.tamperField && c.tamperField in c.body, c.id);
  });
});

describe("License cases (license.md)", () => {
  const { cases } = generateCases({ mode: "license", nowMs: NOW, licenseCode: "LIC-CODE-1" });
  const functional = cases.filter((c) => !c.attack);

  it("the three callbacks: refresh (RENEWAL, UNSUBSCRIBE_RENEWAL_PERIOD), status (FREEZE, UNFREEZE), release (with and without order)", () => {
    assert.deepEqual(
      functional.map((c) => [c.body.activity, c.body.scene ?? c.body.status ?? (c.body.orderId ? "order" : "-")].join("/")),
      [
        "refreshLicenseCode/RENEWAL",
        "refreshLicenseCode/UNSUBSCRIBE_RENEWAL_PERIOD",
        "updateLicenseCodeStatus/FREEZE",
        "updateLicenseCodeStatus/UNFREEZE",
        "releaseLicenseCode/order",
        "releaseLicenseCode/-",
      ],
    );
  });

  it("every body has the mandatory fields, one debug code, testFlag \"1\", on the license channel", () => {
    const mandatory: Record<string, string[]> = {
      refreshLicenseCode: ["scene", "orderId", "orderLineId", "license", "expireTime"],
      updateLicenseCodeStatus: ["license", "status"],
      releaseLicenseCode: ["license"],
    };
    for (const c of functional) {
      assert.equal(c.channel, "license");
      assert.equal(c.body.testFlag, "1");
      assert.equal(c.body.license, "LIC-CODE-1");
      for (const f of mandatory[String(c.body.activity)]!) assert.equal(typeof c.body[f], "string", `${c.id}.${f}`);
      for (const v of Object.values(c.body)) assert.ok(String(v).length <= 64, c.id);
      if (c.body.expireTime) assert.match(String(c.body.expireTime), /^[0-9]{14}$/);
    }
  });

  it("hostile License requests: stale, future, replay, tamper, wrong key", () => {
    assert.deepEqual(cases.filter((c) => c.attack).map((c) => c.attack), ["stale", "future", "replay", "tamper", "wrong-key"]);
    assert.equal(cases.some((c) => c.channel !== "license"), false, "no base or Kit cases in license mode");
  });
});

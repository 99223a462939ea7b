/**
 * `npm run license` as a user runs it, against the local mock: the exit code says success (0),
 * refusal (1) or bad usage (2), and --json prints the parsed answer or the typed error.
 */
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { MOCK_LICENSE_CODES as CODES } from "~/dev/openapi-mock/licenses";
import { startMockOpenApi, type MockOpenApi } from "~/dev/openapi-mock/server";
import { runScript } from "../../helpers/child-process";

const AK = "AKCLI";
const SK = "sk-cli";

function run(args: string[], env: Record<string, string>) {
  return runScript("scripts/license.ts", args, { ...process.env, NODE_ENV: "development", ...env });
}

describe("npm run license", () => {
  let mock: MockOpenApi;
  let env: Record<string, string>;
  before(async () => {
    mock = await startMockOpenApi({ ak: AK, sk: SK, usagePushKey: "k" });
    env = { KOOGALLERY_OPENAPI_ENDPOINT: mock.url, KOOGALLERY_OPENAPI_AK: AK, KOOGALLERY_OPENAPI_SK: SK };
  });
  after(() => mock.stop());

  it("activate of a fresh test code succeeds (exit 0) and prints license_code_info", async () => {
    const r = await run(["activate", `${CODES.newPrefix}cli`, "--effective", "20240101000000", "--json"], env);
    assert.equal(r.code, 0, r.err);
    const json = JSON.parse(r.out) as { ok: boolean; licenseCodeInfo: { status: string; product_id: string } };
    assert.deepEqual([json.ok, json.licenseCodeInfo.status, json.licenseCodeInfo.product_id], [true, "ALIVE", "mock-license-product"]);
  });

  it("a refusal exits 1 with the typed error and a hint", async () => {
    const r = await run(["activate", CODES.notReceived], env);
    assert.equal(r.code, 1, r.err);
    assert.match(r.out, /LicenseNotReceivedError/);
    assert.match(r.out, /92020004/);
    assert.match(r.out, /已购买资源/);
  });

  it("bad usage or missing AK/SK exits 2", async () => {
    assert.equal((await run(["frobnicate", "x"], env)).code, 2);
    assert.equal((await run(["heartbeat", "x", "--effective", "20240101000000"], env)).code, 2);
    const noKeys = await run(["heartbeat", "x"], { ...env, KOOGALLERY_OPENAPI_AK: "" });
    assert.equal(noKeys.code, 2);
    assert.match(noKeys.err, /KOOGALLERY_OPENAPI_AK/);
  });
});

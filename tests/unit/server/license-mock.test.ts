/**
 * The License client against the local open-API mock over real HTTP: every test code answers as
 * documented (not received 92020004, already activated 92020003, unknown 92020005, expired,
 * released, not activated 92020011), a wrong SK is refused by the "gateway", and the gateway's own
 * refusals (method, content type, unreadable body) map to the 95000001–4 errors.
 */
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import {
  LicenseAuthError,
  LicenseIllegalStateError,
  LicenseNotActivatedError,
  LicenseNotFoundError,
  LicenseNotReceivedError,
} from "~/koogallery/license-api-errors";
import { createLicenseClient, LICENSE_ACTIVATE_PATH } from "~/koogallery/license-client";
import { signApigRequest } from "~/koogallery/open-api-signing";
import { MOCK_LICENSE_CODES as CODES } from "~/dev/openapi-mock/licenses";
import { startMockOpenApi, type MockOpenApi } from "~/dev/openapi-mock/server";

const AK = "AKLICENSETEST";
const SK = "sk-license-test";

describe("License open APIs against the mock", () => {
  let mock: MockOpenApi;
  before(async () => {
    mock = await startMockOpenApi({ ak: AK, sk: SK, usagePushKey: "k" });
  });
  after(() => mock.stop());
  // A ceiling, never waited for: nothing here tests the timeout, and a loaded CI machine can stall for seconds.
  const client = (sk = SK) => createLicenseClient({ endpoint: mock.url, ak: AK, sk, timeoutMs: 60_000 });

  it("a new code: heartbeat before activation → 92020011; activate → info; heartbeat → ALIVE; activate again → 92020003", async () => {
    const code = `${CODES.newPrefix}${Date.now()}`;
    await assert.rejects(client().heartbeat(code), LicenseNotActivatedError);
    const act = await client().activate(code, "20240101000000");
    assert.equal(act.info.status, "ALIVE");
    assert.ok(act.info.expireTime && act.info.expireTime.getTime() > Date.now());
    assert.deepEqual([act.info.productId, act.info.amount], ["mock-license-product", 1]);
    const hb = await client().heartbeat(code);
    assert.equal(hb.status, "ALIVE");
    assert.ok(hb.activateTime && Math.abs(hb.activateTime.getTime() - Date.now()) < 3_600_000);
    await assert.rejects(client().activate(code), LicenseIllegalStateError);
  });

  const TABLE: Array<[string, "activate" | "heartbeat", string | (new (...a: never[]) => Error)]> = [
    [CODES.notReceived, "activate", LicenseNotReceivedError],
    [CODES.notReceived, "heartbeat", LicenseNotActivatedError],
    [CODES.activated, "activate", LicenseIllegalStateError],
    [CODES.activated, "heartbeat", "ALIVE"],
    [CODES.expired, "activate", LicenseIllegalStateError],
    [CODES.expired, "heartbeat", "EXPIRED"],
    [CODES.released, "activate", LicenseIllegalStateError],
    [CODES.released, "heartbeat", "RELEASED"],
    ["NO-SUCH-CODE", "activate", LicenseNotFoundError],
    ["NO-SUCH-CODE", "heartbeat", LicenseNotFoundError],
  ];
  for (const [code, op, expected] of TABLE) {
    it(`${op} ${code} → ${typeof expected === "string" ? expected : expected.name}`, async () => {
      if (typeof expected === "string") assert.equal((await client().heartbeat(code)).status, expected);
      else await assert.rejects(client()[op](code), expected);
    });
  }

  it("a wrong SK is refused by the gateway (LicenseAuthError); a malformed real_effect_time by the API (92020002)", async () => {
    await assert.rejects(client("wrong-sk").heartbeat(CODES.activated), (e: unknown) => e instanceof LicenseAuthError && e.httpStatus === 401);
    const code = `${CODES.newPrefix}rt${Date.now()}`;
    // Sent raw: the client itself refuses malformed times before sending.
    const url = mock.url + LICENSE_ACTIVATE_PATH;
    const body = JSON.stringify({ license: code, real_effect_time: "2024-01-01" });
    const signed = signApigRequest({ method: "POST", url, ak: AK, sk: SK, headers: { "Content-Type": "application/json" }, body });
    const res = await fetch(url, { method: "POST", headers: signed.headers, body });
    assert.deepEqual(await res.json(), { error_code: "92020002", error_msg: "real_effect_time must be yyyyMMddHHmmss" });
  });

  it("gateway refusals: wrong method 405/95000002, wrong content type 415/95000003, unreadable body 400/95000004", async () => {
    const url = mock.url + LICENSE_ACTIVATE_PATH;
    const send = async (method: string, contentType: string, body?: string) => {
      const signed = signApigRequest({ method, url, ak: AK, sk: SK, headers: { "Content-Type": contentType }, body: body ?? "" });
      const res = await fetch(url, { method, headers: signed.headers, ...(body === undefined ? {} : { body }) });
      return [res.status, ((await res.json()) as { error_code: string }).error_code];
    };
    assert.deepEqual(await send("GET", "application/json"), [405, "95000002"]);
    assert.deepEqual(await send("POST", "text/plain", '{"license":"x"}'), [415, "95000003"]);
    assert.deepEqual(await send("POST", "application/json", "{not json"), [400, "95000004"]);
  });
});

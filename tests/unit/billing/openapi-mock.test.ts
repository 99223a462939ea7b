/**
 * Signature round trips against the local open-API mock (127.0.0.1): 查询订单 with APIG
 * SDK-HMAC-SHA256 and the usage push's base64 HMAC headers are accepted when right and refused
 * when the key, the body or the ordering is wrong; timeouts come back as transient.
 * (Published APIG vectors: tests/unit/koogallery/open-api-signing.test.ts.)
 */
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { usagePushRequest } from "~/koogallery/open-api-signing";
import { assertSafeEndpoint } from "~/server/openapi/http";
import { startMockOpenApi, type MockOpenApi } from "~/server/openapi/mock/server";
import { OpenApiError, queryOrder } from "~/server/openapi/query-order";
import { pushUsage, USAGE_PUSH_PATH } from "~/server/openapi/usage-push";

const AK = "AKMOCKTEST";
const SK = "sk-mock-secret";
const KEY = "push-key";

describe("open API signatures against the mock", () => {
  let mock: MockOpenApi;
  before(async () => {
    mock = await startMockOpenApi({ ak: AK, sk: SK, usagePushKey: KEY });
  });
  after(() => mock.stop());

  // Generous limits for calls that must succeed (a loaded CI machine can be slow); a hang is
  // a hang, so the timeout test uses a short limit of its own.
  const orderCfg = (queryOrderTimeoutMs = 30_000) => ({ endpoint: mock.url, ak: AK, sk: SK, queryOrderTimeoutMs });
  const pushCfg = (key = KEY) => ({ endpoint: mock.url, key, timeoutMs: 30_000, successCodes: ["MKT.0000"], duplicateCodes: [] });
  const record = (sn: string) => ({ instance_id: "i-1", record_time: "20240101T010500Z", begin_time: "20240101T000000Z", end_time: "20240101T010000Z", usage_value: "1.5", metering_sn: sn });

  it("查询订单: a correctly signed call gets the mock order; a wrong SK is refused (not transient)", async () => {
    const line = await queryOrder(orderCfg(), { orderId: "MOCKONDEMAND", orderLineId: "MOCKONDEMAND-000001" });
    assert.deepEqual([line.chargingMode, line.skuCode, line.orderType], ["ON_DEMAND", "mock-sku-payg-api", "NEW"]);
    assert.ok(line.customerId);
    await assert.rejects(queryOrder({ ...orderCfg(), sk: "wrong" }, { orderId: "MOCKONDEMAND" }), (e: unknown) => e instanceof OpenApiError && !e.transient);
    assert.equal(mock.log.at(-1)?.reason, "signature mismatch");
  });

  it("查询订单: a hung call times out as transient", async () => {
    mock.inject("order", "hang-before-store");
    await assert.rejects(queryOrder(orderCfg(200), { orderId: "MOCKONDEMAND" }), (e: unknown) => e instanceof OpenApiError && e.transient && /timed out after 200 ms/.test(e.message));
  });

  it("usage push: accepted with the right key; refused (retry, HTTP 401) with a wrong key", async () => {
    assert.equal((await pushUsage(pushCfg(), [record("sn-ok")])).kind, "accepted");
    assert.ok(mock.received.has("sn-ok"));
    const wrong = await pushUsage(pushCfg("other-key"), [record("sn-wrong")]);
    assert.equal(wrong.kind, "retry");
    assert.match(wrong.kind === "retry" ? wrong.reason : "", /HTTP 401/);
    assert.equal(mock.received.has("sn-wrong"), false);
  });

  it("usage push: a body changed after signing, or not sorted naturally, is refused", async () => {
    const req = usagePushRequest({ key: KEY, body: { usage_records: [record("sn-tamper")] } });
    const url = mock.url + USAGE_PUSH_PATH;
    const tampered = await fetch(url, { method: "POST", headers: req.headers, body: req.body.replace("1.5", "15") });
    assert.equal(tampered.status, 401);
    const unsortedBody = JSON.stringify({ usage_records: [record("sn-unsorted")] });
    const signedUnsorted = usagePushRequest({ key: KEY, body: unsortedBody });
    const res = await fetch(url, { method: "POST", headers: signedUnsorted.headers, body: signedUnsorted.body });
    assert.equal(res.status, 400);
    assert.match(await res.text(), /sorted/);
    const replay = await fetch(url, { method: "POST", headers: req.headers, body: req.body });
    assert.equal(replay.status, 200, "the original signed body is accepted …");
    const again = await fetch(url, { method: "POST", headers: req.headers, body: req.body });
    assert.equal(again.status, 401, "… once: the nonce cannot be replayed");
  });

  it("only https leaves the machine", () => {
    assert.doesNotThrow(() => assertSafeEndpoint(new URL("https://mkt.myhuaweicloud.com")));
    assert.doesNotThrow(() => assertSafeEndpoint(new URL("http://127.0.0.1:9")));
    assert.throws(() => assertSafeEndpoint(new URL("http://mkt.myhuaweicloud.com")));
  });
});

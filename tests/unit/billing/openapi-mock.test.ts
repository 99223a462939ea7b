/**
 * Signature round trips against the local open-API mock (127.0.0.1): 查询订单 with APIG
 * SDK-HMAC-SHA256 and the usage push's base64 HMAC headers are accepted when right and refused
 * when the key, the body or the ordering is wrong; timeouts come back as transient.
 * (Published APIG vectors: tests/unit/koogallery/open-api-signing.test.ts.)
 */
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { formatUsageTime } from "~/koogallery/time";
import { usagePushRequest } from "~/koogallery/open-api-signing";
import { assertSafeEndpoint } from "~/server/openapi/http";
import { startMockOpenApi, type MockOpenApi } from "~/dev/openapi-mock/server";
import { OpenApiError, queryOrder } from "~/server/openapi/query-order";
import { pushUsage, USAGE_PUSH_PATH } from "~/server/openapi/usage-push";

/** yyyyMMdd'T'HHmmss'Z' `minutesAgo` minutes ago, on a whole minute: record times the marketplace still bills. */
const at = (minutesAgo: number) => formatUsageTime(new Date(Math.floor(Date.now() / 60_000) * 60_000 - minutesAgo * 60_000));
const AK = "AKMOCKTEST";
const SK = "sk-mock-secret";
const KEY = "push-key";

describe("open API signatures against the mock", () => {
  let mock: MockOpenApi;
  before(async () => {
    mock = await startMockOpenApi({ ak: AK, sk: SK, usagePushKey: KEY });
  });
  after(() => mock.stop());

  // Generous limits: a busy machine must not turn a slow answer into a failure (the hang test sets its own).
  const orderCfg = () => ({ endpoint: mock.url, ak: AK, sk: SK, queryOrderTimeoutMs: 10_000 });
  const pushCfg = (key = KEY) => ({ endpoint: mock.url, key, timeoutMs: 10_000 });
  const record = (sn: string) => ({ instance_id: "i-1", record_time: at(55), begin_time: at(120), end_time: at(60), usage_value: "1.5", metering_sn: sn });

  it("查询订单: a correctly signed call gets the mock order; a wrong SK is refused (not transient)", async () => {
    const line = await queryOrder(orderCfg(), { orderId: "MOCKONDEMAND", orderLineId: "MOCKONDEMAND-000001" });
    assert.deepEqual([line.chargingMode, line.skuCode, line.orderType], ["ON_DEMAND", "mock-sku-payg-api", "NEW"]);
    assert.ok(line.customerId);
    await assert.rejects(queryOrder({ ...orderCfg(), sk: "wrong" }, { orderId: "MOCKONDEMAND" }), (e: unknown) => e instanceof OpenApiError && !e.transient);
    assert.equal(mock.log.at(-1)?.reason, "signature mismatch");
  });

  it("查询订单: a hung call times out as transient", async () => {
    mock.inject("order", "hang-before-store");
    await assert.rejects(
      queryOrder({ ...orderCfg(), queryOrderTimeoutMs: 300 }, { orderId: "MOCKONDEMAND" }),
      (e: unknown) => e instanceof OpenApiError && e.transient && /timed out after 300 ms/.test(e.message),
    );
  });

  it("usage push: MKT.0000 with the right key; a wrong key is MKT.0102 (signature alert, nothing stored)", async () => {
    const ok = await pushUsage(pushCfg(), [record("sn-ok")]);
    assert.deepEqual([ok.decision, ok.code], ["sent", "MKT.0000"]);
    assert.ok(mock.received.has("sn-ok"));
    const wrong = await pushUsage(pushCfg("other-key"), [record("sn-wrong")]);
    assert.deepEqual([wrong.decision, wrong.alert, wrong.code], ["alert", "signature", "MKT.0102"]);
    assert.match(wrong.reason, /HTTP 400 MKT\.0102/);
    assert.equal(mock.received.has("sn-wrong"), false);
  });

  it("usage push: a body changed after signing, or not sorted naturally, is refused", async () => {
    const req = usagePushRequest({ key: KEY, body: { usage_records: [record("sn-tamper")] } });
    const url = mock.url + USAGE_PUSH_PATH;
    const tampered = await fetch(url, { method: "POST", headers: req.headers, body: req.body.replace("1.5", "15") });
    assert.equal(tampered.status, 400);
    assert.equal(((await tampered.json()) as { error_code: string }).error_code, "MKT.0102");
    const unsortedBody = JSON.stringify({ usage_records: [record("sn-unsorted")] });
    const signedUnsorted = usagePushRequest({ key: KEY, body: unsortedBody });
    const res = await fetch(url, { method: "POST", headers: signedUnsorted.headers, body: signedUnsorted.body });
    assert.equal(res.status, 400);
    assert.match(await res.text(), /MKT\.0101.*sorted/);
    const replay = await fetch(url, { method: "POST", headers: req.headers, body: req.body });
    assert.equal(replay.status, 200, "the original signed body is accepted …");
    const again = await fetch(url, { method: "POST", headers: req.headers, body: req.body });
    assert.equal(again.status, 401, "… once: the nonce cannot be replayed");
    assert.equal(((await again.json()) as { error_code: string }).error_code, "MKT.0154");
  });

  it("only https leaves the machine", () => {
    assert.doesNotThrow(() => assertSafeEndpoint(new URL("https://mkt.myhuaweicloud.com")));
    assert.doesNotThrow(() => assertSafeEndpoint(new URL("http://127.0.0.1:9")));
    assert.throws(() => assertSafeEndpoint(new URL("http://mkt.myhuaweicloud.com")));
  });
});

/**
 * The usage push's answer handling, table-driven: every documented MKT.* answer (and gateway
 * errors, timeouts, undocumented codes) maps to one decision — sent, retry with the same
 * metering_sn, split the batch, dead-letter, or raise a signature/key alert. Plus the record's
 * wire format (UTC times, the window as stored) and the retry backoff.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { Prisma } from "~/generated/prisma/client";
import { backoffMs } from "~/server/billing/outbox";
import { formatUsageValue, toUsagePushData } from "~/server/billing/push";
import { decidePush, MKT_CODES, readAnswer, type PushDecision } from "~/server/openapi/mkt-codes";

/** [http status, body, decision, alert] — the docs' table, row by row. */
const ANSWERS: Array<[number, string, PushDecision, string | undefined]> = [
  [200, '{"error_code":"MKT.0000","error_msg":"success"}', "sent", undefined],
  [500, '{"error_code":"MKT.0999","error_msg":"system error"}', "retry", undefined],
  [500, '{"error_code":"MKT.0100","error_msg":"input validation failed"}', "dead-letter", "data"],
  [400, '{"error_code":"MKT.0101","error_msg":"invalid parameter"}', "dead-letter", "data"],
  [400, '{"error_code":"MKT.0102","error_msg":"Invalid body sign"}', "alert", "signature"],
  [400, '{"error_code":"MKT.0199","error_msg":"request error"}', "dead-letter", "data"],
  [401, '{"error_code":"MKT.0150","error_msg":"Illegal operation"}', "dead-letter", undefined],
  [401, '{"error_code":"MKT.0151","error_msg":"no permission"}', "alert", "key"],
  [401, '{"error_code":"MKT.0154","error_msg":"illegal token"}', "alert", "key"],
  [406, '{"error_code":"MKT.0250","error_msg":"Access frequency overlimit"}', "retry", undefined],
  [500, '{"error_code":"MKT.9001","error_msg":"Instance ID not found"}', "dead-letter", undefined],
  [500, '{"error_code":"MKT.9002","error_msg":"invalid usage entries"}', "dead-letter", "data"],
  [500, '{"error_code":"MKT.9003","error_msg":"too many records"}', "split", undefined],
  [500, '{"error_code":"MKT.9004","error_msg":"begin_time more than 21 days ago"}', "dead-letter", undefined],
  // The code decides, whatever the status; 查询订单's spelling is read too.
  [200, '{"resultCode":"MKT.9001","resultMsg":"Instance ID not found"}', "dead-letter", undefined],
  // Gateway errors back off; the gateway refusing our credentials is a key alert.
  [503, '{"error_code":"APIGW.0201","error_msg":"Backend unavailable"}', "retry", undefined],
  [429, '{"error_code":"APIG.0308","error_msg":"throttled"}', "retry", undefined],
  [401, '{"error_code":"APIGW.0301","error_msg":"Incorrect app authentication information"}', "alert", "key"],
  // Anything undocumented is retried (a record keeps its metering_sn, so a repeat cannot double count).
  [200, '{"error_code":"MKT.9999"}', "retry", undefined],
  [200, "", "retry", undefined],
  [502, "<html>Bad Gateway</html>", "retry", undefined],
  [404, "", "retry", undefined],
];

describe("usage push answers → decisions", () => {
  for (const [status, body, decision, alert] of ANSWERS) {
    it(`HTTP ${status} ${body || "(empty)"} → ${decision}${alert ? ` + ${alert} alert` : ""}`, () => {
      const v = decidePush(readAnswer(status, body));
      assert.equal(v.decision, decision);
      assert.equal(v.alert, alert);
    });
  }

  it("every documented code is in the table above, with the status the docs give it", () => {
    const tested = new Set(ANSWERS.map(([, body]) => /"(?:error_code|resultCode)":"(MKT\.\d{4})"/.exec(body)?.[1]).filter(Boolean));
    for (const c of MKT_CODES) assert.ok(tested.has(c.code), `${c.code} has a row`);
    for (const [status, body] of ANSWERS) {
      const code = /"error_code":"(MKT\.\d{4})"/.exec(body)?.[1];
      const row = MKT_CODES.find((c) => c.code === code);
      if (row) assert.equal(status, row.httpStatus, `${code}'s documented status`);
    }
  });

  it("timeouts and network failures are retried; the reason says what happened", () => {
    assert.deepEqual(decidePush({ kind: "timeout", timeoutMs: 800 }), { decision: "retry", reason: "timed out after 800 ms" });
    assert.deepEqual(decidePush({ kind: "network", message: "ECONNREFUSED" }), { decision: "retry", reason: "network: ECONNREFUSED" });
    assert.equal(decidePush(readAnswer(400, '{"error_code":"MKT.0101","error_msg":"bad usage_value"}')).reason, "HTTP 400 MKT.0101 bad usage_value");
  });

  it("backs off exponentially with jitter, capped", () => {
    assert.equal(backoffMs(1, 1000, 60_000, () => 0.5), 1000);
    assert.equal(backoffMs(3, 1000, 60_000, () => 0.5), 4000);
    assert.equal(backoffMs(30, 1000, 60_000, () => 0.5), 60_000);
    assert.equal(backoffMs(30, 1000, 60_000, () => 0), 48_000);
    assert.equal(backoffMs(30, 1000, 60_000, () => 1), 72_000);
  });
});

describe("UsagePushData", () => {
  const base = {
    instanceId: "od-1",
    packageInstanceId: "",
    beginTime: new Date("2022-08-09T08:00:00Z"),
    endTime: new Date("2022-08-09T09:00:00Z"),
    recordTime: new Date("2022-08-09T09:10:00.123Z"),
    usageValue: new Prisma.Decimal("99.0000"),
    meteringSn: "2022080908-1-abc",
  };

  it("is written as the API documents it: UTC times, at most 4 decimals, no relate_pkg_instance outside 用完即停", () => {
    assert.deepEqual(["99.0000", "0.0001", "12.3400", "1000"].map(formatUsageValue), ["99", "0.0001", "12.34", "1000"]);
    assert.deepEqual(toUsagePushData(base), {
      instance_id: "od-1",
      record_time: "20220809T091000Z",
      begin_time: "20220809T080000Z",
      end_time: "20220809T090000Z",
      usage_value: "99",
      metering_sn: "2022080908-1-abc",
    });
  });

  it("用完即停: instance_id is the on-demand instance, relate_pkg_instance the package; a second record's window ends earlier", () => {
    const d = toUsagePushData({ ...base, packageInstanceId: "pkg-1", endTime: new Date("2022-08-09T08:59:59Z") });
    assert.deepEqual([d.instance_id, d.relate_pkg_instance, d.begin_time, d.end_time], ["od-1", "pkg-1", "20220809T080000Z", "20220809T085959Z"]);
  });

  it("a record without its instance_id or window is never turned into a push", () => {
    assert.throws(() => toUsagePushData({ ...base, instanceId: "" }), /no instance_id or window/);
    assert.throws(() => toUsagePushData({ ...base, beginTime: null }), /no instance_id or window/);
  });
});

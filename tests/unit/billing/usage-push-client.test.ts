import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { Prisma } from "~/generated/prisma/client";
import { backoffMs } from "~/server/billing/outbox";
import { formatUsageValue, toUsagePushData } from "~/server/billing/push";
import { classifyPushResponse } from "~/server/openapi/usage-push";

const cfg = { successCodes: ["MKT.0000", "000000"], duplicateCodes: ["DUP"] };

describe("usage push client", () => {
  it("classifies answers: only clear success is sent, only a record-level 4xx is final", () => {
    const cases: Array<[number, string, string]> = [
      [200, '{"resultCode":"MKT.0000","resultMsg":"success"}', "accepted"],
      [200, "", "accepted"],
      [200, '{"resultCode":"DUP"}', "duplicate"],
      [409, '{"error_code":"DUP"}', "duplicate"],
      [200, '{"resultCode":"MKT.9999"}', "retry"],
      [500, "oops", "retry"],
      [503, "", "retry"],
      [429, "", "retry"],
      [408, "", "retry"],
      [401, '{"error_code":"APIG.0301"}', "retry"],
      [403, "", "retry"],
      [400, '{"resultCode":"MKT.0100","resultMsg":"bad usage_value"}', "rejected"],
      [404, "", "rejected"],
    ];
    for (const [status, body, kind] of cases) assert.equal(classifyPushResponse(cfg, status, body).kind, kind, `${status} ${body}`);
    const r = classifyPushResponse(cfg, 400, '{"resultCode":"MKT.0100","resultMsg":"bad usage_value"}');
    assert.equal(r.kind === "rejected" && r.reason, "HTTP 400 MKT.0100 bad usage_value");
  });

  it("backs off exponentially with jitter, capped", () => {
    assert.equal(backoffMs(1, 1000, 60_000, () => 0.5), 1000);
    assert.equal(backoffMs(3, 1000, 60_000, () => 0.5), 4000);
    assert.equal(backoffMs(30, 1000, 60_000, () => 0.5), 60_000);
    assert.equal(backoffMs(30, 1000, 60_000, () => 0), 48_000);
    assert.equal(backoffMs(30, 1000, 60_000, () => 1), 72_000);
  });

  it("writes UsagePushData as the API documents it", () => {
    assert.deepEqual(["99.0000", "0.0001", "12.3400", "1000"].map(formatUsageValue), ["99", "0.0001", "12.34", "1000"]);
    const data = toUsagePushData({
      instanceId: "inst-1",
      packageInstanceId: "",
      hourStart: new Date("2022-08-09T08:00:00Z"),
      recordTime: new Date("2022-08-09T09:10:00.123Z"),
      usageValue: new Prisma.Decimal("99.0000"),
      meteringSn: "2022080908-1-abc",
    });
    assert.deepEqual(data, {
      instance_id: "inst-1",
      record_time: "20220809T091000Z",
      begin_time: "20220809T080000Z",
      end_time: "20220809T090000Z",
      usage_value: "99",
      metering_sn: "2022080908-1-abc",
    });
    const pkg = toUsagePushData({ ...data, instanceId: "p", packageInstanceId: "p", hourStart: new Date(0), recordTime: new Date(0), usageValue: new Prisma.Decimal(1), meteringSn: "x" } as never);
    assert.equal(pkg.relate_pkg_instance, "p");
  });
});

/** Date helpers of the tenant pages (the redirect guard has its own table: tests/unit/server/redirect-guard.test.ts). */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { lastDays, formatDateTime, formatInTimeZone, offsetLabel } from "~/i18n/format";

describe("date helpers", () => {
  it("formats in the given offset, with the offset written out", () => {
    const d = new Date("2025-06-30T16:30:00Z");
    assert.equal(formatDateTime(d, 480), "2025-07-01 00:30 UTC+8");
    assert.equal(formatDateTime(d, 0), "2025-06-30 16:30 UTC");
    assert.equal(offsetLabel(-210), "UTC-3:30");
  });
  it("precise: seconds and milliseconds, in the same offset (the staff call detail)", () => {
    const d = new Date("2025-06-30T16:30:05.042Z");
    assert.equal(formatDateTime(d, 480, true), "2025-07-01 00:30:05.042 UTC+8");
    assert.equal(formatInTimeZone(d, "America/New_York", true), "2025-06-30 12:30:05.042 UTC-4");
  });
  it("lastDays: the N days ending today in the offset, oldest first", () => {
    const days = lastDays(new Date("2025-07-01T15:59:00Z"), 30, 480);
    assert.equal(days.length, 30);
    assert.equal(days[29], "2025-07-01");
    assert.equal(days[0], "2025-06-02");
    assert.equal(lastDays(new Date("2025-07-01T16:00:00Z"), 1, 480)[0], "2025-07-02");
  });
});

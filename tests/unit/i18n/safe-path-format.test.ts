import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { lastDays, formatDateTime, offsetLabel } from "~/i18n/format";
import { safeRelativePath } from "~/i18n/safe-path";

describe("language switch: where it may redirect", () => {
  it("keeps same-origin relative paths", () => {
    assert.equal(safeRelativePath("/app"), "/app");
    assert.equal(safeRelativePath("/app/api-console?x=1#y"), "/app/api-console?x=1#y");
    assert.equal(safeRelativePath("/app/../login"), "/login");
  });
  it("refuses anything that could leave the site", () => {
    for (const v of [
      "//evil.example",
      "///evil.example",
      "/\\evil.example",
      "\\\\evil.example",
      "/\t/evil.example",
      "/\n/evil.example",
      "https://evil.example/app",
      "javascript:alert(1)",
      "app",
      "",
      null,
      undefined,
      42,
      "/" + "a".repeat(3000),
    ])
      assert.equal(safeRelativePath(v), "/app", JSON.stringify(v));
    assert.equal(safeRelativePath("//evil.example", "/"), "/");
  });
});

describe("date helpers", () => {
  it("formats in the given offset, with the offset written out", () => {
    const d = new Date("2025-06-30T16:30:00Z");
    assert.equal(formatDateTime(d, 480), "2025-07-01 00:30 UTC+8");
    assert.equal(formatDateTime(d, 0), "2025-06-30 16:30 UTC");
    assert.equal(offsetLabel(-210), "UTC-3:30");
  });
  it("lastDays: the N days ending today in the offset, oldest first", () => {
    const days = lastDays(new Date("2025-07-01T15:59:00Z"), 30, 480);
    assert.equal(days.length, 30);
    assert.equal(days[29], "2025-07-01");
    assert.equal(days[0], "2025-06-02");
    assert.equal(lastDays(new Date("2025-07-01T16:00:00Z"), 1, 480)[0], "2025-07-02");
  });
});

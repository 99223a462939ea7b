import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { parseAmount, sqlToUnits, unitsToNumber, unitsToSql } from "~/server/billing/amounts";
import { AppError } from "~/server/errors";

describe("usage amounts (4 decimals, exact)", () => {
  it("parses numbers and decimal strings into ten-thousandths", () => {
    assert.equal(parseAmount(1), 10_000);
    assert.equal(parseAmount(0.0001), 1);
    assert.equal(parseAmount("12.3456"), 123_456);
    assert.equal(parseAmount(0.1) + parseAmount(0.2), parseAmount(0.3), "no binary rounding drift");
  });

  it("refuses zero, negatives, non-numbers, more than 4 decimals and huge amounts", () => {
    for (const bad of [0, -1, Number.NaN, Infinity, "abc", "1e3", "", null, undefined, {}, 1.23456, 2e9]) {
      assert.throws(() => parseAmount(bad), (e: unknown) => e instanceof AppError && e.code === "INVALID_INPUT", String(bad));
    }
  });

  it("round-trips through SQL decimal text", () => {
    for (const u of [0, 1, 9_999, 10_000, 123_456, 10_000_000_000_000]) assert.equal(sqlToUnits(unitsToSql(u)), u);
    assert.equal(unitsToSql(123_450), "12.3450");
    assert.equal(sqlToUnits("7"), 70_000);
    assert.equal(sqlToUnits(null), 0);
    assert.equal(sqlToUnits("-1.5"), -15_000);
    assert.equal(unitsToNumber(75_001), 7.5001);
    assert.throws(() => sqlToUnits("x"));
  });
});

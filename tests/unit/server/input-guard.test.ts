/** findUnstorableText: which tRPC inputs are refused before a procedure runs (src/server/api/input-guard.ts). */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { findUnstorableText } from "~/server/api/input-guard";

describe("findUnstorableText", () => {
  const cases: [string, unknown, string | null][] = [
    ["plain text", { name: "季度报告 Q3", n: 3 }, null],
    ["a paired surrogate (emoji) is fine", { name: "rocket 🚀" }, null],
    ["no input", undefined, null],
    ["NUL in a field", { name: "a\u0000b" }, "name"],
    ["lone high surrogate", { name: "x\ud800" }, "name"],
    ["lone low surrogate", { name: "\udc00x" }, "name"],
    ["nested in an array", { items: [{ label: "ok" }, { label: "bad\u0000" }] }, "items.1.label"],
    ["in a key", { ["k\u0000"]: 1 }, "k\u0000"],
    ["a bare string input", "\u0000", "(input)"],
    ["Dates are not walked", { at: new Date(0) }, null],
  ];
  for (const [name, input, expected] of cases) {
    it(name, () => assert.equal(findUnstorableText(input), expected));
  }

  it("nesting deeper than 32 levels is refused rather than walked", () => {
    let deep: unknown = "leaf";
    for (let i = 0; i < 40; i++) deep = { d: deep };
    assert.notEqual(findUnstorableText(deep), null);
    let shallow: unknown = "leaf";
    for (let i = 0; i < 10; i++) shallow = { d: shallow };
    assert.equal(findUnstorableText(shallow), null);
  });
});

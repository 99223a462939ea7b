/** findInputProblem: which tRPC inputs are refused before a procedure runs, and why (src/server/api/input-guard.ts). */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { findInputProblem, MAX_DEPTH, TOO_DEEP_MESSAGE, UNSTORABLE_MESSAGE } from "~/server/api/input-guard";

/** `leaf` nested in `levels` objects: { d: { d: … leaf } }. */
function nested(levels: number, leaf: unknown = "leaf"): unknown {
  let value = leaf;
  for (let i = 0; i < levels; i++) value = { d: value };
  return value;
}

describe("findInputProblem", () => {
  const unstorable = (path: string) => ({ path, message: UNSTORABLE_MESSAGE });
  const cases: [string, unknown, { path: string; message: string } | null][] = [
    ["plain text", { name: "季度报告 Q3", n: 3 }, null],
    ["a paired surrogate (emoji) is fine", { name: "rocket 🚀" }, null],
    ["no input", undefined, null],
    ["NUL in a field", { name: "a\u0000b" }, unstorable("name")],
    ["lone high surrogate", { name: "x\ud800" }, unstorable("name")],
    ["lone low surrogate", { name: "\udc00x" }, unstorable("name")],
    ["nested in an array", { items: [{ label: "ok" }, { label: "bad\u0000" }] }, unstorable("items.1.label")],
    ["in a key", { ["k\u0000"]: 1 }, unstorable("k\u0000")],
    ["a bare string input", "\u0000", unstorable("(input)")],
    ["Dates are not walked", { at: new Date(0) }, null],
    ["10 levels deep is walked", nested(10), null],
    [`${MAX_DEPTH} levels of objects are walked`, nested(MAX_DEPTH - 1, {}), null],
    ["40 levels deep is refused as too deep, not as bad text", nested(40), { path: Array(MAX_DEPTH).fill("d").join("."), message: TOO_DEEP_MESSAGE }],
    ["too deep in arrays", { a: JSON.parse("[".repeat(40) + "]".repeat(40)) as unknown }, { path: ["a", ...Array(MAX_DEPTH - 1).fill("0")].join("."), message: TOO_DEEP_MESSAGE }],
  ];
  for (const [name, input, expected] of cases) {
    it(name, () => assert.deepEqual(findInputProblem(input), expected));
  }

  it("the messages say what is wrong", () => {
    assert.match(TOO_DEEP_MESSAGE, /nested more than 32 levels/);
    assert.doesNotMatch(TOO_DEEP_MESSAGE, /NUL|surrogate/);
    assert.match(UNSTORABLE_MESSAGE, /NUL/);
  });
});

/**
 * What the call log and the activities store (src/server/db/safe-text.ts,
 * src/server/marketplace/body-preview.ts): characters PostgreSQL refuses are replaced one for one,
 * `__proto__` keys become plain renamed keys, and previews stay within their bound whatever the
 * body.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { parseJsonValue } from "~/koogallery/canonical-json";
import { RENAMED_KEYS, RENAMED_PROTO_KEY, storableJson, storableText } from "~/server/db/safe-text";
import { cutText, PREVIEW_MAX_CHARS, previewJson, previewText } from "~/server/marketplace/body-preview";

const R = "\uFFFD";
/** No unpaired surrogate (String#isWellFormed is newer than this project's TypeScript lib). */
const wellFormed = (s: string) => !/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(s);

describe("storableText", () => {
  const cases: Array<[string, string, string]> = [
    ["empty", "", ""],
    ["plain", "abc 中文", "abc 中文"],
    ["NUL", "a\u0000b", `a${R}b`],
    ["only NUL", "\u0000\u0000", R + R],
    ["lone high surrogate", "x\ud800", `x${R}`],
    ["lone low surrogate", "\udc00x", `${R}x`],
    ["reversed pair", "\udfff\ud800", R + R],
    ["valid pair kept", "😀", "😀"],
    ["pair then lone", "😀\ud83d", `😀${R}`],
    ["U+FFFD itself", R, R],
  ];
  for (const [name, input, expected] of cases) {
    it(name, () => {
      const out = storableText(input);
      assert.equal(out, expected);
      assert.equal(out.length, input.length, "one unit for one unit: length checks are unchanged");
      assert.ok(wellFormed(out) && !out.includes("\u0000"));
    });
  }
});

describe("storableJson", () => {
  it("renames __proto__ keys at any depth into plain own keys, without touching prototypes", () => {
    const parsed = parseJsonValue('{"a":{"__proto__":{"polluted":"yes"}},"__proto__":null,"b":[{"__proto__":1}]}');
    const out = storableJson(parsed) as { a: Record<string, unknown>; b: unknown };
    assert.deepEqual(Object.keys(out), ["a", RENAMED_PROTO_KEY, "b"]);
    assert.deepEqual(out.a[RENAMED_PROTO_KEY], { polluted: "yes" });
    assert.equal(Object.getPrototypeOf(out.a), Object.prototype);
    assert.equal(out.a.polluted, undefined);
    assert.deepEqual(out.b, [{ [RENAMED_PROTO_KEY]: 1 }]);
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
  });

  it("renames constructor and prototype keys (which superjson refuses to send) the same way, idempotently", () => {
    const parsed = parseJsonValue('{"constructor":{"prototype":1},"x":[{"constructor":"c"}],"[constructor]":"later"}');
    const out = storableJson(parsed);
    assert.deepEqual(out, { "[constructor]": { "[prototype]": 1 }, x: [{ "[constructor]": "c" }] });
    assert.deepEqual(storableJson(out), out);
    assert.deepEqual([...RENAMED_KEYS.entries()], [
      ["__proto__", RENAMED_PROTO_KEY],
      ["constructor", "[constructor]"],
      ["prototype", "[prototype]"],
    ]);
  });

  it("replaces bad characters in keys and values; the first of two colliding keys wins", () => {
    const out = storableJson(parseJsonValue('{"k\\u0000":"v\\ud800","k\\ufffd":"second","n":1,"t":true,"z":null}'));
    assert.deepEqual(out, { [`k${R}`]: `v${R}`, n: 1, t: true, z: null });
    assert.doesNotThrow(() => JSON.parse(JSON.stringify(out)));
  });

  it("keeps what is not a string, array or plain object as it is", () => {
    const d = new Date(0);
    const out = storableJson({ d, list: ["\u0000", 2] });
    assert.equal(out.d, d);
    assert.deepEqual(out.list, [R, 2]);
  });
});

describe("body previews", () => {
  it("leave a small body as it is", () => {
    const body = { activity: "newInstance", orderId: "CS1" };
    assert.deepEqual(previewJson(body), body);
  });

  it("stay within the bound for wide, long and deep bodies", () => {
    const wide = Object.fromEntries(Array.from({ length: 5000 }, (_, i) => [`k${i}`, "v".repeat(50)]));
    const long = { s: "x".repeat(100_000) };
    let deep: unknown = "leaf";
    for (let i = 0; i < 200; i++) deep = { d: deep, pad: "p".repeat(100) };
    const arrays = { a: Array.from({ length: 10_000 }, () => ["y".repeat(300)]) };
    for (const body of [wide, long, deep, arrays]) {
      const text = JSON.stringify(previewJson(body));
      assert.ok(text.length <= PREVIEW_MAX_CHARS, `preview of ${text.length} chars`);
    }
    assert.match(JSON.stringify(previewJson(long)), /…\[100000 chars\]/);
    // Too big even when clipped: the clipped text itself, cut, under "[preview]".
    assert.match(JSON.stringify(previewJson(wide)), /^\{"\[preview\]":"\{\\"k0\\":.*chars\]"\}$/);
    assert.match(JSON.stringify(previewJson({ a: Array.from({ length: 500 }, (_, i) => i) })), /more\]/);
  });

  it("cut text without splitting a surrogate pair", () => {
    assert.equal(cutText("ab😀", 3), "ab");
    assert.equal(cutText("ab😀", 4), "ab😀");
    const p = previewText("😀".repeat(5000));
    assert.ok(p.length <= PREVIEW_MAX_CHARS && wellFormed(p));
  });
});

import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { bind, prepare, sqlTime } from "~/server/db/sql";

describe("driver SQL statements (src/server/db/sql.ts)", () => {
  it("compiles :name parameters to positions in order of first use, reusing a repeated name", () => {
    const p = prepare("s1", `SELECT :a::uuid, :b::text::timestamp(3), :a::uuid WHERE "x" = :c`);
    assert.equal(p.text, `SELECT $1::uuid, $2::text::timestamp(3), $1::uuid WHERE "x" = $3`);
    assert.deepEqual(p.keys, ["a", "b", "c"]);
  });

  it("leaves casts alone", () => {
    const p = prepare("s2", `SELECT count(*)::int AS "n", '{}'::jsonb`);
    assert.deepEqual(p.keys, []);
    assert.equal(p.text, `SELECT count(*)::int AS "n", '{}'::jsonb`);
  });

  it("binds values by name, undefined as NULL, and refuses a missing one", () => {
    const p = prepare("s3", `SELECT :a, :b`);
    assert.deepEqual(bind(p, { a: 1, b: undefined, extra: 3 }), { name: "s3", text: "SELECT $1, $2", values: [1, null] });
    assert.throws(() => bind(p, { a: 1 }), /no value for :b/);
  });

  it("writes times as UTC ISO text", () => {
    assert.equal(sqlTime(Date.UTC(2026, 11, 2, 8, 30, 0, 123)), "2026-12-02T08:30:00.123Z");
  });
});

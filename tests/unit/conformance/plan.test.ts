/**
 * The run order: every case twice in a row, then the whole set in a seeded shuffle that the
 * printed seed reproduces exactly; the probe's order is a seeded shuffle of the saved set.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { ConformanceCase } from "~/conformance/case-types";
import { conformancePlan, probePlan } from "~/conformance/plan";
import { MAX_SEED, parseSeed, seededRandom, shuffled } from "~/conformance/random";

const cases: ConformanceCase[] = Array.from({ length: 12 }, (_, i) => ({ id: `c${i}`, title: `case ${i}`, channel: "base", body: {}, expectCodes: ["000000"] }));
const ids = (steps: { case: ConformanceCase }[]) => steps.map((s) => s.case.id);

describe("conformancePlan", () => {
  it("each case twice in a row, then every case once more in a shuffled order", () => {
    const plan = conformancePlan(cases, 99);
    assert.equal(plan.length, cases.length * 3);
    assert.deepEqual(ids(plan.slice(0, 24)), cases.flatMap((c) => [c.id, c.id]));
    assert.deepEqual(plan.slice(0, 4).map((s) => [s.phase, s.attempt]), [["repeat", 1], ["repeat", 2], ["repeat", 1], ["repeat", 2]]);
    const tail = plan.slice(24);
    assert.ok(tail.every((s) => s.phase === "shuffled" && s.attempt === 1));
    assert.deepEqual(ids(tail).sort(), cases.map((c) => c.id).sort(), "a permutation of the set");
    assert.notDeepEqual(ids(tail), cases.map((c) => c.id), "not the generation order");
    assert.deepEqual(plan.map((s) => s.index), plan.map((_, i) => i + 1));
  });

  it("the same seed gives the same order; other seeds give other orders", () => {
    assert.deepEqual(ids(conformancePlan(cases, 12345)), ids(conformancePlan(cases, 12345)));
    const orders = new Set([1, 2, 3, 4, 5].map((seed) => ids(conformancePlan(cases, seed)).join(",")));
    assert.equal(orders.size, 5);
  });

  it("the probe runs each saved case once, shuffled by its seed", () => {
    const p = probePlan(cases, 7);
    assert.equal(p.length, cases.length);
    assert.ok(p.every((s) => s.phase === "probe"));
    assert.deepEqual(ids(p), ids(probePlan(cases, 7)));
    assert.deepEqual(ids(p).sort(), cases.map((c) => c.id).sort());
  });
});

describe("seeded randomness", () => {
  it("mulberry32 is reproducible and in [0, 1)", () => {
    const a = seededRandom(42);
    const b = seededRandom(42);
    const xs = Array.from({ length: 1000 }, () => a());
    assert.deepEqual(xs, Array.from({ length: 1000 }, () => b()));
    assert.ok(xs.every((x) => x >= 0 && x < 1));
  });

  it("shuffled leaves its input alone", () => {
    const input = [1, 2, 3, 4, 5];
    shuffled(input, seededRandom(3));
    assert.deepEqual(input, [1, 2, 3, 4, 5]);
  });

  it("parseSeed takes whole numbers 1 … 2^31-1 only", () => {
    assert.equal(parseSeed("1"), 1);
    assert.equal(parseSeed(String(MAX_SEED)), MAX_SEED);
    for (const bad of ["0", "-1", "1.5", "abc", "", String(MAX_SEED + 1), "99999999999"]) assert.throws(() => parseSeed(bad), /--seed/, bad);
  });
});

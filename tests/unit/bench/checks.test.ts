/**
 * The bench's answer and ledger checks (bench/checks.ts) and its statistics and options: a wrong
 * answer or a mismatch must be caught, a right one must pass. The bench runs end to end in
 * e2e/bench-smoke.spec.ts.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { BenchFailure, checkNewInstance, checkQueryInstance, DebitTracker, ledgerProblems, meteredRemaining } from "../../../bench/checks";
import { median, percentile } from "../../../bench/load";
import { parseOptions, UsageError } from "../../../bench/options";

const appInfo = { frontEndUrl: "http://127.0.0.1:3300/", adminUrl: "http://127.0.0.1:3300/", userName: "u", password: "p", memo: "m" };
const ok = (body: unknown) => ({ status: 200, body: JSON.stringify(body) });

describe("marketplace answer checks", () => {
  const cases: Array<[string, { status: number; body: string }, boolean]> = [
    ["success with the instance", ok({ resultCode: "000000", resultMsg: "success.", instanceId: "i-1", encryptType: "1", appInfo }), true],
    ["another result code", ok({ resultCode: "000005", resultMsg: "busy", instanceId: "i-1", appInfo }), false],
    ["another instance (redelivery created a second one)", ok({ resultCode: "000000", instanceId: "i-2", appInfo }), false],
    ["no appInfo", ok({ resultCode: "000000", instanceId: "i-1" }), false],
    ["a field the protocol does not have", ok({ resultCode: "000000", instanceId: "i-1", appInfo, extra: 1 }), false],
    ["HTTP 500", { status: 500, body: "" }, false],
    ["not JSON", { status: 200, body: "<html>" }, false],
  ];
  for (const [name, answer, good] of cases) {
    it(`newInstance: ${name} → ${good ? "passes" : "BenchFailure"}`, () => {
      const run = () => checkNewInstance("app", answer, "i-1");
      if (good) run();
      else assert.throws(run, BenchFailure);
    });
  }

  const queries: Array<[string, unknown, boolean]> = [
    ["the instance", { resultCode: "000000", encryptType: "1", info: [{ instanceId: "i-1", appInfo }] }, true],
    ["not found", { resultCode: "000003", resultMsg: "no such instance" }, false],
    ["another instance", { resultCode: "000000", info: [{ instanceId: "i-9", appInfo }] }, false],
    ["two instances", { resultCode: "000000", info: [{ instanceId: "i-1", appInfo }, { instanceId: "i-2", appInfo }] }, false],
    ["without appInfo", { resultCode: "000000", info: [{ instanceId: "i-1" }] }, false],
  ];
  for (const [name, body, good] of queries) {
    it(`queryInstance: ${name} → ${good ? "passes" : "BenchFailure"}`, () => {
      const run = () => checkQueryInstance("app", ok(body), "i-1");
      if (good) run();
      else assert.throws(run, BenchFailure);
    });
  }
});

describe("metered answers", () => {
  const served = (d: Record<string, unknown>) => ok({ result: { data: { json: { replayed: false, served: 1, fromPrepaid: 1, onDemand: 0, remaining: 41, servedAt: "x", ...d } } } });
  it("reads the remaining balance of a served call", () => assert.equal(meteredRemaining("app", served({})), 41));
  for (const [name, answer] of [
    ["a replay", served({ replayed: true })],
    ["billed on demand", served({ fromPrepaid: 0, onDemand: 1 })],
    ["no balance", served({ remaining: null })],
    ["a tRPC error", { status: 403, body: JSON.stringify({ error: { json: { message: "PACKAGE_EXHAUSTED" } } }) }],
  ] as const) {
    it(`refuses ${name}`, () => assert.throws(() => meteredRemaining("app", answer), BenchFailure));
  }
});

describe("DebitTracker: remaining balances must be possible", () => {
  it("accepts any serial order of concurrent debits, including batched answers", () => {
    const t = new DebitTracker("pkg", 100);
    const a = t.send();
    const b = t.send();
    // Both in flight; either may be debited first, or both in one batch answering the same balance.
    t.answered("b", b, 99);
    t.answered("a", a, 98);
    const c = t.send();
    t.answered("a", c, 97);
    assert.equal(t.debits, 3);
  });

  const cases: Array<[string, (t: DebitTracker) => void]> = [
    ["a balance that was not debited (remaining = balance before)", (t) => t.answered("a", t.send(), 100)],
    ["a debit counted twice (lower than anything sent allows)", (t) => t.answered("a", t.send(), 98)],
    [
      "an answer older than an acknowledged debit",
      (t) => {
        t.answered("a", t.send(), 99);
        t.answered("b", t.send(), 99);
      },
    ],
    [
      "a caller whose balance rises",
      (t) => {
        const x = t.send();
        const y = t.send();
        t.answered("a", x, 98);
        t.answered("a", y, 99);
      },
    ],
    ["a fraction", (t) => t.answered("a", t.send(), 98.5)],
  ];
  for (const [name, run] of cases) {
    it(`rejects ${name}`, () => assert.throws(() => run(new DebitTracker("pkg", 100)), BenchFailure));
  }
});

describe("ledgerProblems", () => {
  it("passes when grant, ledger and debit rows equal the client's count", () => {
    assert.deepEqual(ledgerProblems("pkg", { clientDebits: 7, grantUsed: 7, ledgerSum: 7, debitRows: 7 }), []);
    assert.deepEqual(ledgerProblems("raw", { clientDebits: 7, grantUsed: 7 }), []);
  });
  for (const [name, f] of [
    ["grant.used", { clientDebits: 7, grantUsed: 8, ledgerSum: 7, debitRows: 7 }],
    ["ledger sum", { clientDebits: 7, grantUsed: 7, ledgerSum: 6, debitRows: 7 }],
    ["UsageDebit rows", { clientDebits: 7, grantUsed: 7, ledgerSum: 7, debitRows: 9 }],
  ] as const) {
    it(`names a mismatch of ${name}`, () => {
      const problems = ledgerProblems("pkg", f);
      assert.equal(problems.length, 1);
      assert.ok(problems[0]!.includes(name), problems[0]);
    });
  }
});

describe("statistics", () => {
  it("median and nearest-rank percentiles", () => {
    assert.equal(median([3, 1, 2]), 2);
    assert.equal(median([4, 1, 2, 3]), 2.5);
    const v = Array.from({ length: 100 }, (_, i) => i + 1);
    assert.equal(percentile(v, 50), 50);
    assert.equal(percentile(v, 99), 99);
    assert.equal(percentile([5], 99), 5);
  });
});

describe("bench options", () => {
  it("--quick is a short run over everything", () => {
    const o = parseOptions(["--quick"]);
    assert.ok(o !== "help");
    assert.equal(o.rounds, 1);
    assert.deepEqual(o.targets, ["postgres", "pglite"]);
    assert.deepEqual(o.concurrencies, [16, 64]);
  });
  it("filters and overrides", () => {
    const o = parseOptions(["--targets", "pglite", "--groups", "metered,marketplace", "--rounds", "3", "--seconds", "1.5", "--warmup", "6", "--port", "3720", "--no-build", "--inject", "lost-debit"]);
    assert.ok(o !== "help");
    assert.deepEqual([o.targets, o.groups, o.rounds, o.roundMs, o.warmupMs, o.basePort, o.build, o.inject], [["pglite"], ["marketplace", "metered"], 3, 1500, 6000, 3720, false, "lost-debit"]);
  });
  for (const argv of [["--rounds", "0"], ["--rounds", "2.5"], ["--warmup", "-1"], ["--targets", "mysql"], ["--groups", ""], ["--inject", "nothing"], ["--port", "65535"], ["--bogus"]]) {
    it(`refuses ${argv.join(" ")}`, () => assert.throws(() => parseOptions(argv), UsageError));
  }
});

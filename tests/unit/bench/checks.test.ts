/**
 * The bench's answer and ledger checks (bench/checks.ts) and its statistics and options: a wrong
 * answer or a mismatch must be caught, a right one must pass. The bench runs end to end in
 * e2e/bench-smoke.spec.ts.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { BenchFailure, checkNewInstance, checkQueryInstance, DebitTracker, ledgerProblems, meteredRemaining } from "../../../bench/checks";
import { median, percentile } from "../../../bench/load";
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { buildNeeded } from "../../../bench/build";
import type { Comparison } from "../../../bench/compare";
import type { SideStats } from "../../../bench/load";
import { parseOptions, UsageError } from "../../../bench/options";
import { floorTable, ratioTable } from "../../../bench/report";

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
    assert.deepEqual(o.groups, ["marketplace", "metered", "floor", "consume", "overdraft"]);
    assert.equal(o.serverWarmupMs, 0);
  });
  it("--server-warmup takes seconds, and 0 skips it", () => {
    const full = parseOptions([]);
    assert.ok(full !== "help");
    assert.equal(full.serverWarmupMs, 15_000);
    assert.deepEqual(
      ["2.5", "0"].map((s) => {
        const o = parseOptions(["--server-warmup", s]);
        return o === "help" ? o : o.serverWarmupMs;
      }),
      [2500, 0],
    );
  });
  it("filters and overrides", () => {
    const o = parseOptions(["--targets", "pglite", "--groups", "metered,marketplace", "--rounds", "3", "--seconds", "1.5", "--warmup", "6", "--port", "3720", "--no-build", "--inject", "lost-debit"]);
    assert.ok(o !== "help");
    assert.deepEqual([o.targets, o.groups, o.rounds, o.roundMs, o.warmupMs, o.basePort, o.build, o.inject], [["pglite"], ["marketplace", "metered"], 3, 1500, 6000, 3720, false, "lost-debit"]);
  });
  for (const argv of [["--rounds", "0"], ["--rounds", "2.5"], ["--warmup", "-1"], ["--server-warmup", "-1"], ["--server-warmup", "x"], ["--targets", "mysql"], ["--groups", ""], ["--inject", "nothing"], ["--port", "65535"], ["--port", "65532"], ["--bogus"]]) {
    it(`refuses ${argv.join(" ")}`, () => assert.throws(() => parseOptions(argv), UsageError));
  }
});

describe("the Next.js floor table", () => {
  const stats = (median: number): SideStats => ({ rounds: [median], median, p50: 10, p99: 20, ops: 100 });
  const row = (group: Comparison["group"], scenario: string, app: number, baseline: number): Comparison => ({
    group,
    target: "postgres",
    scenario,
    concurrency: 16,
    app: stats(app),
    baseline: stats(baseline),
    loadBefore: 1,
    loadAfter: 1,
  });
  const rows = [
    row("metered", "metered", 300, 600),
    row("marketplace", "query", 400, 800),
    row("floor", "metered", 360, 600),
    row("floor", "query", 480, 400),
  ];
  const line = (table: string, scenario: string) => table.split("\n").find((l) => l.startsWith(`| ${scenario} |`));

  it("puts the floor beside the app: floor ÷ baseline, app ÷ baseline and their quotient", () => {
    // metered: floor 0.60×, app 0.50× → app ÷ floor 0.83×; the 1× target is above the floor.
    assert.equal(line(floorTable(rows), "metered"), "| metered | 16 | 360 | 600 | 0.60× | 0.50× | 0.83× | ≥ 1× (above the floor) | 10.0 / 20.0 |");
    // query: floor 1.20×, app 0.50× → 0.42×; the 0.5× target is below the floor.
    assert.equal(line(floorTable(rows), "query"), "| query | 16 | 480 | 400 | 1.20× | 0.50× | 0.42× | ≥ 0.5× | 10.0 / 20.0 |");
  });
  it("shows dashes where the app did not run the scenario, and keeps floor rows out of the app's ratio table", () => {
    const alone = floorTable([row("floor", "metered", 360, 600)]);
    assert.equal(line(alone, "metered"), "| metered | 16 | 360 | 600 | 0.60× | – | – | – | 10.0 / 20.0 |");
    assert.equal(ratioTable(rows).split("\n").filter((l) => l.startsWith("| metered |")).length, 1);
    assert.match(line(ratioTable(rows), "metered") ?? "", /0\.50× ✗ \(≥ 1×\)/);
  });
});

describe("buildNeeded", () => {
  const root = mkdtempSync(path.join(os.tmpdir(), "koo-bench-build-"));
  const floor = path.join(root, "floor");
  mkdirSync(path.join(floor, "app"), { recursive: true });
  mkdirSync(path.join(root, "shared"), { recursive: true });
  const source = path.join(root, "shared", "handler.ts");
  writeFileSync(source, "export {};");
  const at = (file: string, seconds: number) => utimesSync(file, seconds, seconds);

  it("asks for a build of a folder without one, names a newer source, and accepts an up-to-date build", () => {
    try {
      assert.equal(buildNeeded(root, "floor", ["floor/app", "shared"]), "there is no production build (floor/.next/BUILD_ID)");
      mkdirSync(path.join(floor, ".next"));
      const buildId = path.join(floor, ".next", "BUILD_ID");
      writeFileSync(buildId, "x");
      at(source, 2_000_000_000);
      at(buildId, 1_900_000_000);
      assert.equal(buildNeeded(root, "floor", ["floor/app", "shared"]), "shared/handler.ts is newer than the production build of floor");
      at(buildId, 2_100_000_000);
      assert.equal(buildNeeded(root, "floor", ["floor/app", "shared"]), null);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});

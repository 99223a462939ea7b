/**
 * npm run bench — the app's hot paths over HTTP against the production build, next to bare
 * baseline servers doing the same SQL and crypto work, on PostgreSQL and on PGlite. What is
 * measured and why: README "Benchmarks". Options: bench/options.ts (`--help`).
 *
 * Exit codes: 0 all answers and ledgers checked; 1 a wrong answer, a ledger ≠ debits mismatch,
 * an overdraft, or a server that failed; 2 bad options.
 */
import { mkdirSync } from "node:fs";
import path from "node:path";
import { ensureBuild } from "./build";
import { BenchFailure } from "./checks";
import type { Comparison } from "./compare";
import { postgresReachable } from "./databases";
import { HELP, parseOptions, UsageError, type BenchOptions, type TargetName } from "./options";
import { detailTable, floorTable, header, ratioTable, runInfo } from "./report";
import type { OverdraftResult } from "./scenarios/overdraft";
import { BENCH_SECRETS } from "./secrets";
import { runTarget } from "./target";

const log = (line: string) => console.log(`[bench ${new Date().toISOString().slice(11, 19)}] ${line}`);

async function main(opts: BenchOptions): Promise<void> {
  // This process also runs app code (seeding, consume()): the same secrets as the servers.
  Object.assign(process.env, BENCH_SECRETS);
  const info = runInfo();
  const plan = { rounds: opts.rounds, roundMs: opts.roundMs, warmupMs: opts.warmupMs, serverWarmupMs: opts.serverWarmupMs };
  console.log(header(info, plan, opts.quick));
  // Only the HTTP groups run the production build; consume and overdraft run app code in process.
  if (opts.groups.includes("marketplace") || opts.groups.includes("metered")) ensureBuild(opts.build, log);
  const logDir = path.join(".data", "bench", info.date.replace(/[:]/g, "-"));
  mkdirSync(logDir, { recursive: true });

  const skipped: string[] = [];
  const targets: TargetName[] = [];
  for (const t of opts.targets) {
    if (t === "postgres" && !(await postgresReachable(opts.pgAdminUrl))) skipped.push(`PostgreSQL skipped: not reachable at ${opts.pgAdminUrl} (--pg-admin-url)`);
    else targets.push(t);
  }
  skipped.forEach((s) => log(s));

  const comparisons: Comparison[] = [];
  const checks: string[] = [];
  let overdraft: OverdraftResult | undefined;
  for (const target of targets) {
    const r = await runTarget(target, opts, logDir, log);
    comparisons.push(...r.comparisons);
    checks.push(...r.checks);
    overdraft ??= r.overdraft;
  }

  console.log(`\n${header(info, plan, opts.quick)}\n`);
  if (comparisons.some((c) => c.group !== "floor")) {
    console.log(`${detailTable(comparisons)}\n\n${ratioTable(comparisons)}\n`);
  }
  if (comparisons.some((c) => c.group === "floor")) console.log(`${floorTable(comparisons)}\n`);
  if (overdraft) console.log(`Overdraft: ${overdraft.line} (${Math.round(overdraft.debitsPerSecond)} debits/s over all processes)\n`);
  console.log(`Checks passed:\n${checks.map((c) => `- ${c}`).join("\n")}`);
  for (const s of skipped) console.log(`NOTE: ${s}`);
  console.log("\nbench: all answers and ledgers checked ✓");
}

let opts: BenchOptions | "help";
try {
  opts = parseOptions(process.argv.slice(2));
} catch (err) {
  if (!(err instanceof UsageError)) throw err;
  console.error(`bench: ${err.message}`);
  process.exit(2);
}
if (opts === "help") {
  console.log(HELP);
  process.exit(0);
}
try {
  await main(opts);
  process.exit(0);
} catch (err) {
  if (err instanceof BenchFailure) console.error(`\nbench FAILED: ${err.message}`);
  else console.error("\nbench FAILED:", err);
  process.exit(1);
}

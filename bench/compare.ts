/**
 * One comparison: the app's operation and its baseline at one concurrency, in interleaved rounds
 * (a warm-up round each, then app, baseline, app, baseline …), with the load average before and
 * after and a progress line per round.
 */
import { BenchFailure } from "./checks";
import { loadAverage, runRound, sideStats, type Op, type RoundResult, type SideStats } from "./load";
import type { GroupName, TargetName } from "./options";

export interface ComparisonSpec {
  group: GroupName;
  target: TargetName;
  scenario: string;
  concurrency: number;
  app: Op;
  baseline: Op;
  /** What the "app" side is, in the progress lines (the floor group measures the Next.js floor there). */
  appLabel?: string;
}

export interface Comparison extends Omit<ComparisonSpec, "app" | "baseline"> {
  app: SideStats;
  baseline: SideStats;
  loadBefore: number;
  loadAfter: number;
}

export interface RoundPlan {
  rounds: number;
  roundMs: number;
  warmupMs: number;
}

const rate = (r: RoundResult) => r.ops / r.seconds;
const fmtRate = (n: number) => (n >= 100 ? Math.round(n).toLocaleString("en-US") : n.toFixed(1));

async function side(name: string, op: Op, concurrency: number, ms: number): Promise<RoundResult> {
  try {
    return await runRound(op, concurrency, ms);
  } catch (err) {
    if (err instanceof BenchFailure) throw err;
    throw new BenchFailure(`${name}: ${(err as Error).message}`);
  }
}

export async function compare(spec: ComparisonSpec, plan: RoundPlan, log: (line: string) => void): Promise<Comparison> {
  const title = `${spec.target} · ${spec.scenario} · concurrency ${spec.concurrency}`;
  const who = spec.appLabel ?? "app";
  const loadBefore = loadAverage();
  log(`${title} (load average ${loadBefore.toFixed(2)})`);
  await side(`${spec.scenario} (${who}, warm-up)`, spec.app, spec.concurrency, plan.warmupMs);
  await side(`${spec.scenario} (baseline, warm-up)`, spec.baseline, spec.concurrency, plan.warmupMs);
  const app: RoundResult[] = [];
  const baseline: RoundResult[] = [];
  for (let r = 1; r <= plan.rounds; r++) {
    app.push(await side(`${spec.scenario} (${who})`, spec.app, spec.concurrency, plan.roundMs));
    baseline.push(await side(`${spec.scenario} (baseline)`, spec.baseline, spec.concurrency, plan.roundMs));
    log(`  round ${r}/${plan.rounds}: ${who} ${fmtRate(rate(app.at(-1)!))}/s, baseline ${fmtRate(rate(baseline.at(-1)!))}/s`);
  }
  const result: Comparison = { ...spec, app: sideStats(app), baseline: sideStats(baseline), loadBefore, loadAfter: loadAverage() };
  log(`  → ${who} ${fmtRate(result.app.median)}/s (p99 ${result.app.p99.toFixed(1)} ms), baseline ${fmtRate(result.baseline.median)}/s (p99 ${result.baseline.p99.toFixed(1)} ms): ${(result.app.median / result.baseline.median).toFixed(2)}×`);
  return result;
}

export { fmtRate };

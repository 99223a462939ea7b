/**
 * The bench's report: what was measured where (commit, date, machine, load), one row per
 * comparison, the ratio table app ÷ baseline with the targets of docs (README "Benchmarks"), and
 * the correctness checks that passed.
 */
import { execSync } from "node:child_process";
import os from "node:os";
import type { Comparison, RoundPlan } from "./compare";
import { fmtRate } from "./compare";
import type { TargetName } from "./options";

export interface RunInfo {
  commit: string;
  date: string;
  machine: string;
  loadAtStart: number;
}

function git(cmd: string): string {
  try {
    return execSync(`git ${cmd}`, { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim();
  } catch {
    return "";
  }
}

export function runInfo(): RunInfo {
  const head = git("rev-parse --short HEAD") || "unknown";
  const dirty = git("status --porcelain") !== "";
  const cpus = os.cpus();
  return {
    commit: dirty ? `${head} (dirty)` : head,
    date: new Date().toISOString().replace(/\.\d+Z$/, "Z"),
    machine: `node ${process.version}, ${cpus.length} × ${cpus[0]?.model.trim() ?? "?"}`,
    loadAtStart: os.loadavg()[0]!,
  };
}

export function header(info: RunInfo, plan: RoundPlan & { serverWarmupMs?: number }, quick: boolean): string {
  const servers = plan.serverWarmupMs ? ` (HTTP servers first warmed up for ${plan.serverWarmupMs / 1000} s each)` : "";
  return [
    `# npm run bench${quick ? " --quick (smoke run: figures are not meaningful)" : ""}`,
    `commit ${info.commit} · ${info.date} · ${info.machine} · load average ${info.loadAtStart.toFixed(2)} at start`,
    `${plan.rounds} rounds × ${plan.roundMs / 1000} s per side, interleaved app/baseline, after a ${plan.warmupMs / 1000} s warm-up each${servers}`,
  ].join("\n");
}

/** Targets of the performance work (README "Benchmarks"), on PostgreSQL. */
export function targetRatio(c: Pick<Comparison, "group" | "target">): number | undefined {
  if (c.target !== "postgres") return undefined;
  return { marketplace: 0.5, metered: 1.0, consume: 5.0, floor: undefined, overdraft: undefined }[c.group];
}

/** p99 target at concurrency 16 over HTTP on PostgreSQL (on a quiet machine). */
export const P99_TARGET_MS = 25;

const DB: Record<TargetName, string> = { postgres: "PostgreSQL", pglite: "PGlite" };
const ms = (n: number) => n.toFixed(1);
/** The app side's median throughput over the baseline's (the floor's, in the floor group). */
const ratioOf = (c: Comparison) => c.app.median / c.baseline.median;

function ratioCell(c: Comparison): string {
  const ratio = ratioOf(c);
  const target = targetRatio(c);
  return target === undefined ? `${ratio.toFixed(2)}×` : `${ratio.toFixed(2)}× ${ratio >= target ? "✓" : "✗"} (≥ ${target}×)`;
}

export function detailTable(all: Comparison[]): string {
  const rows = all.filter((c) => c.group !== "floor");
  const lines = [
    "| scenario | database | conc. | app /s | baseline /s | app ÷ baseline | app p50 / p99 ms | baseline p50 / p99 ms | load avg before → after |",
    "|---|---|---:|---:|---:|---|---|---|---|",
  ];
  for (const c of rows) {
    const p99Mark = c.group !== "consume" && c.target === "postgres" && c.concurrency === 16 ? (c.app.p99 < P99_TARGET_MS ? " ✓" : " ✗") : "";
    lines.push(
      `| ${c.scenario} | ${DB[c.target]} | ${c.concurrency} | ${fmtRate(c.app.median)} | ${fmtRate(c.baseline.median)} | ${ratioCell(c)} | ${ms(c.app.p50)} / ${ms(c.app.p99)}${p99Mark} | ${ms(c.baseline.p50)} / ${ms(c.baseline.p99)} | ${c.loadBefore.toFixed(2)} → ${c.loadAfter.toFixed(2)} |`,
    );
  }
  return lines.join("\n");
}

/** app ÷ baseline, one row per scenario and concurrency, one column per database. */
export function ratioTable(all: Comparison[]): string {
  const rows = all.filter((c) => c.group !== "floor");
  const targets = [...new Set(rows.map((r) => r.target))];
  const keys = [...new Set(rows.map((r) => `${r.scenario}\u0000${r.concurrency}`))];
  const lines = [`| app ÷ baseline | conc. | ${targets.map((t) => DB[t]).join(" | ")} |`, `|---|---:|${targets.map(() => "---|").join("")}`];
  for (const key of keys) {
    const [scenario, conc] = key.split("\u0000");
    const cells = targets.map((t) => {
      const c = rows.find((r) => r.target === t && r.scenario === scenario && String(r.concurrency) === conc);
      return c ? ratioCell(c) : "–";
    });
    lines.push(`| ${scenario} | ${conc} | ${cells.join(" | ")} |`);
  }
  return lines.join("\n");
}

/**
 * The Next.js floor (the `floor` group): the baseline's own handlers inside a bare Next.js app,
 * against the baseline — what the baseline's work reaches once Next.js routes it — and, where
 * the app ran the same scenario, the app's ratio beside it. Each ratio comes from its own
 * interleaved comparison; app ÷ floor is their quotient.
 */
export function floorTable(all: Comparison[]): string {
  const floors = all.filter((c) => c.group === "floor");
  const lines = [
    "| Next.js floor | conc. | floor /s | baseline /s | floor ÷ baseline | app ÷ baseline | app ÷ floor | app target | floor p50 / p99 ms |",
    "|---|---:|---:|---:|---:|---:|---:|---|---|",
  ];
  for (const f of floors) {
    const floorRatio = ratioOf(f);
    const app = all.find((c) => c.group !== "floor" && c.target === f.target && c.scenario === f.scenario && c.concurrency === f.concurrency);
    const appRatio = app ? ratioOf(app) : undefined;
    const target = app ? targetRatio(app) : undefined;
    lines.push(
      `| ${f.scenario} | ${f.concurrency} | ${fmtRate(f.app.median)} | ${fmtRate(f.baseline.median)} | ${floorRatio.toFixed(2)}× | ${appRatio === undefined ? "–" : `${appRatio.toFixed(2)}×`} | ${appRatio === undefined ? "–" : `${(appRatio / floorRatio).toFixed(2)}×`} | ${target === undefined ? "–" : `≥ ${target}×${floorRatio < target ? " (above the floor)" : ""}`} | ${ms(f.app.p50)} / ${ms(f.app.p99)} |`,
    );
  }
  return lines.join("\n");
}

/**
 * The console report: one progress line per step while the run goes on, then a summary with
 * counts, the failures grouped by case, warnings, skipped cases and how to reproduce the order.
 */
import type { StepResult } from "../runner";
import { summarise, type ConformanceReport } from "./model";

export function progressLine(r: StepResult, total: number): string {
  const width = String(total).length;
  const mark = r.ok ? "✓" : "✗";
  const code = r.resultCode ?? (r.httpStatus ? `HTTP ${r.httpStatus}` : "—");
  const head = `[${String(r.index).padStart(width)}/${total}] ${mark} ${r.phase.padEnd(8)} ${r.caseId.padEnd(34)} ${code.padEnd(8)} ${String(r.ms).padStart(5)} ms`;
  const lines = [head];
  for (const f of r.failures) lines.push(`${" ".repeat(width * 2 + 5)}✗ ${f}`);
  return lines.join("\n");
}

export function summaryText(report: ConformanceReport): string {
  const s = summarise(report);
  const lines: string[] = [];
  lines.push("");
  lines.push(`KooGallery conformance — ${report.probe ? "probe" : `mode ${report.mode}`} — ${report.url}`);
  lines.push(`${s.cases} case(s), ${s.steps} call(s): ${s.passedSteps} passed, ${s.failedSteps} failed, ${s.warnings} warning(s)${report.stopped ? " (stopped at the first failure)" : ""}`);
  for (const skip of report.skipped) lines.push(`  ${skip}`);
  // Each distinct warning once per case (a case runs three times).
  const warned = new Map<string, Set<string>>();
  for (const step of report.steps) {
    if (!step.warnings.length) continue;
    const set = warned.get(step.caseId) ?? new Set<string>();
    for (const w of step.warnings) set.add(w);
    warned.set(step.caseId, set);
  }
  if (warned.size) {
    lines.push("Warnings:");
    for (const [id, ws] of warned) for (const w of ws) lines.push(`  ! ${id}: ${w}`);
  }
  if (s.failedCases.length) {
    lines.push("Failures:");
    for (const id of s.failedCases) {
      const steps = report.steps.filter((x) => x.caseId === id && !x.ok);
      lines.push(`  ✗ ${id} — ${steps[0]!.title} (${steps.length} failing call(s), first #${steps[0]!.index} ${steps[0]!.phase})`);
      for (const f of new Set(steps.flatMap((x) => x.failures))) lines.push(`      ${f}`);
    }
  }
  lines.push(`Seed ${report.seed} (repeat this order with --seed ${report.seed}).`);
  lines.push(s.passed ? "PASSED" : "FAILED");
  return lines.join("\n");
}

/**
 * The result of one run, as every writer (text, JUnit, HTML, the /admin report) sees it.
 */
import type { Mode } from "../modes";
import type { RunOutcome, StepResult } from "../runner";

export interface ConformanceReport {
  mode: Mode;
  /** The production address tested. */
  url: string;
  seed: number;
  probe: boolean;
  startedAt: Date;
  finishedAt: Date;
  /** Cases left out, with the reason (e.g. applicationSync without a public key). */
  skipped: string[];
  steps: StepResult[];
  /** First instanceId answered per newInstance case. */
  instanceIds: Record<string, string>;
  stopped: boolean;
}

export interface Summary {
  steps: number;
  passedSteps: number;
  failedSteps: number;
  warnings: number;
  cases: number;
  /** Ids of cases with at least one failing step, in first-failure order. */
  failedCases: string[];
  passed: boolean;
}

export function buildReport(fields: Omit<ConformanceReport, "steps" | "instanceIds" | "stopped">, outcome: RunOutcome): ConformanceReport {
  return { ...fields, steps: outcome.steps, instanceIds: Object.fromEntries(outcome.instanceIds), stopped: outcome.stopped };
}

export function summarise(report: Pick<ConformanceReport, "steps">): Summary {
  const failed = report.steps.filter((s) => !s.ok);
  const failedCases = [...new Set(failed.map((s) => s.caseId))];
  return {
    steps: report.steps.length,
    passedSteps: report.steps.length - failed.length,
    failedSteps: failed.length,
    warnings: report.steps.reduce((n, s) => n + s.warnings.length, 0),
    cases: new Set(report.steps.map((s) => s.caseId)).size,
    failedCases,
    passed: report.steps.length > 0 && failed.length === 0,
  };
}

/** "case (phase #n): first failure" of the first failing step, for one-line summaries. */
export function firstFailure(report: Pick<ConformanceReport, "steps">): string | undefined {
  const s = report.steps.find((x) => !x.ok);
  return s ? `${s.caseId} (${s.phase} #${s.index}): ${s.failures[0] ?? "failed"}` : undefined;
}

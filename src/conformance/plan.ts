/**
 * The order cases are sent in, as the console and its probe do: every case twice in a row (a
 * redelivery and a re-run of a saved case with unchanged parameters), then the whole set again in
 * a shuffled order — each interface must succeed whatever ran before it.
 */
import type { ConformanceCase } from "./case-types";
import { seededRandom, shuffled } from "./random";

export type Phase = "repeat" | "shuffled" | "probe";

export interface PlannedStep {
  /** 1-based position in the run. */
  index: number;
  phase: Phase;
  /** 1 or 2 within the repeat phase, 1 otherwise. */
  attempt: number;
  case: ConformanceCase;
}

export function conformancePlan(cases: readonly ConformanceCase[], seed: number): PlannedStep[] {
  const steps: Omit<PlannedStep, "index">[] = [];
  for (const c of cases) for (const attempt of [1, 2]) steps.push({ phase: "repeat", attempt, case: c });
  for (const c of shuffled(cases, seededRandom(seed))) steps.push({ phase: "shuffled", attempt: 1, case: c });
  return steps.map((s, i) => ({ ...s, index: i + 1 }));
}

/** The probe: each saved case once, in a shuffled order (the marketplace keeps no order either). */
export function probePlan(cases: readonly ConformanceCase[], seed: number): PlannedStep[] {
  return shuffled(cases, seededRandom(seed)).map((c, i) => ({ index: i + 1, phase: "probe", attempt: 1, case: c }));
}

/** What a check found: failures fail the case; warnings are printed but pass (unconfirmed rules). */
export interface Verdict {
  failures: string[];
  warnings: string[];
}

export const emptyVerdict = (): Verdict => ({ failures: [], warnings: [] });

export function merge(into: Verdict, from: Verdict, prefix = ""): Verdict {
  into.failures.push(...from.failures.map((f) => prefix + f));
  into.warnings.push(...from.warnings.map((w) => prefix + w));
  return into;
}

/**
 * JUnit XML for an ISV's CI: one <testsuite> per phase (repeat, shuffled, or probe), one
 * <testcase> per call, named by case id, with every failure in the <failure> text and the request
 * and answer (secrets redacted) in <system-out>. Skipped cases appear as <skipped/>.
 */
import type { StepResult } from "../runner";
import { escapeMarkup as x } from "./escape";
import { summarise, type ConformanceReport } from "./model";

const secs = (ms: number) => (ms / 1000).toFixed(3);

function testcase(r: StepResult, mode: string): string {
  const name = `#${r.index} ${r.caseId} — ${r.title}${r.phase === "repeat" ? ` (run ${r.attempt})` : ""}`;
  const out = `request: ${JSON.stringify(r.request ?? null)}\nanswer: ${r.answer ?? ""}`;
  const failure = r.ok ? "" : `\n      <failure message="${x(r.failures[0] ?? "failed")}" type="conformance">${x(r.failures.join("\n"))}</failure>`;
  return `    <testcase classname="koogallery.conformance.${x(mode)}" name="${x(name)}" time="${secs(r.ms)}">${failure}\n      <system-out>${x(out)}</system-out>\n    </testcase>`;
}

export function junitXml(report: ConformanceReport): string {
  const s = summarise(report);
  const phases = [...new Set(report.steps.map((r) => r.phase))];
  const props = [
    ["url", report.url],
    ["mode", report.mode],
    ["seed", String(report.seed)],
  ]
    .map(([k, v]) => `      <property name="${x(k!)}" value="${x(v!)}"/>`)
    .join("\n");
  const suites = phases.map((phase, i) => {
    const steps = report.steps.filter((r) => r.phase === phase);
    const failures = steps.filter((r) => !r.ok).length;
    const skipped = i === 0 ? report.skipped : [];
    const time = steps.reduce((t, r) => t + r.ms, 0);
    const skippedCases = skipped.map((why) => `    <testcase classname="koogallery.conformance.${x(report.mode)}" name="${x(why)}" time="0">\n      <skipped message="${x(why)}"/>\n    </testcase>`);
    return [
      `  <testsuite name="koogallery.conformance.${x(report.mode)}.${phase}" tests="${steps.length + skipped.length}" failures="${failures}" errors="0" skipped="${skipped.length}" time="${secs(time)}" timestamp="${report.startedAt.toISOString()}">`,
      `    <properties>\n${props}\n    </properties>`,
      ...steps.map((r) => testcase(r, report.mode)),
      ...skippedCases,
      "  </testsuite>",
    ].join("\n");
  });
  const total = report.finishedAt.getTime() - report.startedAt.getTime();
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="koogallery-conformance" tests="${s.steps + report.skipped.length}" failures="${s.failedSteps}" errors="0" time="${secs(total)}">`,
    ...suites,
    "</testsuites>",
    "",
  ].join("\n");
}

/**
 * A self-contained HTML report (inline CSS, no script, no external resource): the verdict, the
 * counts, skipped cases, the failures by case, and every call with its request and answer
 * (secrets redacted) folded in <details>.
 */
import type { StepResult } from "../runner";
import { escapeMarkup as e } from "./escape";
import { summarise, type ConformanceReport } from "./model";

const CSS = `
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;margin:2rem;color:#1e293b}
h1{font-size:1.4rem;margin:0 0 .25rem}.muted{color:#64748b}
.verdict{display:inline-block;padding:.2rem .6rem;border-radius:.3rem;font-weight:600}
.pass{background:#dcfce7;color:#166534}.fail{background:#fee2e2;color:#991b1b}
table{border-collapse:collapse;width:100%;margin-top:1rem}th,td{border-bottom:1px solid #e2e8f0;padding:.3rem .5rem;text-align:left;vertical-align:top}
tr.bad td{background:#fef2f2}code,pre{font-family:ui-monospace,monospace;font-size:12px}pre{white-space:pre-wrap;word-break:break-all;background:#f1f5f9;padding:.4rem;margin:.3rem 0}
ul.fails{margin:.2rem 0;padding-left:1.2rem;color:#991b1b}ul.warns{margin:.2rem 0;padding-left:1.2rem;color:#92400e}
`;

function row(r: StepResult): string {
  const fails = r.failures.length ? `<ul class="fails">${r.failures.map((f) => `<li>${e(f)}</li>`).join("")}</ul>` : "";
  const warns = r.warnings.length ? `<ul class="warns">${r.warnings.map((w) => `<li>${e(w)}</li>`).join("")}</ul>` : "";
  const detail = `<details><summary>request / answer</summary><pre>${e(JSON.stringify(r.request ?? null, null, 2))}</pre><pre>${e(r.answer ?? "")}</pre></details>`;
  return `<tr class="${r.ok ? "ok" : "bad"}"><td>${r.index}</td><td>${r.ok ? "✓" : "✗"}</td><td>${e(r.phase)}${r.phase === "repeat" ? ` ${r.attempt}` : ""}</td><td><code>${e(r.caseId)}</code><br>${e(r.title)}${fails}${warns}${detail}</td><td>${e(r.resultCode ?? "—")}</td><td>${r.httpStatus ?? "—"}</td><td>${r.ms}</td></tr>`;
}

export function htmlReport(report: ConformanceReport): string {
  const s = summarise(report);
  const title = `KooGallery conformance — ${report.probe ? "probe" : report.mode}`;
  const failures = s.failedCases
    .map((id) => {
      const steps = report.steps.filter((x) => x.caseId === id && !x.ok);
      return `<li><code>${e(id)}</code> ${e(steps[0]!.title)}<ul class="fails">${[...new Set(steps.flatMap((x) => x.failures))].map((f) => `<li>${e(f)}</li>`).join("")}</ul></li>`;
    })
    .join("");
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${e(title)}</title><style>${CSS}</style></head>
<body>
<h1>${e(title)}</h1>
<p class="muted">${e(report.url)} · ${e(report.startedAt.toISOString())} – ${e(report.finishedAt.toISOString())} · seed ${report.seed} (<code>--seed ${report.seed}</code> repeats this order)</p>
<p><span class="verdict ${s.passed ? "pass" : "fail"}">${s.passed ? "PASSED" : "FAILED"}</span> ${s.cases} case(s), ${s.steps} call(s): ${s.passedSteps} passed, ${s.failedSteps} failed, ${s.warnings} warning(s)${report.stopped ? " — stopped at the first failure" : ""}</p>
${report.skipped.length ? `<ul>${report.skipped.map((x) => `<li>${e(x)}</li>`).join("")}</ul>` : ""}
${failures ? `<h2>Failures</h2><ul>${failures}</ul>` : ""}
<h2>Calls</h2>
<table><thead><tr><th>#</th><th></th><th>phase</th><th>case</th><th>resultCode</th><th>HTTP</th><th>ms</th></tr></thead>
<tbody>
${report.steps.map(row).join("\n")}
</tbody></table>
</body></html>
`;
}

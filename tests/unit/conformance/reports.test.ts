/**
 * Report writers: the console summary (counts, failures by case, skipped cases, the seed), JUnit
 * XML with one suite per phase and escaped text, and a self-contained HTML page that escapes
 * what the deployment answered.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { escapeMarkup } from "~/conformance/report/escape";
import { htmlReport } from "~/conformance/report/html";
import { junitXml } from "~/conformance/report/junit";
import { summarise, type ConformanceReport } from "~/conformance/report/model";
import { progressLine, summaryText } from "~/conformance/report/text";
import type { StepResult } from "~/conformance/runner";

const HOSTILE = `<script>alert("x")</script> & 'quotes' \u0001`;
const step = (over: Partial<StepResult>): StepResult => ({
  index: 1, phase: "repeat", attempt: 1, caseId: "period.newInstance", title: "newInstance (新购)", channel: "base",
  ok: true, failures: [], warnings: [], httpStatus: 200, resultCode: "000000", resultMsg: "success.", ms: 12, request: { activity: "newInstance" }, answer: "{}", ...over,
});

function report(steps: StepResult[], over: Partial<ConformanceReport> = {}): ConformanceReport {
  return {
    mode: "period", url: "https://isv.example.com/api/marketplace", seed: 4242, probe: false,
    startedAt: new Date("2026-12-02T10:00:00Z"), finishedAt: new Date("2026-12-02T10:00:03Z"),
    skipped: ["skipped: applicationSync — no public key (pass --public-key <pem file>)"], steps, instanceIds: {}, stopped: false, ...over,
  };
}

const passing = report([step({ index: 1 }), step({ index: 2, attempt: 2 }), step({ index: 3, phase: "shuffled" })]);
const failing = report([
  step({ index: 1 }),
  step({ index: 2, caseId: "period.refresh.renewal", title: "refreshInstance RENEWAL", ok: false, resultCode: "000003", failures: [`resultCode 000003 (${HOSTILE}), expected 000000`], answer: HOSTILE }),
  step({ index: 3, phase: "shuffled", caseId: "period.refresh.renewal", title: "refreshInstance RENEWAL", ok: false, failures: ["HTTP 500, expected 200"], warnings: ["unexpected field(s) x"] }),
]);

describe("summary and text", () => {
  it("counts steps, cases and failing cases", () => {
    assert.deepEqual(summarise(failing), { steps: 3, passedSteps: 1, failedSteps: 2, warnings: 1, cases: 2, failedCases: ["period.refresh.renewal"], passed: false });
    assert.equal(summarise(passing).passed, true);
    assert.equal(summarise(report([])).passed, false, "an empty run proves nothing");
  });

  it("a progress line per step, the failures under it", () => {
    const line = progressLine(failing.steps[1]!, 120);
    assert.match(line, /^\[  2\/120\] ✗ repeat   period\.refresh\.renewal\s+000003\s+12 ms\n\s+✗ resultCode 000003/);
    assert.match(progressLine(passing.steps[0]!, 3), /^\[1\/3\] ✓ repeat   period\.newInstance/);
  });

  it("the summary names each failing case once with its distinct failures, the skips, and the seed", () => {
    const text = summaryText(failing);
    assert.match(text, /3 call\(s\): 1 passed, 2 failed, 1 warning\(s\)/);
    assert.match(text, /✗ period\.refresh\.renewal — refreshInstance RENEWAL \(2 failing call\(s\), first #2 repeat\)/);
    assert.match(text, /HTTP 500, expected 200/);
    assert.match(text, /skipped: applicationSync/);
    assert.match(text, /Seed 4242 \(repeat this order with --seed 4242\)/);
    assert.match(text, /FAILED$/);
    assert.match(summaryText(passing), /PASSED$/);
  });
});

describe("JUnit XML", () => {
  const xml = junitXml(failing);
  it("one suite per phase with counts; failures carry the message; skipped cases are <skipped/>", () => {
    assert.match(xml, /^<\?xml version="1\.0" encoding="UTF-8"\?>\n<testsuites name="koogallery-conformance" tests="4" failures="2" errors="0" time="3\.000">/);
    assert.match(xml, /<testsuite name="koogallery\.conformance\.period\.repeat" tests="3" failures="1" errors="0" skipped="1"/);
    assert.match(xml, /<testsuite name="koogallery\.conformance\.period\.shuffled" tests="1" failures="1" errors="0" skipped="0"/);
    assert.match(xml, /<failure message="HTTP 500, expected 200" type="conformance">HTTP 500, expected 200<\/failure>/);
    assert.match(xml, /<skipped message="skipped: applicationSync — no public key \(pass --public-key &lt;pem file&gt;\)"\/>/);
    assert.match(xml, /<property name="seed" value="4242"\/>/);
  });
  it("escapes the answer's markup and drops characters XML cannot hold", () => {
    assert.doesNotMatch(xml, /<script>/);
    assert.doesNotMatch(xml, /\u0001/);
    assert.match(xml, /&lt;script&gt;alert\(&quot;x&quot;\)&lt;\/script&gt; &amp; &#39;quotes&#39;/);
  });
  it("is balanced: every opened element is closed", () => {
    const stack: string[] = [];
    for (const m of xml.matchAll(/<(\/?)([a-z-]+)[^>]*?(\/?)>/g)) {
      if (m[3]) continue;
      if (m[1]) assert.equal(stack.pop(), m[2]);
      else stack.push(m[2]!);
    }
    assert.deepEqual(stack, []);
  });
});

describe("HTML report", () => {
  const html = htmlReport(failing);
  it("is self-contained: inline style, no script, no external resource", () => {
    assert.match(html, /^<!doctype html>/);
    assert.match(html, /<style>/);
    assert.doesNotMatch(html, /<script/i);
    assert.doesNotMatch(html, /(src|href)=/i);
  });
  it("shows the verdict, counts, skips, failures and every call, escaped", () => {
    assert.match(html, /<span class="verdict fail">FAILED<\/span> 2 case\(s\), 3 call\(s\): 1 passed, 2 failed/);
    assert.match(html, /--seed 4242/);
    assert.match(html, /<h2>Failures<\/h2>/);
    assert.equal(html.match(/<tr class="/g)?.length, 3);
    assert.match(html, /&lt;script&gt;alert/);
    assert.match(htmlReport(passing), /<span class="verdict pass">PASSED<\/span>/);
  });
});

describe("escapeMarkup", () => {
  it("keeps valid surrogate pairs and replaces lone ones", () => {
    assert.equal(escapeMarkup("😀"), "😀");
    assert.equal(escapeMarkup("a\uD800b"), "a\uFFFDb");
    assert.equal(escapeMarkup("tab\tnl\n"), "tab\tnl\n");
  });
});

/**
 * Saved case sets: the run's cases with variables resolved and newInstance pinned to its
 * instance, written and read back unchanged; malformed, oversized or unresolved files refused.
 */
import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { CASE_FILE_FORMAT, casesToSave, MAX_CASE_FILE_BYTES, parseCaseFile, readCaseFile, writeCaseFile } from "~/conformance/case-file";
import { generateCases } from "~/conformance/scenarios";

const dir = mkdtempSync(join(tmpdir(), "case-file-"));
after(() => rmSync(dir, { recursive: true, force: true }));
const set = generateCases({ mode: "period", nowMs: Date.UTC(2026, 11, 2) });
const bindings = new Map([
  ["instance.main", "main-1"],
  ["instance.trial", "trial-1"],
]);
const ids = new Map([
  ["period.newInstance", "main-1"],
  ["period.newInstance.trial", "trial-1"],
]);

describe("case files", () => {
  it("casesToSave resolves variables, pins newInstance, drops captures", () => {
    const saved = casesToSave(set.cases, bindings, ids);
    const main = saved.find((c) => c.id === "period.newInstance")!;
    assert.equal(main.expectInstanceId, "main-1");
    assert.equal(main.captureInstanceId, undefined);
    assert.equal(saved.find((c) => c.id === "period.queryInstance.two")!.body.instanceId, "main-1,trial-1");
    assert.ok(!JSON.stringify(saved).includes("${"));
  });

  it("refuses to save when an answer the cases need never came", () => {
    assert.throws(() => casesToSave(set.cases, new Map(), new Map()), /cannot save period\.queryInstance: no answer gave \$\{instance\.main\}/);
  });

  it("round-trips through a file", () => {
    const path = join(dir, "cases.json");
    const cases = casesToSave(set.cases, bindings, ids);
    writeCaseFile(path, { mode: "period", url: "https://isv.example.com/api/marketplace", savedAt: "2026-12-02T00:00:00.000Z", cases });
    const back = readCaseFile(path);
    assert.equal(back.format, CASE_FILE_FORMAT);
    assert.deepEqual(back.cases, cases);
    assert.doesNotMatch(JSON.stringify(back), /access-key|dev-access-key/, "no key is ever written");
  });

  const valid = () => ({ format: CASE_FILE_FORMAT, mode: "period", url: "https://x", savedAt: "now", cases: casesToSave(set.cases, bindings, ids) });
  const invalid: [string, (f: ReturnType<typeof valid>) => unknown, RegExp][] = [
    ["another format", (f) => ({ ...f, format: "v0" }), /format/],
    ["an unknown mode", (f) => ({ ...f, mode: "gratis" }), /mode/],
    ["no cases", (f) => ({ ...f, cases: [] }), /cases/],
    ["an undocumented expected code", (f) => ({ ...f, cases: [{ ...f.cases[0]!, expectCodes: ["999999"] }] }), /expectCodes/],
    ["an unknown case field", (f) => ({ ...f, cases: [{ ...f.cases[0]!, evil: true }] }), /cases\.0/],
    ["a Kit case without its interface", (f) => ({ ...f, cases: [{ ...f.cases.find((c) => c.channel === "kit")!, kitKind: undefined }] }), /kitKind/],
    ["an unresolved variable", (f) => ({ ...f, cases: [{ ...f.cases[2]!, body: { instanceId: "${instance.main}" } }] }), /still names \$\{instance\.main\}/],
  ];
  for (const [name, change, message] of invalid) {
    it(`refuses a file with ${name}`, () => assert.throws(() => parseCaseFile(JSON.stringify(change(valid()))), message));
  }
  it("refuses non-JSON and files over the size limit", () => {
    assert.throws(() => parseCaseFile("{"), /not JSON/);
    const big = join(dir, "big.json");
    writeFileSync(big, " ".repeat(MAX_CASE_FILE_BYTES + 1));
    assert.throws(() => readCaseFile(big), /at most/);
  });
});

/**
 * Runs planned steps against a deployment: resolve the body's variables, sign and send it, check
 * the answer the way the console does, and keep the instance ids stable across repeats. Framework
 * free; the CLI (scripts/conformance.ts) and the tests drive it.
 */
import { resolveBody, type Bindings } from "./bindings";
import type { ConformanceCase } from "./case-types";
import { checkEnvelope } from "./checks/envelope";
import { checkFields } from "./checks/fields";
import { emptyVerdict, merge, type Verdict } from "./checks/verdict";
import type { Phase, PlannedStep } from "./plan";
import { answerExcerpt, redact } from "./redact";
import { buildRequest, DEFAULT_TIMEOUT_MS, httpTransport, type HttpAnswer, type Keys, type Transport } from "./sender";

export interface StepResult {
  index: number;
  phase: Phase;
  attempt: number;
  caseId: string;
  title: string;
  channel: ConformanceCase["channel"];
  attack?: ConformanceCase["attack"];
  ok: boolean;
  failures: string[];
  warnings: string[];
  httpStatus?: number;
  resultCode?: string;
  resultMsg?: string;
  /** Time to the (last) answer. */
  ms: number;
  /** The body sent (variables resolved, secrets redacted). */
  request?: unknown;
  /** The (last) answer, redacted and cut. */
  answer?: string;
}

export interface RunInput {
  url: string;
  keys: Keys;
  steps: readonly PlannedStep[];
  transport?: Transport;
  /** Signing clock (default Date.now). */
  now?: () => number;
  timeoutMs?: number;
  /** The probe stops at the first failing step. */
  stopOnFirstFailure?: boolean;
  onStep?: (result: StepResult, total: number) => void;
}

export interface RunOutcome {
  steps: StepResult[];
  /** Variables bound from answers, e.g. instance.main → the instance id. */
  bindings: Bindings;
  /** First instanceId each newInstance case answered. */
  instanceIds: Map<string, string>;
  /** The run ended early (stopOnFirstFailure). */
  stopped: boolean;
}

export async function runSteps(input: RunInput): Promise<RunOutcome> {
  const transport = input.transport ?? httpTransport;
  const now = input.now ?? Date.now;
  const timeoutMs = input.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const bindings: Bindings = new Map();
  const instanceIds = new Map<string, string>();
  const results: StepResult[] = [];

  async function runStep(step: PlannedStep): Promise<StepResult> {
    const c = step.case;
    const head = { index: step.index, phase: step.phase, attempt: step.attempt, caseId: c.id, title: c.title, channel: c.channel, ...(c.attack ? { attack: c.attack } : {}) };
    const resolved = resolveBody(c.body, bindings);
    if (!resolved.ok) {
      const names = resolved.missing.map((n) => `\${${n}}`).join(", ");
      return { ...head, ok: false, failures: [`needs ${names}, which no newInstance answer provided`], warnings: [], ms: 0, request: redact(c.body) };
    }
    const body = resolved.body;
    const req = buildRequest(c, body, input.url, input.keys, now());
    const v: Verdict = emptyVerdict();
    let answer: HttpAnswer;
    let envelope;
    if (c.attack === "replay") {
      const first = await transport(req, timeoutMs);
      merge(v, checkEnvelope(first, ["000000"]), "first call: ");
      answer = await transport(req, timeoutMs);
      envelope = checkEnvelope(answer, c.expectCodes);
      merge(v, envelope, "replay: ");
    } else {
      answer = await transport(req, timeoutMs);
      envelope = checkEnvelope(answer, c.expectCodes);
      merge(v, envelope);
      if (!c.attack && envelope.json && envelope.resultCode === "000000") {
        merge(v, checkFields(c, body, envelope.json, input.keys.base));
        checkInstanceId(c, envelope.json, v);
      }
    }
    return {
      ...head,
      ok: v.failures.length === 0,
      failures: v.failures,
      warnings: v.warnings,
      ...(answer.status ? { httpStatus: answer.status } : {}),
      ...(envelope.resultCode ? { resultCode: envelope.resultCode } : {}),
      ...(envelope.resultMsg !== undefined ? { resultMsg: envelope.resultMsg } : {}),
      ms: answer.ms,
      request: redact(body),
      answer: answerExcerpt(answer.text),
    };
  }

  /** The same order keeps its instance: every answer equals the saved or first-seen id. */
  function checkInstanceId(c: ConformanceCase, json: Record<string, unknown>, v: Verdict): void {
    if (!c.captureInstanceId && !c.expectInstanceId) return;
    const answered = json.instanceId;
    if (typeof answered !== "string" || answered === "") return; // the schema check reports it
    const expected = c.expectInstanceId ?? instanceIds.get(c.id);
    if (expected !== undefined && answered !== expected) {
      v.failures.push(`instanceId changed: ${expected} before, ${answered} now (the same order must keep its instance)`);
    }
    if (!instanceIds.has(c.id)) instanceIds.set(c.id, answered);
    if (c.captureInstanceId && !bindings.has(c.captureInstanceId)) bindings.set(c.captureInstanceId, answered);
  }

  let stopped = false;
  for (const step of input.steps) {
    const r = await runStep(step);
    results.push(r);
    input.onStep?.(r, input.steps.length);
    if (!r.ok && input.stopOnFirstFailure) {
      stopped = true;
      break;
    }
  }
  return { steps: results, bindings, instanceIds, stopped };
}

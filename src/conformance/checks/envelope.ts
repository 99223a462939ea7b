/**
 * The checks the console applies to every answer (V2 FAQ): HTTP 200, Content-Type
 * application/json, a JSON object with resultCode and resultMsg (resultMsg ≤ 255), and the
 * resultCode the case expects.
 */
import { RESULT_MSG_MAX_LENGTH } from "../../koogallery/result-codes";
import type { HttpAnswer } from "../sender";
import { emptyVerdict, type Verdict } from "./verdict";

export interface EnvelopeResult extends Verdict {
  json?: Record<string, unknown>;
  resultCode?: string;
  resultMsg?: string;
}

const excerpt = (text: string) => JSON.stringify(text.length > 80 ? `${text.slice(0, 80)}…` : text);

export function checkEnvelope(answer: HttpAnswer, expectCodes: readonly string[]): EnvelopeResult {
  const v: EnvelopeResult = emptyVerdict();
  if (answer.error) {
    v.failures.push(`no answer: ${answer.error}`);
    return v;
  }
  if (answer.status !== 200) v.failures.push(`HTTP ${answer.status}, expected 200`);
  const mediaType = answer.contentType.split(";")[0]!.trim().toLowerCase();
  if (mediaType !== "application/json") v.failures.push(`Content-Type ${JSON.stringify(answer.contentType)}, expected application/json`);
  let parsed: unknown;
  try {
    parsed = JSON.parse(answer.text);
  } catch {
    v.failures.push(`body is not JSON: ${excerpt(answer.text)}`);
    return v;
  }
  if (!parsed || typeof parsed !== "object" || Array.isArray(parsed)) {
    v.failures.push(`body is not a JSON object: ${excerpt(answer.text)}`);
    return v;
  }
  const json = parsed as Record<string, unknown>;
  v.json = json;
  if (typeof json.resultCode !== "string" || json.resultCode === "") v.failures.push("resultCode missing");
  else v.resultCode = json.resultCode;
  if (typeof json.resultMsg !== "string") v.failures.push("resultMsg missing");
  else {
    v.resultMsg = json.resultMsg;
    if (json.resultMsg.length > RESULT_MSG_MAX_LENGTH) v.failures.push(`resultMsg is ${json.resultMsg.length} characters, at most ${RESULT_MSG_MAX_LENGTH} allowed`);
  }
  if (v.resultCode !== undefined && !expectCodes.includes(v.resultCode)) {
    v.failures.push(`resultCode ${v.resultCode}${v.resultMsg ? ` (${v.resultMsg.slice(0, 120)})` : ""}, expected ${expectCodes.join(" or ")}`);
  }
  return v;
}

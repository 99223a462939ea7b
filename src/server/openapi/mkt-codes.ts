/**
 * The marketplace open API's answer codes and what each one means for us — one table for the usage
 * push (按需使用量推送(新)) and 查询订单 (docs/billing.md §6 and §2). Answers look like
 * {"error_code":"MKT.0000","error_msg":"success"} (usage push, API gateway) or
 * {"resultCode":"MKT.0000","resultMsg":"Success",…} (查询订单); both spellings are read.
 *
 * Usage push decisions:
 *   sent         the batch is recorded: mark it SENT
 *   retry        transient: try again later with the same metering_sn (exponential backoff)
 *   split        too many records in one call: halve the batch and push each half
 *   dead-letter  this data will never be accepted: the record goes to the dead-letter list for
 *                staff (a batch is bisected first, so only the guilty records die)
 *   alert        our key or signature is wrong: nothing will pass until staff fix it; the records
 *                wait (retried with backoff) and the overview raises an alert
 */

export type PushDecision = "sent" | "retry" | "split" | "dead-letter" | "alert";
/** Why staff must look: our signature, our key/permissions, or data we produce. */
export type AlertKind = "signature" | "key" | "data";

export interface MktCode {
  code: string;
  /** The HTTP status the marketplace documents with the code. */
  httpStatus: number;
  meaning: string;
  push: PushDecision;
  alert?: AlertKind;
  /** 查询订单: asking again later may succeed (the newInstance that needed it answers 000005). */
  transient: boolean;
}

export const MKT_SUCCESS = "MKT.0000";
/** 查询订单's "access frequency overlimit": back off before calling again. */
export const MKT_RATE_LIMITED = "MKT.0250";

export const MKT_CODES: readonly MktCode[] = [
  { code: "MKT.0000", httpStatus: 200, meaning: "success", push: "sent", transient: false },
  { code: "MKT.0999", httpStatus: 500, meaning: "system error", push: "retry", transient: true },
  { code: "MKT.0100", httpStatus: 500, meaning: "input validation failed", push: "dead-letter", alert: "data", transient: false },
  { code: "MKT.0101", httpStatus: 400, meaning: "invalid parameter", push: "dead-letter", alert: "data", transient: false },
  { code: "MKT.0102", httpStatus: 400, meaning: "invalid body sign (signature)", push: "alert", alert: "signature", transient: false },
  { code: "MKT.0199", httpStatus: 400, meaning: "request error", push: "dead-letter", alert: "data", transient: false },
  { code: "MKT.0150", httpStatus: 401, meaning: "illegal operation (instance not this seller's)", push: "dead-letter", transient: false },
  { code: "MKT.0151", httpStatus: 401, meaning: "no permission", push: "alert", alert: "key", transient: false },
  { code: "MKT.0154", httpStatus: 401, meaning: "illegal token", push: "alert", alert: "key", transient: false },
  { code: "MKT.0250", httpStatus: 406, meaning: "access frequency overlimit", push: "retry", transient: true },
  { code: "MKT.9001", httpStatus: 500, meaning: "instance ID not found", push: "dead-letter", transient: false },
  { code: "MKT.9002", httpStatus: 500, meaning: "invalid usage entries", push: "dead-letter", alert: "data", transient: false },
  { code: "MKT.9003", httpStatus: 500, meaning: "too many records in one call", push: "split", transient: false },
  { code: "MKT.9004", httpStatus: 500, meaning: "begin_time more than 21 days ago", push: "dead-letter", transient: false },
];

const BY_CODE = new Map(MKT_CODES.map((c) => [c.code, c]));

export function mktCode(code: string | undefined): MktCode | undefined {
  return code ? BY_CODE.get(code) : undefined;
}

/** API gateway (APIG) answers: the request never reached the marketplace service. */
export const isGatewayCode = (code: string | undefined): boolean => !!code && /^APIGW?\./.test(code);

/** 401/403: the gateway's "your credentials are wrong". */
export const isAuthStatus = (httpStatus: number): boolean => httpStatus === 401 || httpStatus === 403;

/** What came back from one open API call. */
export type OpenApiAnswer =
  | { kind: "response"; httpStatus: number; code?: string; message?: string }
  | { kind: "timeout"; timeoutMs: number }
  | { kind: "network"; message: string };

/** Reads the code and message from an answer body in either spelling; never throws. */
export function readAnswer(httpStatus: number, text: string): Extract<OpenApiAnswer, { kind: "response" }> {
  let code: unknown;
  let message: unknown;
  try {
    const b = JSON.parse(text) as Record<string, unknown>;
    code = b.error_code ?? b.resultCode ?? b.errorCode;
    message = b.error_msg ?? b.resultMsg ?? b.errorMsg;
  } catch {
    // Not JSON (a proxy's HTML page …): status only.
  }
  return {
    kind: "response",
    httpStatus,
    ...(typeof code === "string" && code ? { code: code.slice(0, 32) } : {}),
    ...(typeof message === "string" && message ? { message } : {}),
  };
}

/** "HTTP 400 MKT.0101 invalid parameter" — what staff see as the marketplace's answer. */
export function describeAnswer(a: OpenApiAnswer): string {
  if (a.kind === "timeout") return `timed out after ${a.timeoutMs} ms`;
  if (a.kind === "network") return `network: ${a.message}`;
  return `HTTP ${a.httpStatus}${a.code ? ` ${a.code}` : ""}${a.message ? ` ${a.message}` : ""}`.slice(0, 500);
}

export interface PushVerdict {
  decision: PushDecision;
  code?: string;
  alert?: AlertKind;
  /** The answer as staff should read it. */
  reason: string;
}

/**
 * The usage pusher's decision for an answer. Codes in the table decide by themselves (whatever the
 * HTTP status); gateway errors, timeouts, network failures and anything unknown are retried with
 * backoff — safe because a record keeps its metering_sn, so a delivery the marketplace did receive
 * is recognised when it comes again.
 */
export function decidePush(a: OpenApiAnswer): PushVerdict {
  const reason = describeAnswer(a);
  if (a.kind !== "response") return { decision: "retry", reason };
  const known = mktCode(a.code);
  if (known) return { decision: known.push, code: known.code, ...(known.alert ? { alert: known.alert } : {}), reason };
  // The gateway refusing our credentials will not change by itself: staff must look.
  if (isGatewayCode(a.code) && isAuthStatus(a.httpStatus)) return { decision: "alert", code: a.code, alert: "key", reason };
  if (isGatewayCode(a.code)) return { decision: "retry", code: a.code, reason };
  return { decision: "retry", ...(a.code ? { code: a.code } : {}), reason: `${reason} (not a documented answer)` };
}

/**
 * 按需使用量推送(新) client: POST {endpoint}/api/mkp-openapi-public/global/v1/isv/usage-data with
 * headers signature/ts/nonce (src/koogallery/open-api-signing.ts) and body {"usage_records": […]}
 * of at most 1,000 UsagePushData (https://support.huaweicloud.com/accessg-marketplace/zh-cn_topic_0070649410.html).
 *
 * The response format and error codes are not published; this client classifies what comes back:
 *   accepted   2xx and no code, or a success code
 *   duplicate  a configured "already received" code: the records count as sent
 *   rejected   4xx for the records themselves (bad request): retrying the same body cannot help
 *   retry      everything ambiguous — timeout, network error, 5xx, 408/429, 401/403 (a key
 *              problem staff must fix), a 2xx with an unknown code. Safe because metering_sn is
 *              stable: a record the marketplace did receive is recognised when it comes again.
 */
import { usagePushRequest } from "~/koogallery/open-api-signing";
import { openApiRequest } from "./http";

export const USAGE_PUSH_PATH = "/api/mkp-openapi-public/global/v1/isv/usage-data";
export const MAX_RECORDS_PER_PUSH = 1000;

export interface UsagePushData {
  instance_id: string;
  record_time: string;
  begin_time: string;
  end_time: string;
  /** Positive, at most 4 decimals; sent as text like the documented example ("99"). */
  usage_value: string;
  metering_sn: string;
  relate_pkg_instance?: string;
}

export type PushOutcome =
  | { kind: "accepted"; code?: string }
  | { kind: "duplicate"; code: string }
  | { kind: "rejected"; code?: string; reason: string }
  | { kind: "retry"; code?: string; reason: string };

export interface UsagePushClientConfig {
  endpoint: string;
  key: string;
  timeoutMs: number;
  successCodes: string[];
  duplicateCodes: string[];
}

function codeOf(text: string): { code?: string; msg?: string } {
  try {
    const b = JSON.parse(text) as Record<string, unknown>;
    const code = b.resultCode ?? b.error_code ?? b.errorCode;
    const msg = b.resultMsg ?? b.error_msg ?? b.errorMsg;
    return { code: typeof code === "string" ? code : undefined, msg: typeof msg === "string" ? msg : undefined };
  } catch {
    return {};
  }
}

export function classifyPushResponse(cfg: Pick<UsagePushClientConfig, "successCodes" | "duplicateCodes">, status: number, text: string): PushOutcome {
  const { code, msg } = codeOf(text);
  const reason = `HTTP ${status}${code ? ` ${code}` : ""}${msg ? ` ${msg}` : ""}`.slice(0, 500);
  if (code && cfg.duplicateCodes.includes(code)) return { kind: "duplicate", code };
  if (status >= 200 && status < 300) {
    if (!code || cfg.successCodes.includes(code)) return { kind: "accepted", code };
    return { kind: "retry", code, reason };
  }
  if (status >= 400 && status < 500 && ![401, 403, 408, 429].includes(status)) return { kind: "rejected", code, reason };
  return { kind: "retry", code, reason };
}

export async function pushUsage(cfg: UsagePushClientConfig, records: UsagePushData[], nowMs = Date.now()): Promise<PushOutcome> {
  if (records.length === 0 || records.length > MAX_RECORDS_PER_PUSH) {
    throw new RangeError(`a usage push carries 1–${MAX_RECORDS_PER_PUSH} records`);
  }
  const req = usagePushRequest({ key: cfg.key, body: { usage_records: records }, nowMs });
  const url = new URL(cfg.endpoint.replace(/\/+$/, "") + USAGE_PUSH_PATH);
  const out = await openApiRequest(url, { method: "POST", headers: req.headers, body: req.body }, cfg.timeoutMs);
  if (out.kind === "timeout") return { kind: "retry", reason: `timed out after ${cfg.timeoutMs} ms` };
  if (out.kind === "network") return { kind: "retry", reason: `network: ${out.message}` };
  return classifyPushResponse(cfg, out.status, out.text);
}

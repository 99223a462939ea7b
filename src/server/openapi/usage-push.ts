/**
 * 按需使用量推送(新) client: POST {endpoint}/api/mkp-openapi-public/global/v1/isv/usage-data with
 * headers signature/ts/nonce (src/koogallery/open-api-signing.ts, the 商家对接密钥 — not AK/SK)
 * and body {"usage_records": […]} of at most 1,000 UsagePushData. The marketplace answers
 * {"error_code":"MKT.0000","error_msg":"success"} or an MKT.* / APIGW.* error; mkt-codes.ts turns
 * the answer into the pusher's decision. Data problems are not refused here: the marketplace
 * checks records later and shows per-record results in 卖家中心 > 交易管理 > 话单管理.
 */
import { usagePushRequest } from "~/koogallery/open-api-signing";
import { openApiRequestWithFallback, openApiUrls } from "./http";
import { decidePush, readAnswer, type OpenApiAnswer, type PushVerdict } from "./mkt-codes";

export const USAGE_PUSH_PATH = "/api/mkp-openapi-public/global/v1/isv/usage-data";
export const MAX_RECORDS_PER_PUSH = 1000;

export interface UsagePushData {
  /** Always an on-demand instance id (never a package's). */
  instance_id: string;
  record_time: string;
  begin_time: string;
  end_time: string;
  /** Positive, at most 4 decimals; sent as text like the documented example ("99"). */
  usage_value: string;
  metering_sn: string;
  /** 用完即停 only: the package drawn down; it must belong to instance_id. */
  relate_pkg_instance?: string;
}

export interface UsagePushClientConfig {
  endpoint: string;
  /** Tried when the endpoint cannot be reached (docs: mkt.myhuaweicloud.cn). */
  fallbackEndpoint?: string;
  key: string;
  timeoutMs: number;
}

export type PushAnswer = PushVerdict & { answer: OpenApiAnswer };

export async function pushUsage(cfg: UsagePushClientConfig, records: UsagePushData[], nowMs = Date.now()): Promise<PushAnswer> {
  if (records.length === 0 || records.length > MAX_RECORDS_PER_PUSH) {
    throw new RangeError(`a usage push carries 1–${MAX_RECORDS_PER_PUSH} records`);
  }
  const req = usagePushRequest({ key: cfg.key, body: { usage_records: records }, nowMs });
  const out = await openApiRequestWithFallback(
    openApiUrls(cfg.endpoint, cfg.fallbackEndpoint, USAGE_PUSH_PATH),
    () => ({ method: "POST", headers: req.headers, body: req.body }),
    cfg.timeoutMs,
  );
  const answer: OpenApiAnswer =
    out.kind === "timeout" ? { kind: "timeout", timeoutMs: cfg.timeoutMs } : out.kind === "network" ? out : readAnswer(out.status, out.text);
  return { ...decidePush(answer), answer };
}

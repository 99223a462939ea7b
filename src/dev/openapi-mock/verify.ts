/**
 * How the mock checks requests the way the marketplace would: the APIG SDK-HMAC-SHA256
 * Authorization of 查询订单 (recomputed from the signed headers actually received) and the
 * signature/ts/nonce headers of the usage push, plus the UsagePushData field rules.
 */
import { timingSafeEqual } from "node:crypto";
import type { IncomingHttpHeaders } from "node:http";
import { stringifyDeepSorted } from "~/koogallery/canonical-json";
import { signApigRequest, usagePushSignature } from "~/koogallery/open-api-signing";
import { parseUsageTime } from "~/koogallery/time";

const SKEW_MS = 15 * 60_000;

function same(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

const header = (h: IncomingHttpHeaders, name: string) => {
  const v = h[name];
  return Array.isArray(v) ? v.join(",") : v;
};

export function verifyApig(
  req: { method: string; url: string; headers: IncomingHttpHeaders; body: string },
  creds: { ak: string; sk: string },
  nowMs: number,
): string | null {
  const auth = header(req.headers, "authorization") ?? "";
  const m = /^SDK-HMAC-SHA256 Access=([^,]+), SignedHeaders=([^,]+), Signature=([0-9a-f]{64})$/.exec(auth);
  if (!m) return "missing or malformed Authorization";
  if (m[1] !== creds.ak) return "unknown access key";
  const names = m[2]!.split(";");
  if (!names.includes("x-sdk-date")) return "x-sdk-date is not signed";
  const signed: Record<string, string> = {};
  for (const n of names) {
    const v = header(req.headers, n);
    if (v === undefined) return `signed header ${n} is missing`;
    signed[n] = v;
  }
  let ts: number;
  try {
    ts = parseUsageTime(signed["x-sdk-date"]!).getTime();
  } catch {
    return "bad X-Sdk-Date";
  }
  if (Math.abs(nowMs - ts) > SKEW_MS) return "X-Sdk-Date outside the allowed skew";
  const expected = signApigRequest({ method: req.method, url: `http://${signed.host ?? "localhost"}${req.url}`, ak: creds.ak, sk: creds.sk, headers: signed, body: req.body });
  return same(expected.signature, m[3]!) ? null : "signature mismatch";
}

export function verifyUsagePushSignature(headers: IncomingHttpHeaders, body: string, key: string, nowMs: number): string | null {
  const sig = header(headers, "signature");
  const ts = header(headers, "ts");
  const nonce = header(headers, "nonce");
  if (!sig || !ts || !nonce) return "signature, ts and nonce headers are required";
  if (nonce.length > 64) return "nonce longer than 64";
  if (!/^\d{13}$/.test(ts) || Math.abs(nowMs - Number(ts)) > SKEW_MS) return "ts outside the allowed skew";
  return same(usagePushSignature(key, ts, nonce, body), sig) ? null : "signature mismatch";
}

const DECIMAL_4 = /^\d{1,8}(\.\d{1,4})?$/;

/** Field rules of UsagePushData; returns the first problem ("too many records" above `maxRecords`), or the records. */
export function checkUsageBody(raw: string, maxRecords = 1000): { records: Array<Record<string, string>> } | string {
  let body: unknown;
  try {
    body = JSON.parse(raw);
  } catch {
    return "body is not JSON";
  }
  if (stringifyDeepSorted(body as Record<string, unknown>) !== raw) return "body is not serialised with keys sorted naturally";
  const records = (body as { usage_records?: unknown }).usage_records;
  if (!Array.isArray(records) || records.length === 0) return "usage_records must hold at least one record";
  if (records.length > maxRecords) return "too many records";
  for (const r of records as Array<Record<string, unknown>>) {
    for (const f of ["instance_id", "metering_sn"]) {
      if (typeof r[f] !== "string" || !(r[f] as string).length || (r[f] as string).length > 64) return `${f} must be 1–64 characters`;
    }
    for (const f of ["record_time", "begin_time", "end_time"]) {
      try {
        parseUsageTime(String(r[f]));
      } catch {
        return `${f} must be yyyyMMdd'T'HHmmss'Z'`;
      }
    }
    const v = String(r.usage_value);
    if (!DECIMAL_4.test(v) || Number(v) <= 0) return "usage_value must be > 0 with at most 4 decimals";
    if (r.relate_pkg_instance !== undefined && (typeof r.relate_pkg_instance !== "string" || r.relate_pkg_instance.length > 64)) {
      return "relate_pkg_instance must be at most 64 characters";
    }
  }
  return { records: records as Array<Record<string, string>> };
}

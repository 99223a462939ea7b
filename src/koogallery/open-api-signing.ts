/**
 * Signing of the calls the merchant makes to the marketplace open API.
 *
 * (a) 按需使用量推送(新) usage push — docs/protocol/open-api.md#usage-push-signing and
 *     https://support.huaweicloud.com/accessg-marketplace/zh-cn_topic_0070649406.html (mirror of
 *     zh-cn_topic_0070649410): headers `signature` = base64(hmacSHA256(ISV对接秘钥,
 *     "ts={ts}&nonce={nonce}&body={body}")) "此处body按自然排序后参与签名", `ts` = ms, `nonce` ≤ 64.
 *     The body's only top-level key is `usage_records`, so "sorted naturally" can only be meaningful
 *     for the record keys: we sort keys at every depth (our decision) and send exactly the text we sign.
 *
 * (b) Huawei API Gateway `SDK-HMAC-SHA256` (查询订单). Confirmed against Huawei's API signing guide
 *     (https://support.huaweicloud.com/intl/en-us/devg-apisign/api-sign-algorithm-002.html and the
 *     zh pages quoted by https://www.huaweicloud.com/guide/category-5a8ea8863d44866c5c5488740b4bb488a230bd4ae1598ef4fd4f12799100c49d)
 *     and the official SDK signer (huaweicloud/huaweicloud-sdk-python-v3,
 *     huaweicloud-sdk-core/huaweicloudsdkcore/signer/signer.py):
 *       CanonicalRequest = METHOD \n CanonicalURI \n CanonicalQueryString \n CanonicalHeaders \n
 *                          SignedHeaders \n hex(sha256(body))
 *       - CanonicalURI: each path segment URI-encoded (RFC 3986 unreserved A-Z a-z 0-9 - _ . ~ kept),
 *         always ending with "/" ("计算签名时,URI必须以“/”结尾。发送请求时,可以不以“/”结尾").
 *       - CanonicalQueryString: parameters sorted by name (multi-values sorted), name and value
 *         URI-encoded the same way (space → %20, hex upper case), joined "k=v&k=v".
 *       - CanonicalHeaders: "lowercase(name):trim(value)\n" per signed header, sorted; SignedHeaders the
 *         same names joined with ";". Only X-Sdk-Date is required; the SDK signs every header it sends.
 *       - body hash: the X-Sdk-Content-Sha256 header value if present, else hex sha256 of the body.
 *       StringToSign = "SDK-HMAC-SHA256\n" + X-Sdk-Date + "\n" + hex(sha256(CanonicalRequest))
 *       Signature = hex(HMAC_SHA256(SK, StringToSign))
 *       Authorization: SDK-HMAC-SHA256 Access=AK, SignedHeaders=a;b, Signature=hex
 *     (a space, no comma, after the algorithm; ", " between the parts). The guide's worked example
 *     (GET …/vpcs?limit=2&marker=…, X-Sdk-Date 20191115T033655Z) is reproduced in the tests.
 */
import { createHash, randomBytes } from 'node:crypto';
import { stringifyDeepSorted } from './canonical-payload';
import { hmacSha256 } from './hmac';
import { formatUsageTime } from './time';

// ---------------------------------------------------------------------------------------------
// (a) usage push

export function usagePushSignature(key: string, ts: string, nonce: string, body: string): string {
  return hmacSha256(key, `ts=${ts}&nonce=${nonce}&body=${body}`).toString('base64');
}

export interface UsagePushRequestInput {
  /** The key bound to the base interface (商家对接密钥). */
  key: string;
  /** Object (keys sorted at every depth) or text already serialised (signed and sent as is). */
  body: Record<string, unknown> | string;
  nowMs?: number;
  nonce?: string;
}

export interface UsagePushRequest {
  headers: { signature: string; ts: string; nonce: string; 'Content-Type': string };
  body: string;
}

export function usagePushRequest(input: UsagePushRequestInput): UsagePushRequest {
  const body = typeof input.body === 'string' ? input.body : stringifyDeepSorted(input.body);
  const ts = String(input.nowMs ?? Date.now());
  const nonce = input.nonce ?? randomBytes(16).toString('hex');
  if (nonce.length === 0 || nonce.length > 64) throw new RangeError('nonce must be 1..64 characters');
  return {
    headers: { signature: usagePushSignature(input.key, ts, nonce, body), ts, nonce, 'Content-Type': 'application/json;charset=UTF-8' },
    body,
  };
}

// ---------------------------------------------------------------------------------------------
// (b) APIG SDK-HMAC-SHA256

export const APIG_ALGORITHM = 'SDK-HMAC-SHA256';

/** RFC 3986 percent-encoding of everything but the unreserved set, upper-case hex, UTF-8. */
export function apigUriEncode(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase());
}

function sha256Hex(data: string | Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

export function apigCanonicalUri(pathname: string): string {
  let decoded: string[];
  try {
    decoded = pathname.split('/').map((seg) => decodeURIComponent(seg));
  } catch {
    decoded = pathname.split('/');
  }
  const path = decoded.map(apigUriEncode).join('/');
  return path.endsWith('/') ? path : path + '/';
}

export function apigCanonicalQuery(params: ReadonlyArray<readonly [string, string]>): string {
  return [...params]
    .sort(([ka, va], [kb, vb]) => (ka < kb ? -1 : ka > kb ? 1 : va < vb ? -1 : va > vb ? 1 : 0))
    .map(([k, v]) => `${apigUriEncode(k)}=${apigUriEncode(v)}`)
    .join('&');
}

export interface ApigSignInput {
  method: string;
  /** Full URL including the query string. */
  url: string;
  ak: string;
  sk: string;
  /** Extra headers to send and sign (e.g. Content-Type). Host and X-Sdk-Date are added. */
  headers?: Record<string, string>;
  body?: string | Buffer;
  /** Signing time; default now. */
  date?: Date;
}

export interface ApigSignedRequest {
  /** Headers to send: the inputs plus Host, X-Sdk-Date and Authorization. */
  headers: Record<string, string>;
  canonicalRequest: string;
  stringToSign: string;
  signature: string;
  signedHeaders: string;
}

export function signApigRequest(input: ApigSignInput): ApigSignedRequest {
  if (!input.ak || !input.sk) throw new TypeError('ak and sk must be non-empty');
  const url = new URL(input.url);
  // Header names cannot contain whitespace on the wire; trim them so the signed names match what is sent.
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(input.headers ?? {})) headers[k.trim()] = v;
  const findHeader = (name: string) => Object.keys(headers).find((k) => k.toLowerCase() === name);
  const authKey = findHeader('authorization');
  if (authKey) delete headers[authKey];
  const dateKey = findHeader('x-sdk-date');
  const sdkDate = dateKey ? headers[dateKey]! : formatUsageTime(input.date ?? new Date());
  if (!dateKey) headers['X-Sdk-Date'] = sdkDate;
  if (!findHeader('host')) headers['Host'] = url.host;

  const lower = new Map<string, string>();
  for (const [k, v] of Object.entries(headers)) lower.set(k.toLowerCase(), String(v).trim());
  const names = [...lower.keys()].sort();
  const signedHeaders = names.join(';');
  const canonicalHeaders = names.map((n) => `${n}:${lower.get(n)}\n`).join('');

  const contentSha = lower.get('x-sdk-content-sha256');
  const bodyHash = contentSha ?? sha256Hex(input.body ?? '');
  // URLSearchParams gives form decoding ('+' = space), as the SDKs' query parsers do.
  const query = apigCanonicalQuery([...url.searchParams.entries()]);

  const canonicalRequest = [input.method.toUpperCase(), apigCanonicalUri(url.pathname), query, canonicalHeaders, signedHeaders, bodyHash].join('\n');
  const stringToSign = `${APIG_ALGORITHM}\n${sdkDate}\n${sha256Hex(canonicalRequest)}`;
  const signature = hmacSha256(input.sk, stringToSign).toString('hex');
  headers['Authorization'] = `${APIG_ALGORITHM} Access=${input.ak}, SignedHeaders=${signedHeaders}, Signature=${signature}`;
  return { headers, canonicalRequest, stringToSign, signature, signedHeaders };
}

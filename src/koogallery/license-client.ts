/**
 * Client of the License open APIs, for the ISV's software (or the ISV's own licence server):
 *
 *   激活授权码 POST {endpoint}/api/mkp-openapi-public/global/v1/license/activate
 *              {"license": "<code>", "real_effect_time": "yyyyMMddHHmmss" (optional)}
 *   查询授权码 POST {endpoint}/api/mkp-openapi-public/global/v1/license/heartbeat  {"license": "<code>"}
 *
 * Both are signed with APIG SDK-HMAC-SHA256 (AK/SK, open-api-signing.ts) and answer
 * {error_code, error_msg, data}. activate's data.license_code_info is a JSON *string*; heartbeat's
 * data is the LicenseInfo object (license_code, status, activate_time, more fields to tolerate).
 * Failures are thrown as the typed errors of license-api-errors.ts.
 *
 * Framework-free: give it any `fetch`. AK/SK are the seller account's keys: keep them on a machine
 * you control (README "License products").
 */
import { signApigRequest } from './open-api-signing';
import { isLicenseApiCode, LICENSE_API_SUCCESS, LicenseApiError, licenseError, licenseErrorForCode } from './license-api-errors';
import { formatCompactUtcSeconds, isValidCompactUtc, MIN_YEAR, parseCompactUtc } from './time';

export const LICENSE_ACTIVATE_PATH = '/api/mkp-openapi-public/global/v1/license/activate';
export const LICENSE_HEARTBEAT_PATH = '/api/mkp-openapi-public/global/v1/license/heartbeat';

export const DEFAULT_LICENSE_ENDPOINT = 'https://mkt.myhuaweicloud.com';
/** The docs: "mkt.myhuaweicloud.com域名不可用时请使用mkt.myhuaweicloud.cn进行重试". */
export const LICENSE_FALLBACK_ENDPOINTS: Readonly<Record<string, string>> = { 'https://mkt.myhuaweicloud.com': 'https://mkt.myhuaweicloud.cn' };
export const DEFAULT_LICENSE_TIMEOUT_MS = 10_000;
/** The documented maximum length of a 授权码. */
export const LICENSE_CODE_MAX_LENGTH = 64;

/** Status of a code as the heartbeat reports it; other values are passed through as strings. */
export type LicenseStatus = 'ALIVE' | 'EXPIRED' | 'RELEASED' | (string & {});

/** license_code_info of an activation, parsed. `expireTime` is an estimate (the heartbeat is authoritative). */
export interface LicenseCodeInfo {
  status?: LicenseStatus;
  expireTime?: Date;
  productId?: string;
  amount?: number;
  orderId?: string;
  /** Every field as received, unknown ones included. */
  raw: Record<string, unknown>;
}

export interface ActivationResult {
  license: string;
  info: LicenseCodeInfo;
  /** The license_code_info text as received. */
  licenseCodeInfoText: string;
  errorMsg: string;
}

export interface HeartbeatResult {
  license: string;
  status: LicenseStatus;
  activateTime?: Date;
  expireTime?: Date;
  /** The data object as received, unknown fields included. */
  raw: Record<string, unknown>;
  errorMsg: string;
}

export interface LicenseClientOptions {
  /** Open API host (default https://mkt.myhuaweicloud.com). http:// only to a loopback host (a local mock). */
  endpoint?: string;
  ak: string;
  sk: string;
  timeoutMs?: number;
  /**
   * Host tried once more when the endpoint cannot be reached at all (DNS, connection refused);
   * default: mkt.myhuaweicloud.cn for mkt.myhuaweicloud.com, none otherwise. Timeouts and HTTP
   * errors are not retried (the marketplace answered, or may have acted on the call).
   */
  fallbackEndpoint?: string | null;
  /** Injected for tests; default the global fetch. */
  fetch?: typeof fetch;
  /** Signing clock (X-Sdk-Date); default the system clock. */
  now?: () => Date;
}

export interface LicenseClient {
  activate(license: string, realEffectTime?: Date | string): Promise<ActivationResult>;
  heartbeat(license: string): Promise<HeartbeatResult>;
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

function checkEndpoint(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new TypeError(`license endpoint is not a URL: ${raw}`);
  }
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && LOOPBACK.has(url.hostname))) {
    throw new TypeError(`license endpoint must be https (http only for a local mock): ${url.origin}`);
  }
  return url.origin + url.pathname.replace(/\/+$/, '');
}

function checkCode(license: string): void {
  if (typeof license !== 'string' || license.trim() === '' || license.length > LICENSE_CODE_MAX_LENGTH) {
    throw new RangeError(`license must be 1–${LICENSE_CODE_MAX_LENGTH} characters`);
  }
}

function realEffectTimeText(value: Date | string): string {
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) throw new RangeError('realEffectTime is an invalid Date');
    return formatCompactUtcSeconds(value);
  }
  if (!/^[0-9]{14}$/.test(value) || !isValidCompactUtc(value)) throw new RangeError('realEffectTime must be a Date or a valid yyyyMMddHHmmss (UTC)');
  return value;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const optString = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : typeof v === 'number' ? String(v) : undefined);

/**
 * The docs give yyyyMMddHHmmss for expire_time (read as UTC, like every marketplace time); the
 * format of activate_time is unconfirmed, so epoch milliseconds and ISO-8601 are accepted too.
 * Anything else is left undefined (the raw value stays available).
 */
export function parseLicenseTime(v: unknown): Date | undefined {
  if (typeof v === 'number' && Number.isFinite(v) && v > 0) return storableTime(new Date(v));
  if (typeof v !== 'string' || v === '') return undefined;
  if (/^[0-9]{14}([0-9]{3})?$/.test(v)) {
    try {
      return parseCompactUtc(v);
    } catch {
      return undefined;
    }
  }
  if (/^[0-9]{13}$/.test(v)) return storableTime(new Date(Number(v)));
  return /^\d{4}-\d{2}-\d{2}T/.test(v) ? storableTime(new Date(v)) : undefined;
}

/** `d` when it is a real time in MIN_YEAR–9999 (what the compact formats allow), else undefined. */
function storableTime(d: Date): Date | undefined {
  if (Number.isNaN(d.getTime())) return undefined;
  const year = d.getUTCFullYear();
  return year >= MIN_YEAR && year <= 9999 ? d : undefined;
}

/** license_code_info: a JSON string (an object is tolerated); throws on anything else. */
export function parseLicenseCodeInfo(value: unknown): { info: LicenseCodeInfo; text: string } {
  let raw: unknown = value;
  if (typeof value === 'string') {
    try {
      raw = JSON.parse(value);
    } catch {
      throw new SyntaxError('license_code_info is not valid JSON');
    }
  }
  if (!isObject(raw)) throw new SyntaxError('license_code_info must be a JSON object');
  const amount = typeof raw.amount === 'number' ? raw.amount : typeof raw.amount === 'string' && /^\d+$/.test(raw.amount) ? Number(raw.amount) : undefined;
  return {
    text: typeof value === 'string' ? value : JSON.stringify(value),
    info: {
      status: optString(raw.status),
      expireTime: parseLicenseTime(raw.expire_time),
      productId: optString(raw.product_id),
      amount,
      orderId: optString(raw.order_id),
      raw,
    },
  };
}

interface Envelope {
  status: number;
  errorCode?: string;
  errorMsg: string;
  data: unknown;
}

export function createLicenseClient(options: LicenseClientOptions): LicenseClient {
  if (!options.ak || !options.sk) throw new TypeError('ak and sk are required');
  const endpoint = checkEndpoint(options.endpoint ?? DEFAULT_LICENSE_ENDPOINT);
  const fallbackRaw = options.fallbackEndpoint === undefined ? LICENSE_FALLBACK_ENDPOINTS[endpoint] : options.fallbackEndpoint;
  const fallback = fallbackRaw ? checkEndpoint(fallbackRaw) : undefined;
  const timeoutMs = options.timeoutMs ?? DEFAULT_LICENSE_TIMEOUT_MS;
  const doFetch = options.fetch ?? globalThis.fetch;
  const now = options.now ?? (() => new Date());

  async function post(path: string, payload: Record<string, string>): Promise<Envelope> {
    try {
      return await postTo(endpoint, path, payload);
    } catch (err) {
      if (!fallback || !(err instanceof LicenseApiError) || err.code !== 'NETWORK') throw err;
      return postTo(fallback, path, payload);
    }
  }

  async function postTo(host: string, path: string, payload: Record<string, string>): Promise<Envelope> {
    const url = host + path;
    const body = JSON.stringify(payload);
    const signed = signApigRequest({ method: 'POST', url, ak: options.ak, sk: options.sk, headers: { 'Content-Type': 'application/json;charset=UTF-8' }, body, date: now() });
    let status: number;
    let text: string;
    // A timer of our own rather than AbortSignal.timeout(): that one is unref'd, so with a fetch
    // that holds no socket (an injected one, a stalled proxy agent) the process can exit before
    // the timeout fires, leaving the call neither answered nor failed. Cleared once the body is in.
    const abort = new AbortController();
    const timer = setTimeout(() => abort.abort(new DOMException(`no answer within ${timeoutMs} ms`, 'TimeoutError')), timeoutMs);
    try {
      const res = await doFetch(url, { method: 'POST', headers: signed.headers, body, signal: abort.signal, redirect: 'error' });
      status = res.status;
      text = await res.text();
    } catch (err) {
      const e = err as Error & { cause?: { code?: string; message?: string } };
      if (e.name === 'TimeoutError' || e.name === 'AbortError') throw licenseError('UNREACHABLE', 'TIMEOUT', `no answer within ${timeoutMs} ms`, 0);
      throw licenseError('UNREACHABLE', 'NETWORK', `network error: ${e.cause?.code ?? e.cause?.message ?? e.message}`, 0);
    } finally {
      clearTimeout(timer);
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
    const errorCode = isObject(json) ? optString(json.error_code) : undefined;
    const errorMsg = isObject(json) ? optString(json.error_msg) ?? '' : '';
    return { status, errorCode, errorMsg, data: isObject(json) ? json.data : undefined };
  }

  /** Turns anything but a 92020000 answer into its typed error. */
  function failure(env: Envelope): LicenseApiError {
    if (env.errorCode && isLicenseApiCode(env.errorCode)) return licenseErrorForCode(env.errorCode, env.errorMsg, env.status);
    if (env.status === 401 || env.status === 403) {
      return licenseError('AUTH_FAILED', env.errorCode ?? `HTTP_${env.status}`, `API gateway refused the request (HTTP ${env.status}${env.errorMsg ? `: ${env.errorMsg}` : ''}); check the AK/SK and the clock`, env.status);
    }
    if (env.status >= 500 || env.status === 429) {
      return licenseError('UNREACHABLE', env.errorCode ?? `HTTP_${env.status}`, `HTTP ${env.status}${env.errorMsg ? `: ${env.errorMsg}` : ''}`, env.status);
    }
    const what = env.errorCode ? `unknown error_code ${env.errorCode}${env.errorMsg ? `: ${env.errorMsg}` : ''}` : 'a body without error_code';
    return licenseError('UNEXPECTED_ANSWER', env.errorCode ?? `HTTP_${env.status}`, `HTTP ${env.status} with ${what}`, env.status);
  }

  return {
    async activate(license, realEffectTime) {
      checkCode(license);
      const payload: Record<string, string> = { license };
      if (realEffectTime !== undefined) payload.real_effect_time = realEffectTimeText(realEffectTime);
      const env = await post(LICENSE_ACTIVATE_PATH, payload);
      if (env.errorCode !== LICENSE_API_SUCCESS) throw failure(env);
      const info = isObject(env.data) ? env.data.license_code_info : undefined;
      try {
        const parsed = parseLicenseCodeInfo(info);
        return { license, info: parsed.info, licenseCodeInfoText: parsed.text, errorMsg: env.errorMsg };
      } catch (err) {
        throw licenseError('UNEXPECTED_ANSWER', LICENSE_API_SUCCESS, `activation succeeded but ${(err as Error).message}`, env.status);
      }
    },

    async heartbeat(license) {
      checkCode(license);
      const env = await post(LICENSE_HEARTBEAT_PATH, { license });
      if (env.errorCode !== LICENSE_API_SUCCESS) throw failure(env);
      const data = env.data;
      const status = isObject(data) ? optString(data.status) : undefined;
      if (!isObject(data) || !status) throw licenseError('UNEXPECTED_ANSWER', LICENSE_API_SUCCESS, 'heartbeat answer has no data.status', env.status);
      return {
        license: optString(data.license_code) ?? license,
        status,
        activateTime: parseLicenseTime(data.activate_time),
        expireTime: parseLicenseTime(data.expire_time),
        raw: data,
        errorMsg: env.errorMsg,
      };
    },
  };
}

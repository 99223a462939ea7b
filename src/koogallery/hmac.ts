/**
 * HMAC helpers and the checks shared by the base (query) and kit (header) request signatures.
 *
 * Spec: docs/protocol/base-interface.md#signature (HMAC-SHA256 keyed with the accessKey, UTF-8, hex,
 * case-insensitive compare, 60 s window, missing timestamp/nonce → 000002, missing/wrong signature
 * → 000001); docs/protocol/README.md#d1 (±60 s, both directions).
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

export const DEFAULT_WINDOW_MS = 60_000;
/** Nonces in the docs are 64 hex chars (one older example has 16); anything far longer is junk. */
export const MAX_NONCE_LENGTH = 128;

export type VerifyFailure = { ok: false; resultCode: '000001' | '000002'; reason: string };
export type VerifySuccess = {
  ok: true;
  timestampMs: number;
  /** The candidate payload that matched (for logs/diagnostics). */
  payload: string;
};
export type VerifyOutcome = VerifySuccess | VerifyFailure;

function requireKey(accessKey: string): void {
  // An empty key would make every signature computable by anyone; refuse to run with it.
  if (typeof accessKey !== 'string' || accessKey.length === 0) throw new TypeError('accessKey must be a non-empty string');
}

export function hmacSha256(key: string, data: string): Buffer {
  requireKey(key);
  return createHmac('sha256', Buffer.from(key, 'utf8')).update(Buffer.from(data, 'utf8')).digest();
}

export function hmacSha256Hex(key: string, data: string): string {
  return hmacSha256(key, data).toString('hex');
}

/**
 * Constant-time comparison of two hex strings, case-insensitive. Unequal lengths → false
 * (timingSafeEqual would throw; the length of a valid signature is public anyway).
 */
export function safeEqualHex(a: string, b: string): boolean {
  const x = Buffer.from(a.toLowerCase(), 'utf8');
  const y = Buffer.from(b.toLowerCase(), 'utf8');
  if (x.length !== y.length) return false;
  return timingSafeEqual(x, y);
}

export interface SignatureParts {
  signature: string | null | undefined;
  timestamp: string | null | undefined;
  nonce: string | null | undefined;
  nowMs: number;
  windowMs?: number;
}

export type CheckedParts = { ok: true; signature: string; timestampMs: number; nonce: string } | VerifyFailure;

/**
 * Validate the three signature parts in the demo's order: timestamp and nonce first (000002),
 * then signature presence/shape and freshness (000001). The HMAC itself is compared by the caller.
 */
export function checkSignatureParts(parts: SignatureParts, names: { signature: string; timestamp: string; nonce: string }): CheckedParts {
  const windowMs = parts.windowMs ?? DEFAULT_WINDOW_MS;
  const ts = parts.timestamp?.trim();
  if (!ts) return { ok: false, resultCode: '000002', reason: `missing ${names.timestamp}` };
  // Milliseconds per the 2025 page and every example (13 digits); no signs, no decimals.
  if (!/^[0-9]{1,16}$/.test(ts)) return { ok: false, resultCode: '000002', reason: `invalid ${names.timestamp}` };
  const timestampMs = Number(ts);
  if (!Number.isSafeInteger(timestampMs)) return { ok: false, resultCode: '000002', reason: `invalid ${names.timestamp}` };

  const nonce = parts.nonce ?? '';
  if (nonce.length === 0) return { ok: false, resultCode: '000002', reason: `missing ${names.nonce}` };
  if (nonce.length > MAX_NONCE_LENGTH) return { ok: false, resultCode: '000002', reason: `${names.nonce} longer than ${MAX_NONCE_LENGTH}` };

  const signature = parts.signature?.trim() ?? '';
  if (!signature) return { ok: false, resultCode: '000001', reason: `missing ${names.signature}` };
  if (!/^[0-9A-Fa-f]{64}$/.test(signature)) return { ok: false, resultCode: '000001', reason: `malformed ${names.signature}` };

  const skew = parts.nowMs - timestampMs;
  if (skew > windowMs) return { ok: false, resultCode: '000001', reason: `stale ${names.timestamp} (${Math.round(skew / 1000)} s old)` };
  if (-skew > windowMs) return { ok: false, resultCode: '000001', reason: `${names.timestamp} in the future (${Math.round(-skew / 1000)} s ahead)` };

  return { ok: true, signature, timestampMs, nonce };
}

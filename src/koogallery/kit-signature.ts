/**
 * 联营 Kit request signature: headers `x-sign`, `x-timestamp` (ms), `x-nonce`.
 *
 * Spec: docs/protocol/kit.md#signature —
 *   x-sign = hex(HMAC_SHA256(accessKey, accessKey + nonce + timestamp + RequestPayload))
 * (no inner hash, unlike the base interface). RequestPayload = body with top-level keys sorted and
 * top-level nulls dropped; whether Huawei also sorts nested keys is unconfirmed, so the verifier also
 * tries nested-sorted variants. Same outcome codes and ±window rule as the base signature.
 */
import { checkSignatureParts, hmacSha256Hex, type VerifyOutcome } from './hmac';
import { matchCandidates } from './signature';

export interface SignKitInput {
  accessKey: string;
  nonce: string;
  timestamp: string | number;
  payload: string;
}

export function signKit({ accessKey, nonce, timestamp, payload }: SignKitInput): string {
  return hmacSha256Hex(accessKey, accessKey + nonce + String(timestamp) + payload);
}

export interface KitSignatureHeaders {
  sign: string | null | undefined;
  timestamp: string | null | undefined;
  nonce: string | null | undefined;
}

export interface VerifyKitInput {
  accessKey: string;
  headers: KitSignatureHeaders;
  rawBody: string;
  nowMs: number;
  windowMs?: number;
}

/** Read the three kit headers from a Fetch `Headers` (names are case-insensitive there). */
export function kitHeadersFrom(headers: { get(name: string): string | null }): KitSignatureHeaders {
  return { sign: headers.get('x-sign'), timestamp: headers.get('x-timestamp'), nonce: headers.get('x-nonce') };
}

export function verifyKit(input: VerifyKitInput): VerifyOutcome {
  const parts = checkSignatureParts(
    { signature: input.headers.sign, timestamp: input.headers.timestamp, nonce: input.headers.nonce, nowMs: input.nowMs, windowMs: input.windowMs },
    { signature: 'x-sign', timestamp: 'x-timestamp', nonce: 'x-nonce' },
  );
  if (!parts.ok) return parts;
  const timestamp = (input.headers.timestamp ?? '').trim();
  return matchCandidates(parts, input.rawBody, true, 'x-sign', (payload) =>
    signKit({ accessKey: input.accessKey, nonce: parts.nonce, timestamp, payload }),
  );
}

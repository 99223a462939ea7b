/**
 * V2 base-interface request signature ("HTTP Body签名"): query parameters `signature`,
 * `timestamp` (ms) and `nonce`.
 *
 * Spec: docs/protocol/base-interface.md#signature —
 *   inner     = lowercase hex(HMAC_SHA256(accessKey, canonicalPayload))
 *   signature = hex(HMAC_SHA256(accessKey, accessKey + nonce + timestamp + inner))
 * compared case-insensitively. Outcomes: missing/invalid timestamp or missing nonce → 000002;
 * missing/wrong signature → 000001; docs/protocol/README.md#d1: outside ±60 s (either direction) → 000001.
 * Nonce replay is the caller's job (it needs storage); this module is pure.
 */
import { canonicalPayloads } from './canonical-payload';
import { MalformedJsonError } from './json-parser';
import { checkSignatureParts, hmacSha256Hex, safeEqualHex, type VerifyOutcome } from './hmac';

export type { VerifyOutcome, VerifyFailure, VerifySuccess } from './hmac';

/** Lower-case hex HMAC of the canonical payload (the doc's `Lowercase(HexEncode(...))`). */
export function innerHash(accessKey: string, payload: string): string {
  return hmacSha256Hex(accessKey, payload);
}

export interface SignBaseInput {
  accessKey: string;
  nonce: string;
  /** UNIX milliseconds, as sent in the query (string or number). */
  timestamp: string | number;
  /** Canonical payload (see canonicalPayload); for marketplace-style bodies this is the body. */
  payload: string;
}

/** Lower-case hex signature; the marketplace sends upper case, verification ignores case. */
export function signBase({ accessKey, nonce, timestamp, payload }: SignBaseInput): string {
  return hmacSha256Hex(accessKey, accessKey + nonce + String(timestamp) + innerHash(accessKey, payload));
}

export interface VerifyBaseInput {
  accessKey: string;
  signature: string | null | undefined;
  timestamp: string | null | undefined;
  nonce: string | null | undefined;
  /** The request body exactly as received (decoded as UTF-8). */
  rawBody: string;
  nowMs: number;
  /** Allowed clock difference in both directions; default 60 000. */
  windowMs?: number;
}

/**
 * Candidates to sign: every canonical variant, then the raw body itself (the detail spec's
 * recommendation; harmless because it is still keyed with the secret). A body that is not a JSON
 * object yields only the raw candidate, so junk is answered 000001 unless it was really signed.
 */
export function candidatePayloads(rawBody: string, sortNested: boolean): { candidates: string[]; malformed: MalformedJsonError | null } {
  let candidates: string[] = [];
  let malformed: MalformedJsonError | null = null;
  try {
    candidates = canonicalPayloads(rawBody, { sortNested });
  } catch (err) {
    if (!(err instanceof MalformedJsonError)) throw err;
    malformed = err;
  }
  if (!candidates.includes(rawBody)) candidates.push(rawBody);
  return { candidates, malformed };
}

export function verifyBase(input: VerifyBaseInput): VerifyOutcome {
  const parts = checkSignatureParts(
    { signature: input.signature, timestamp: input.timestamp, nonce: input.nonce, nowMs: input.nowMs, windowMs: input.windowMs },
    { signature: 'signature', timestamp: 'timestamp', nonce: 'nonce' },
  );
  if (!parts.ok) return parts;
  // Sign with the timestamp text as received (leading zeros or not), like the Java demo.
  const timestamp = (input.timestamp ?? '').trim();
  return matchCandidates(parts, input.rawBody, false, 'signature', (payload) =>
    signBase({ accessKey: input.accessKey, nonce: parts.nonce, timestamp, payload }),
  );
}

/**
 * Shared tail of the base and Kit verifiers: the signature must match one candidate payload
 * (constant-time compare); a validly signed body that is not JSON is a parameter error.
 */
export function matchCandidates(
  parts: { signature: string; timestampMs: number },
  rawBody: string,
  sortNested: boolean,
  signatureName: string,
  sign: (payload: string) => string,
): VerifyOutcome {
  const { candidates, malformed } = candidatePayloads(rawBody, sortNested);
  for (const payload of candidates) {
    if (safeEqualHex(sign(payload), parts.signature)) {
      if (malformed) return { ok: false, resultCode: '000002', reason: malformed.message };
      return { ok: true, timestampMs: parts.timestampMs, payload };
    }
  }
  return { ok: false, resultCode: '000001', reason: `${signatureName} mismatch` };
}

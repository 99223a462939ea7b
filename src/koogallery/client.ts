/**
 * Marketplace-side signer: builds requests the way KooGallery sends them, for tests and the local
 * simulator (never used to verify).
 *
 * Spec: docs/protocol/base-interface.md#transport, docs/protocol/base-interface.md#signature (POST, query `signature`/`timestamp`/`nonce`,
 * headers `Accept` and `Content-Type:application/json;charset=utf8`, bodies compact with top-level
 * keys sorted, upper-case hex in the examples, 64-hex nonces); docs/protocol/kit.md#signature (kit headers
 * `x-sign`/`x-timestamp`/`x-nonce`, sub-paths `/produceAPI/v2/<kind>`; the published kit example keeps
 * fields in document order, so kit bodies are sent unsorted and signed over the canonical form).
 */
import { randomBytes } from 'node:crypto';
import { canonicalPayload, stringifyTopSorted } from './canonical-payload';
import { signKit } from './kit-signature';
import { signBase } from './signature';

export interface SignedRequest {
  url: string;
  headers: Record<string, string>;
  body: string;
}

interface CommonOptions {
  accessKey: string;
  /** Signing time; default Date.now(). Shift it to produce stale/future requests. */
  nowMs?: number;
  nonce?: string;
  /** The marketplace's examples use upper-case hex; verification must accept both. */
  signatureCase?: 'upper' | 'lower';
}

/** 64 upper-case hex characters, like the nonces in the docs. */
export function marketplaceNonce(): string {
  return randomBytes(32).toString('hex').toUpperCase();
}

const JSON_HEADERS = { Accept: 'application/json', 'Content-Type': 'application/json;charset=utf8' } as const;

export interface SignedBaseRequestInput extends CommonOptions {
  /** Production address, e.g. https://isv.example.com/saasproduce */
  baseUrl: string;
  /** Object (serialised with sorted top-level keys, nulls dropped) or raw text sent verbatim. */
  body: Record<string, unknown> | string;
}

export function signedBaseRequest(input: SignedBaseRequestInput): SignedRequest {
  const body = typeof input.body === 'string' ? input.body : stringifyTopSorted(input.body);
  const timestamp = String(input.nowMs ?? Date.now());
  const nonce = input.nonce ?? marketplaceNonce();
  let signature = signBase({ accessKey: input.accessKey, nonce, timestamp, payload: canonicalPayload(body) });
  if ((input.signatureCase ?? 'upper') === 'upper') signature = signature.toUpperCase();
  const url = new URL(input.baseUrl);
  url.searchParams.set('signature', signature);
  url.searchParams.set('timestamp', timestamp);
  url.searchParams.set('nonce', nonce);
  return { url: url.toString(), headers: { ...JSON_HEADERS }, body };
}

export interface SignedKitRequestInput extends CommonOptions {
  baseUrl: string;
  /** Sub-path appended to the production address, e.g. `/produceAPI/v2/tenantSync`. */
  path: string;
  /** Object (serialised in its own key order) or raw text sent verbatim. */
  body: Record<string, unknown> | string;
}

export function signedKitRequest(input: SignedKitRequestInput): SignedRequest {
  const body = typeof input.body === 'string' ? input.body : JSON.stringify(input.body);
  const timestamp = String(input.nowMs ?? Date.now());
  const nonce = input.nonce ?? marketplaceNonce();
  let sign = signKit({ accessKey: input.accessKey, nonce, timestamp, payload: canonicalPayload(body) });
  if ((input.signatureCase ?? 'upper') === 'upper') sign = sign.toUpperCase();
  const url = new URL(input.baseUrl);
  url.pathname = url.pathname.replace(/\/+$/, '') + '/' + input.path.replace(/^\/+/, '');
  return {
    url: url.toString(),
    headers: { ...JSON_HEADERS, 'x-sign': sign, 'x-timestamp': timestamp, 'x-nonce': nonce },
    body,
  };
}

/**
 * The signature of calls signed in the URL query (signature, timestamp, nonce), as the base
 * interface, the License callbacks and the conformance report use it: the nonce, the check of the
 * parts alone (for a body too large to verify) and the full verification over the raw body
 * (docs/protocol/base-interface.md#signature).
 */
import { checkSignatureParts, type CheckedParts } from "~/koogallery/hmac";
import { verifyBase, type VerifyOutcome } from "~/koogallery/signature";

export interface QuerySigned {
  nonce: string | null;
  checkSignatureParts(nowMs: number): CheckedParts;
  verify(nowMs: number): VerifyOutcome;
}

export function querySignature(accessKey: string, windowMs: number, input: { query: URLSearchParams; rawBody: string }): QuerySigned {
  const signature = input.query.get("signature");
  const timestamp = input.query.get("timestamp");
  const nonce = input.query.get("nonce");
  return {
    nonce,
    checkSignatureParts: (nowMs) =>
      checkSignatureParts({ signature, timestamp, nonce, nowMs, windowMs }, { signature: "signature", timestamp: "timestamp", nonce: "nonce" }),
    verify: (nowMs) => verifyBase({ accessKey, signature, timestamp, nonce, rawBody: input.rawBody, nowMs, windowMs }),
  };
}

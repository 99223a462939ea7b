/**
 * Decodes next-auth's session cookie (an encrypted JWT) exactly as next-auth/jwt `decode` does,
 * but derives the key once per secret instead of on every call: next-auth runs HKDF for each
 * request, which was the largest single cost of a metered tRPC call's CPU after routing
 * (README "Benchmarks"). Same algorithm, so cookies from next-auth's `encode` decode here and
 * vice versa: HKDF-SHA256 of NEXTAUTH_SECRET with an empty salt and the info "NextAuth.js
 * Generated Encryption Key", 32 bytes, used directly (`dir`) for A256GCM; 15 s clock tolerance.
 * The key depends on the secret only, so remembering it weakens nothing.
 */
import { hkdfSync } from "node:crypto";
import { jwtDecrypt } from "jose";
import type { JWT } from "next-auth/jwt";

const INFO = "NextAuth.js Generated Encryption Key";
const keys = new Map<string, Uint8Array>();

function keyFor(secret: string): Uint8Array {
  let key = keys.get(secret);
  if (!key) {
    key = new Uint8Array(hkdfSync("sha256", secret, "", INFO, 32));
    // One secret in practice (two while it is rotated); a bound all the same.
    if (keys.size >= 4) keys.clear();
    keys.set(secret, key);
  }
  return key;
}

/** The token's claims; throws when it is tampered with, expired or made with another secret. */
export async function decodeSessionToken(token: string, secret: string): Promise<JWT> {
  const { payload } = await jwtDecrypt(token, keyFor(secret), { clockTolerance: 15 });
  // What next-auth's decode returns too: the claims as its (augmented) JWT type.
  return payload as JWT;
}

/**
 * The keys a check inspects without ever showing them: whether the signing keys are the
 * development defaults, and the public half of KOOGALLERY_RSA_PRIVATE_KEY (fingerprint, bits).
 */
import { createHash, createPublicKey } from "node:crypto";
import { DEV_DEFAULTS, type Env } from "~/env";
import { loadPrivateKey } from "~/koogallery/rsa";
import type { RsaPublicKeyInfo } from "./types";

export function accessKeyIsDevDefault(env: Env): boolean {
  return env.usingDevDefaults.includes("KOOGALLERY_ACCESS_KEY") || env.KOOGALLERY_ACCESS_KEY === DEV_DEFAULTS.KOOGALLERY_ACCESS_KEY;
}


/** The usage-push key defaults to KOOGALLERY_ACCESS_KEY, which itself has a development default. */
export function pushKeyIsDevDefault(env: Env): boolean {
  return accessKeyIsDevDefault(env) && env.KOOGALLERY_USAGE_PUSH_KEY === env.KOOGALLERY_ACCESS_KEY;
}

/** The public half of KOOGALLERY_RSA_PRIVATE_KEY, or why it cannot be used. */
export function inspectRsaKey(pem: string | undefined):
  | { state: "missing" }
  | { state: "unreadable" }
  | { state: "not-rsa"; type: string }
  | { state: "ok"; key: RsaPublicKeyInfo } {
  if (!pem) return { state: "missing" };
  let publicKey;
  try {
    publicKey = createPublicKey(loadPrivateKey(pem));
  } catch {
    return { state: "unreadable" };
  }
  const bits = publicKey.asymmetricKeyDetails?.modulusLength;
  if (publicKey.asymmetricKeyType !== "rsa" || !bits) return { state: "not-rsa", type: publicKey.asymmetricKeyType ?? "unknown" };
  const der = publicKey.export({ type: "spki", format: "der" });
  const hex = createHash("sha256").update(der).digest("hex");
  return {
    state: "ok",
    key: {
      pem: String(publicKey.export({ type: "spki", format: "pem" })).trim(),
      fingerprintSha256: hex.match(/../g)!.join(":"),
      modulusBits: bits,
    },
  };
}

/**
 * Secrets kept in the database (initial admin passwords, Kit client secrets) are sealed with
 * AES-256-GCM under DATA_ENCRYPTION_KEY, so a database dump alone does not reveal them.
 * Format: "v1:" + base64(iv[12] | tag[16] | ciphertext).
 */
import { createCipheriv, createDecipheriv, createSecretKey, randomBytes, type KeyObject } from "node:crypto";
import { decodeKey, getEnv } from "~/env";

// The last key text decoded, as an immutable KeyObject: every sealed password of a signed call
// uses the same DATA_ENCRYPTION_KEY, so it is decoded once, not per call.
let lastKey: { text: string; key: KeyObject } | undefined;

function key(explicit?: string): KeyObject {
  const text = explicit ?? getEnv().DATA_ENCRYPTION_KEY;
  if (lastKey?.text === text) return lastKey.key;
  const k = decodeKey(text);
  if (!k) throw new Error("DATA_ENCRYPTION_KEY must be 32 bytes (base64 or hex)");
  lastKey = { text, key: createSecretKey(k) };
  return lastKey.key;
}

export function seal(plaintext: string, keyText?: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key(keyText), iv);
  const ct = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return `v1:${Buffer.concat([iv, cipher.getAuthTag(), ct]).toString("base64")}`;
}

export function unseal(sealed: string, keyText?: string): string {
  if (!sealed.startsWith("v1:")) throw new Error("unknown sealed-secret format");
  const raw = Buffer.from(sealed.slice(3), "base64");
  const decipher = createDecipheriv("aes-256-gcm", key(keyText), raw.subarray(0, 12));
  decipher.setAuthTag(raw.subarray(12, 28));
  return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString("utf8");
}

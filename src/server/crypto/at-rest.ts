/**
 * Secrets kept in the database (initial admin passwords, Kit client secrets) are sealed with
 * AES-256-GCM under DATA_ENCRYPTION_KEY, so a database dump alone does not reveal them.
 * Format: "v1:" + base64(iv[12] | tag[16] | ciphertext).
 */
import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import { decodeKey, getEnv } from "~/env";

function key(explicit?: string): Buffer {
  const k = decodeKey(explicit ?? getEnv().DATA_ENCRYPTION_KEY);
  if (!k) throw new Error("DATA_ENCRYPTION_KEY must be 32 bytes (base64 or hex)");
  return k;
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

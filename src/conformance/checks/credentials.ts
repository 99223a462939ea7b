/**
 * appInfo userName/password: with `encryptType` in the answer they are AES-encrypted with a key
 * derived from the access key (README "Decisions": credentials), and the console decrypts them
 * with that key — so they must decrypt here too, to valid UTF-8.
 */
import { CredentialCryptoError, decryptCredential, type EncryptType } from "../../koogallery/credential-crypto";
import { emptyVerdict, type Verdict } from "./verdict";

export function checkCredentials(appInfo: Record<string, unknown>, encryptType: unknown, accessKey: string, where: string): Verdict {
  const v = emptyVerdict();
  if (encryptType === undefined) return v;
  if (encryptType !== "1" && encryptType !== "2") {
    v.failures.push(`encryptType ${JSON.stringify(encryptType)} is neither "1" (AES-256) nor "2" (AES-128)`);
    return v;
  }
  for (const field of ["userName", "password"] as const) {
    const value = appInfo[field];
    if (value === undefined) continue;
    if (typeof value !== "string") {
      v.failures.push(`${where}.${field} is not a string`);
      continue;
    }
    try {
      decryptCredential(value, accessKey, encryptType as EncryptType);
    } catch (err) {
      const reason = err instanceof CredentialCryptoError ? err.message : String(err);
      v.failures.push(`${where}.${field} cannot be decrypted with the key (encryptType ${encryptType}): ${reason}`);
    }
  }
  return v;
}

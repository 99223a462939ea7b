/** Area "kit": what 联营 Kit sync needs — the RSA key whose public half the 应用凭证 holds, the appId. */
import type { Env } from "~/env";
import type { inspectRsaKey } from "./keys";
import { advisory, severe } from "./severity";
import type { SetupCheck } from "./types";

const MIN_RSA_BITS = 3072;

export function kitChecks(env: Env, rsa: ReturnType<typeof inspectRsaKey>): SetupCheck[] {
  const checks: SetupCheck[] = [];
  const area = "kit" as const;
  const keyFix = "Run `npm run keys:rsa`, upload the printed public key to the 应用凭证 and put the private key into KOOGALLERY_RSA_PRIVATE_KEY.";
  switch (rsa.state) {
    case "missing":
      checks.push({
        id: "rsa-key",
        area,
        status: severe(env),
        title: "KOOGALLERY_RSA_PRIVATE_KEY is not set",
        detail: "The key decrypts the clientSecret that applicationSync delivers (docs/protocol/kit.md#client-secret). Without it applicationSync answers 000101 and stores no app credential, so tenants synced from now on cannot sign in through their OneAccess (the login needs that secret, docs/protocol/login.md). Tenants that already have a credential, and the demo tenants of the built-in emulator, are not affected. Needed for 联营 products only.",
        fix: keyFix,
      });
      break;
    case "unreadable":
      checks.push({
        id: "rsa-key",
        area,
        status: "problem",
        title: "KOOGALLERY_RSA_PRIVATE_KEY cannot be read",
        detail: "It is not an unencrypted PEM or Base64 DER private key (PKCS#8 or PKCS#1).",
        fix: keyFix,
      });
      break;
    case "not-rsa":
      checks.push({
        id: "rsa-key",
        area,
        status: "problem",
        title: "KOOGALLERY_RSA_PRIVATE_KEY is not an RSA key",
        detail: `It is a ${rsa.type} key; the marketplace encrypts clientSecret with RSA-OAEP.`,
        fix: keyFix,
      });
      break;
    case "ok": {
      const { modulusBits, fingerprintSha256, pem } = rsa.key;
      checks.push(
        modulusBits < MIN_RSA_BITS
          ? {
              id: "rsa-key",
              area,
              status: "problem",
              title: `RSA key is ${modulusBits} bits (needs ≥ ${MIN_RSA_BITS})`,
              detail: `The 应用凭证 requires RSA ≥ ${MIN_RSA_BITS} bits. Public key SHA-256 ${fingerprintSha256}.`,
              fix: keyFix,
              value: pem,
            }
          : {
              id: "rsa-key",
              area,
              status: "ok",
              title: `RSA key readable, ${modulusBits} bits`,
              detail: `Compare this public key with the one uploaded to the 应用凭证. SHA-256 ${fingerprintSha256}.`,
              value: pem,
            },
      );
    }
  }

  checks.push(
    env.KOOGALLERY_APP_ID
      ? { id: "app-id", area, status: "ok", title: "KOOGALLERY_APP_ID is set", detail: `appId ${env.KOOGALLERY_APP_ID}: unified login and the authSync grant check use it.` }
      : {
          id: "app-id",
          area,
          status: advisory(env),
          title: "KOOGALLERY_APP_ID is not set",
          detail: "No unified-login button; logins use the tenant's latest application without a grant check.",
          fix: "Put the 应用凭证's appId into KOOGALLERY_APP_ID.",
        },
  );
  return checks;
}

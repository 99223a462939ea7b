/** Area "kit": what 联营 Kit sync needs — the RSA key whose public half the 应用凭证 holds, the appId. */
import type { Env } from "~/env";
import type { inspectRsaKey } from "./keys";
import { advisory, severe } from "./severity";
import { makeCheck } from "./check";
import { text } from "./messages";
import type { SetupCheck } from "./types";

const MIN_RSA_BITS = 3072;

export function kitChecks(env: Env, rsa: ReturnType<typeof inspectRsaKey>): SetupCheck[] {
  const checks: SetupCheck[] = [];
  const area = "kit" as const;
  const rsaCheck = { id: "rsa-key", area };
  const fix = text("setup.rsa.fix");
  switch (rsa.state) {
    case "missing":
      checks.push(makeCheck({ ...rsaCheck, status: severe(env) }, { title: text("setup.rsa.missing.title"), detail: text("setup.rsa.missing.detail"), fix }));
      break;
    case "unreadable":
      checks.push(makeCheck({ ...rsaCheck, status: "problem" }, { title: text("setup.rsa.unreadable.title"), detail: text("setup.rsa.unreadable.detail"), fix }));
      break;
    case "not-rsa":
      checks.push(makeCheck({ ...rsaCheck, status: "problem" }, { title: text("setup.rsa.notRsa.title"), detail: text("setup.rsa.notRsa.detail", { type: rsa.type }), fix }));
      break;
    case "ok": {
      const { modulusBits, fingerprintSha256, pem } = rsa.key;
      checks.push(
        modulusBits < MIN_RSA_BITS
          ? makeCheck(
              { ...rsaCheck, status: "problem", value: pem },
              {
                title: text("setup.rsa.short.title", { bits: modulusBits, min: MIN_RSA_BITS }),
                detail: text("setup.rsa.short.detail", { min: MIN_RSA_BITS, fingerprint: fingerprintSha256 }),
                fix,
              },
            )
          : makeCheck(
              { ...rsaCheck, status: "ok", value: pem },
              { title: text("setup.rsa.ok.title", { bits: modulusBits }), detail: text("setup.rsa.ok.detail", { fingerprint: fingerprintSha256 }) },
            ),
      );
    }
  }

  checks.push(
    env.KOOGALLERY_APP_ID
      ? makeCheck({ id: "app-id", area, status: "ok" }, { title: text("setup.appId.ok.title"), detail: text("setup.appId.ok.detail", { appId: env.KOOGALLERY_APP_ID }) })
      : makeCheck(
          { id: "app-id", area, status: advisory(env) },
          { title: text("setup.appId.missing.title"), detail: text("setup.appId.missing.detail"), fix: text("setup.appId.missing.fix") },
        ),
  );
  return checks;
}

/** Area "kit", the login half: the OAuth2.0 callback to register, and the local OneAccess emulator's switch. */
import type { Env } from "~/env";
import { oneAccessCallbackUrl } from "~/server/auth/login-state";
import { isProduction } from "./severity";
import { makeCheck } from "./check";
import { text } from "./messages";
import type { SetupCheck } from "./types";

export function oneAccessChecks(env: Env): SetupCheck[] {
  const checks: SetupCheck[] = [];
  const area = "kit" as const;

  checks.push(
    makeCheck(
      { id: "login-callback", area, status: "info", value: oneAccessCallbackUrl(env) },
      { title: text("setup.loginCallback.title"), detail: text("setup.loginCallback.detail") },
    ),
  );

  checks.push(
    !env.ONEACCESS_EMULATOR
      ? makeCheck({ id: "oneaccess-emulator", area, status: "ok" }, { title: text("setup.emulator.off.title"), detail: text("setup.emulator.off.detail") })
      : makeCheck(
          { id: "oneaccess-emulator", area, status: isProduction(env) ? "problem" : "info" },
          { title: text("setup.emulator.on.title"), detail: text("setup.emulator.on.detail"), fix: isProduction(env) ? text("setup.emulator.on.fix") : undefined },
        ),
  );
  return checks;
}

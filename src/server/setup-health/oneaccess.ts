/** Area "kit", the login half: the OAuth2.0 callback to register, and the local OneAccess emulator's switch. */
import type { Env } from "~/env";
import { oneAccessCallbackUrl } from "~/server/auth/login-state";
import { isProduction } from "./severity";
import type { SetupCheck } from "./types";

export function oneAccessChecks(env: Env): SetupCheck[] {
  const checks: SetupCheck[] = [];
  const area = "kit" as const;

  checks.push({
    id: "login-callback",
    area,
    status: "info",
    title: "Login callback URL (OAuth2.0)",
    detail: "Set this as the login URL in the 应用凭证.",
    value: oneAccessCallbackUrl(env),
  });

  checks.push(
    !env.ONEACCESS_EMULATOR
      ? { id: "oneaccess-emulator", area, status: "ok", title: "OneAccess emulator is off", detail: "Customers sign in at their organisation's real OneAccess." }
      : {
          id: "oneaccess-emulator",
          area,
          status: isProduction(env) ? "problem" : "info",
          title: "OneAccess emulator is on",
          detail: "Anyone can sign in as a demo user at /dev/oneaccess/*.",
          fix: isProduction(env) ? "Unset ONEACCESS_EMULATOR (or set it to false) on production servers." : undefined,
        },
  );
  return checks;
}

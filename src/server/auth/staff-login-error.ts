/**
 * The error codes of the staff sign-in as next-auth carries them to the login form (`?error=` /
 * signIn()'s `error`), what each means, and the English sentence for it (logs, tests). The form
 * shows the sentence in the console's language from the same parse (i18n/admin, "login.error.*").
 * Pure: the client form imports it.
 *
 * A throttled attempt is answered `StaffLocked:<seconds>` (authorize throws it; next-auth passes
 * an error's message through), so the form can say how long to wait.
 */
const LOCKED_PREFIX = "StaffLocked:";

/** An attempt that failed for another reason than the credentials (the database …): shown as "other". */
export const STAFF_SIGN_IN_FAILED = "StaffSignInFailed";

export function lockedErrorCode(retryAfterSeconds: number): string {
  return `${LOCKED_PREFIX}${Math.max(1, Math.ceil(retryAfterSeconds))}`;
}

/** How long to wait, in the unit the message names: seconds under a minute, else whole minutes (rounded up). */
export interface StaffLoginWait {
  unit: "second" | "minute";
  n: number;
}

export type StaffLoginError =
  | { kind: "CredentialsSignin" | "SessionRequired" | "other" }
  | { kind: "locked"; wait: StaffLoginWait };

export function waitOf(seconds: number): StaffLoginWait {
  return seconds < 60 ? { unit: "second", n: seconds } : { unit: "minute", n: Math.ceil(seconds / 60) };
}

export function parseStaffLoginError(code: string): StaffLoginError {
  if (code.startsWith(LOCKED_PREFIX)) {
    const seconds = Number(code.slice(LOCKED_PREFIX.length));
    if (Number.isInteger(seconds) && seconds > 0 && seconds < 1e7) return { kind: "locked", wait: waitOf(seconds) };
  }
  if (code === "CredentialsSignin" || code === "SessionRequired") return { kind: code };
  return { kind: "other" };
}

/**
 * The code the login page hands its form, from `?error=` (anyone can write any text there):
 * one of the known codes, a well-formed StaffLocked:<seconds>, else STAFF_SIGN_IN_FAILED — never
 * the raw text.
 */
export function loginErrorCode(value: string): string {
  const error = parseStaffLoginError(value);
  if (error.kind === "locked") return lockedErrorCode(Number(value.slice(LOCKED_PREFIX.length)));
  return error.kind === "other" ? STAFF_SIGN_IN_FAILED : error.kind;
}

/** "12 minutes", "1 minute", "45 seconds". */
export function waitText(seconds: number): string {
  const { unit, n } = waitOf(seconds);
  return `${n} ${unit}${n === 1 ? "" : "s"}`;
}

const MESSAGES = {
  CredentialsSignin: "Wrong username or password.",
  SessionRequired: "Please sign in.",
  other: "Sign-in failed. Please try again.",
} as const;

/** The English sentence for a sign-in error code. */
export function staffLoginMessage(code: string): string {
  const error = parseStaffLoginError(code);
  if (error.kind === "locked") {
    const { unit, n } = error.wait;
    return `Too many sign-in attempts. Sign-in is locked; try again in ${n} ${unit}${n === 1 ? "" : "s"}.`;
  }
  return MESSAGES[error.kind];
}

/**
 * The error codes of the staff sign-in as next-auth carries them to the login form (`?error=` /
 * signIn()'s `error`), and the sentence the form shows for each. Pure: the client form imports it.
 *
 * A throttled attempt is answered `StaffLocked:<seconds>` (authorize throws it; next-auth passes
 * an error's message through), so the form can say how long to wait.
 */
const LOCKED_PREFIX = "StaffLocked:";

export function lockedErrorCode(retryAfterSeconds: number): string {
  return `${LOCKED_PREFIX}${Math.max(1, Math.ceil(retryAfterSeconds))}`;
}

/** "12 minutes", "1 minute", "45 seconds". */
export function waitText(seconds: number): string {
  if (seconds < 60) return `${seconds} second${seconds === 1 ? "" : "s"}`;
  const minutes = Math.ceil(seconds / 60);
  return `${minutes} minute${minutes === 1 ? "" : "s"}`;
}

const MESSAGES: Record<string, string> = {
  CredentialsSignin: "Wrong username or password.",
  SessionRequired: "Please sign in.",
};

export function staffLoginMessage(code: string): string {
  if (code.startsWith(LOCKED_PREFIX)) {
    const seconds = Number(code.slice(LOCKED_PREFIX.length));
    if (Number.isInteger(seconds) && seconds > 0 && seconds < 1e7) {
      return `Too many sign-in attempts. Sign-in is locked; try again in ${waitText(seconds)}.`;
    }
  }
  return MESSAGES[code] ?? "Sign-in failed. Please try again.";
}

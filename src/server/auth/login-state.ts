/**
 * CSRF `state` for logins this app starts itself (the direct OneAccess authorize flow).
 *
 * next-auth's own state check is off for the OneAccess provider (`checks: ["none"]`): the
 * marketplace's unified login takes no state and sends none back (docs/protocol/login.md#web-login-flow), and
 * next-auth's generated state contains `-`/`_`, which OneAccess does not accept ("letters/
 * digits", docs/protocol/login.md#authorize). So when we send the browser to `/api/v1/oauth2/authorize` we make a
 * letters-and-digits state (newState()) and remember it, with the tenant, in a short-lived
 * HttpOnly cookie scoped to the callback path and MACed with NEXTAUTH_SECRET (a cookie planted
 * by a sibling domain cannot pass). The callback compares both before handing over to
 * next-auth.
 */
import { createHmac, timingSafeEqual } from "node:crypto";
import { appBaseUrl, getEnv, type Env } from "~/env";

export const LOGIN_STATE_COOKIE = "koo-oneaccess-state";
export const ONEACCESS_CALLBACK_PATH = "/api/auth/callback/oneaccess";
/** The callback registered as the app's login URL (and sent as redirect_uri by the direct flow). */
export function oneAccessCallbackUrl(env: Pick<Env, "APP_URL"> = getEnv()): string {
  return `${appBaseUrl(env)}${ONEACCESS_CALLBACK_PATH}`;
}

/** Time to sign in at OneAccess. */
export const LOGIN_STATE_MAX_AGE_SECONDS = 600;

export interface LoginState {
  state: string;
  tenantId: string;
  expiresAtMs: number;
  /** Where to go after the sign-in (a deep link), already through the redirect guard; absent = home. */
  next?: string;
}

function mac(payload: string, secret: string): string {
  return createHmac("sha256", secret).update("oneaccess-login-state\0").update(payload).digest("base64url");
}

export function sealLoginState(s: LoginState, secret: string): string {
  const fields: unknown[] = [s.state, s.tenantId, s.expiresAtMs];
  if (s.next !== undefined) fields.push(s.next);
  const payload = Buffer.from(JSON.stringify(fields), "utf8").toString("base64url");
  return `${payload}.${mac(payload, secret)}`;
}

/** The state in the cookie, or null when it is missing, forged or expired. */
export function openLoginState(value: string | undefined, secret: string, nowMs: number): LoginState | null {
  if (!value) return null;
  const dot = value.indexOf(".");
  if (dot <= 0) return null;
  const payload = value.slice(0, dot);
  if (!sameString(value.slice(dot + 1), mac(payload, secret))) return null;
  try {
    const parsed: unknown = JSON.parse(Buffer.from(payload, "base64url").toString("utf8"));
    if (!Array.isArray(parsed) || parsed.length < 3 || parsed.length > 4) return null;
    const [state, tenantId, expiresAtMs, next] = parsed as unknown[];
    if (typeof state !== "string" || typeof tenantId !== "string" || typeof expiresAtMs !== "number") return null;
    if (next !== undefined && typeof next !== "string") return null;
    if (expiresAtMs <= nowMs) return null;
    return next === undefined ? { state, tenantId, expiresAtMs } : { state, tenantId, expiresAtMs, next };
  } catch {
    return null;
  }
}

/** Constant-time string comparison (for the state and the MAC). */
export function sameString(a: string, b: string): boolean {
  const ba = Buffer.from(a, "utf8");
  const bb = Buffer.from(b, "utf8");
  return ba.length === bb.length && timingSafeEqual(ba, bb);
}

/**
 * SameSite=Lax: the browser sends it on OneAccess's top-level redirect back to the callback,
 * never on cross-site subrequests.
 */
export function loginStateCookie(value: string, secure: boolean): string {
  return `${LOGIN_STATE_COOKIE}=${value}; Path=${ONEACCESS_CALLBACK_PATH}; Max-Age=${LOGIN_STATE_MAX_AGE_SECONDS}; HttpOnly; SameSite=Lax${secure ? "; Secure" : ""}`;
}

export function clearLoginStateCookie(secure: boolean): string {
  return `${LOGIN_STATE_COOKIE}=; Path=${ONEACCESS_CALLBACK_PATH}; Max-Age=0; HttpOnly; SameSite=Lax${secure ? "; Secure" : ""}`;
}

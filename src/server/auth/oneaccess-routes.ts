/**
 * The customer (联营账号) sign-in, callback and sign-out as request → response functions, so the
 * route files stay thin:
 *
 *   /login/start?tenant=<tenantId or tenantCode>[&next=<path>]  startDirectLogin → 302 {domain}/api/v1/oauth2/authorize
 *   /api/auth/callback/oneaccess?code&tenant[&state] handleOneAccessCallback → 302 /app (or the login's
 *                                                   `next`, through the redirect guard) or /login?error=…
 *   POST /logout                                    customerLogout    → 302 {domain}/api/v1/logout?redirect_url=…
 *
 * The unified login needs no route: /login links to buildUnifiedLoginUrl (its parameters live in
 * the URL fragment, which next-auth's signIn() would not produce).
 * Register `{APP_URL}/api/auth/callback/oneaccess` as the 应用凭证's login URL.
 */
import type { NextRequest } from "next/server";
import nextAuthModule from "next-auth";
import { getToken } from "next-auth/jwt";
import { appBaseUrl, getEnv, type Env } from "~/env";
import { buildAuthorizeUrl, buildLogoutUrl, isOneAccessError, newState, resolveTenantLogin, type OneAccessDb } from "~/server/oneaccess";
import { hasUnstorableText } from "~/server/db/safe-text";
import { safeRedirectPath } from "~/server/security/redirect-guard";
import { revokeCustomerSession, type CustomerSessionDb } from "./customer-session";
import { interopDefault } from "./interop";
import { loginErrorForOneAccess, loginErrorForTenantLogin, loginErrorPath, type LoginErrorCode } from "./login-errors";
import {
  clearLoginStateCookie,
  LOGIN_STATE_COOKIE,
  LOGIN_STATE_MAX_AGE_SECONDS,
  loginStateCookie,
  oneAccessCallbackUrl,
  openLoginState,
  sameString,
  sealLoginState,
} from "./login-state";
import { callbackAuthOptions, newCallbackContext } from "./oneaccess-provider";
import { logger } from "~/server/observability/logger";
import { countSignInFailure } from "~/server/observability/metrics";

const NextAuth = interopDefault(nextAuthModule);

/** Where customers land after signing in. */
export const CUSTOMER_HOME_PATH = "/app";

/** A deep link to return to after the customer sign-in: a path of this app (redirect guard), else home. */
export function customerNextPath(value: unknown, env: Pick<Env, "APP_URL"> = getEnv()): string {
  return safeRedirectPath(value, { fallback: CUSTOMER_HOME_PATH, origin: appBaseUrl(env) });
}

function isSecure(env: Pick<Env, "APP_URL">): boolean {
  return appBaseUrl(env).startsWith("https://");
}

/** next-auth names its cookie `__Secure-…` when NEXTAUTH_URL (default APP_URL) is https. */
function secureSessionCookie(env: Pick<Env, "APP_URL">): boolean {
  return (process.env.NEXTAUTH_URL ?? appBaseUrl(env)).startsWith("https://");
}

function redirect(location: string, cookies: string[] = []): Response {
  const headers = new Headers({ Location: location, "Cache-Control": "no-store" });
  for (const c of cookies) headers.append("Set-Cookie", c);
  return new Response(null, { status: 302, headers });
}

const log = (line: string) => logger("auth").warn(line);

// ---------------------------------------------------------------------------------------------
// Direct login: the tenant is known (typed in, or a demo link)

export type TenantLookup = { ok: true; tenantId: string } | { ok: false; code: LoginErrorCode };

/** A tenant by its tenantId, else by its tenantCode when exactly one live tenant has it. */
export async function findTenantForLogin(db: Pick<OneAccessDb, "tenant">, input: string): Promise<TenantLookup> {
  const value = input.trim();
  // NUL or an unpaired surrogate cannot be a synced tenant (PostgreSQL refuses such text, so the
  // look-up itself would fail): unknown, like any other id no tenantSync delivered.
  if (!value || value.length > 64 || hasUnstorableText(value)) return { ok: false, code: "tenant_unknown" };
  const byId = await db.tenant.findUnique({ where: { tenantId: value }, select: { tenantId: true, deletedAt: true } });
  if (byId && !byId.deletedAt) return { ok: true, tenantId: byId.tenantId };
  const byCode = await db.tenant.findMany({ where: { tenantCode: value, deletedAt: null }, select: { tenantId: true }, take: 2 });
  if (byCode.length === 1) return { ok: true, tenantId: byCode[0]!.tenantId };
  return { ok: false, code: byCode.length > 1 ? "tenant_ambiguous" : "tenant_unknown" };
}

/**
 * 302 to the tenant's OneAccess authorize endpoint with a fresh state remembered in a cookie
 * (with `next`, the deep link to return to, when there is one).
 */
export async function startDirectLogin(db: OneAccessDb, tenantInput: string, env: Env = getEnv(), nowMs = Date.now(), next?: string | null): Promise<Response> {
  const base = appBaseUrl(env);
  const found = await findTenantForLogin(db, tenantInput);
  if (!found.ok) return redirect(`${base}${loginErrorPath(found.code)}`);
  const login = await resolveTenantLogin(db, found.tenantId, { appId: env.KOOGALLERY_APP_ID });
  if (!login.ok) {
    log(`[auth] direct login for tenant ${found.tenantId} refused: ${login.message}`);
    return redirect(`${base}${loginErrorPath(loginErrorForTenantLogin(login.reason))}`);
  }
  const state = newState();
  const location = buildAuthorizeUrl({
    domainName: login.tenant.domainName,
    clientId: login.application.clientId,
    redirectUri: oneAccessCallbackUrl(env),
    state,
  });
  const back = customerNextPath(next, env);
  const cookie = sealLoginState(
    { state, tenantId: found.tenantId, expiresAtMs: nowMs + LOGIN_STATE_MAX_AGE_SECONDS * 1000, ...(back !== CUSTOMER_HOME_PATH ? { next: back } : {}) },
    env.NEXTAUTH_SECRET,
  );
  return redirect(location, [loginStateCookie(cookie, isSecure(env))]);
}

// ---------------------------------------------------------------------------------------------
// The callback

interface RouteContext {
  params: Promise<{ nextauth: string[] }>;
}

export async function handleOneAccessCallback(req: NextRequest, routeCtx: RouteContext, db: CustomerSessionDb, env: Env = getEnv()): Promise<Response> {
  const base = appBaseUrl(env);
  const q = req.nextUrl.searchParams;
  const tenantId = q.get("tenant") ?? "";
  const state = q.get("state");
  const clearState = clearLoginStateCookie(isSecure(env));
  const fail = (code: LoginErrorCode, why?: string) => {
    if (why) log(`[auth] OneAccess callback for tenant ${JSON.stringify(tenantId)} refused: ${code}: ${why}`);
    countSignInFailure("customer", code);
    return redirect(`${base}${loginErrorPath(code)}`, [clearState]);
  };

  // Our own logins carry our state; the unified login carries none (and cannot).
  let startedHere = false;
  let home = CUSTOMER_HOME_PATH;
  if (state !== null) {
    const saved = openLoginState(req.cookies.get(LOGIN_STATE_COOKIE)?.value, env.NEXTAUTH_SECRET, Date.now());
    if (!saved) return fail("state_mismatch", "a state came back but no valid state cookie was found (not started here, or expired)");
    if (!sameString(saved.state, state) || saved.tenantId !== tenantId) return fail("state_mismatch", "state or tenant differ from the login we started");
    startedHere = true;
    // Checked again on the way out: the guard is the only thing that writes a Location.
    home = customerNextPath(saved.next, env);
  }
  const error = q.get("error");
  if (error) return fail("oauth_denied", `OneAccess answered error=${JSON.stringify(error)} ${JSON.stringify(q.get("error_description") ?? "")}`);
  if (!tenantId) return fail("tenant_unknown", "no tenant parameter");
  if (hasUnstorableText(tenantId)) return fail("tenant_unknown", "tenant parameter holds NUL or an unpaired surrogate");
  if (!q.get("code")) return fail("oauth_failed", "no code parameter");

  const login = await resolveTenantLogin(db, tenantId, { appId: env.KOOGALLERY_APP_ID });
  if (!login.ok) return fail(loginErrorForTenantLogin(login.reason), login.message);

  const ctx = newCallbackContext({
    tenantId,
    login,
    redirectUri: startedHere ? oneAccessCallbackUrl(env) : undefined,
    requireGrantFor: env.KOOGALLERY_APP_ID,
    timeoutMs: env.ONEACCESS_TIMEOUT_MS,
  });
  const previous = await getToken({ req, secret: env.NEXTAUTH_SECRET, secureCookie: secureSessionCookie(env) });
  const res = (await NextAuth(req, routeCtx, callbackAuthOptions(ctx, db))) as Response;
  // Signing in again replaces the browser's session: the old one must not live on elsewhere.
  if (ctx.outcome.sessionId && previous?.sid && previous.sid !== ctx.outcome.sessionId) {
    await revokeCustomerSession(db, previous.sid, "replaced");
  }

  // next-auth answered a redirect (home, its error page or our refusal path); send the user
  // where the outcome says, keeping its cookies (the session cookie on success).
  const headers = new Headers(res.headers);
  headers.append("Set-Cookie", clearState);
  headers.set("Cache-Control", "no-store");
  const { outcome } = ctx;
  let location: string;
  if (outcome.sessionId) location = `${base}${home}`;
  else if (outcome.refusal) location = `${base}${loginErrorPath(outcome.refusal.code)}`;
  else location = `${base}${loginErrorPath(loginErrorForOneAccess(isOneAccessError(outcome.error) ? outcome.error : undefined))}`;
  if (!outcome.sessionId) countSignInFailure("customer", outcome.refusal?.code ?? "oneaccess_failed");
  headers.set("Location", location);
  return new Response(null, { status: 302, headers });
}

// ---------------------------------------------------------------------------------------------
// Logout

const SESSION_COOKIE_NAMES = ["next-auth.session-token", "__Secure-next-auth.session-token"];

/** Set-Cookie headers deleting every next-auth session cookie (and chunk) the request carries. */
export function clearSessionCookies(cookieNames: string[]): string[] {
  return cookieNames
    .filter((name) => SESSION_COOKIE_NAMES.some((prefix) => name === prefix || name.startsWith(`${prefix}.`)))
    .map((name) => `${name}=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax${name.startsWith("__Secure-") ? "; Secure" : ""}`);
}

/**
 * Ends the customer's session here (the CustomerSession row is revoked, so the cookie is dead
 * even where it was copied), deletes the cookie, and sends the browser through the tenant's
 * OneAccess logout (OAuth登出, docs/protocol/login.md#logout), which comes back to /login?signedOut=1.
 */
export async function customerLogout(req: NextRequest, db: CustomerSessionDb, env: Env = getEnv()): Promise<Response> {
  const base = appBaseUrl(env);
  const origin = req.headers.get("origin");
  if (origin && origin !== new URL(base).origin && origin !== req.nextUrl.origin) {
    return new Response("Cross-site logout refused\n", { status: 403, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  }
  const signedOut = `${base}/login?signedOut=1`;
  const token = await getToken({ req, secret: env.NEXTAUTH_SECRET, secureCookie: secureSessionCookie(env) });
  let location = signedOut;
  if (token?.sid) {
    const row = await revokeCustomerSession(db, token.sid, "logout");
    const tenantId = row?.tenantId ?? (token.user?.kind === "customer" ? token.user.tenantId : undefined);
    const tenant = tenantId ? await db.tenant.findUnique({ where: { tenantId }, select: { domainName: true } }) : null;
    if (tenant) {
      try {
        location = buildLogoutUrl({ domainName: tenant.domainName, redirectUrl: signedOut });
      } catch (err) {
        log(`[auth] tenant ${tenantId}: no OneAccess logout (${(err as Error).message})`);
      }
    }
  }
  return redirect(location, clearSessionCookies(req.cookies.getAll().map((c) => c.name)));
}

// ---------------------------------------------------------------------------------------------
// Emulator helpers for /login (development)

/** Tenants synced with this app's emulator as their OneAccess (the seeded demo tenants). */
export async function listEmulatorTenants(db: Pick<OneAccessDb, "tenant">, env: Pick<Env, "APP_URL"> = getEnv(), take = 20) {
  return db.tenant.findMany({
    where: { deletedAt: null, domainName: { startsWith: `${appBaseUrl(env)}/dev/oneaccess/` } },
    select: { tenantId: true, tenantCode: true, name: true },
    orderBy: [{ tenantCode: "asc" }, { tenantId: "asc" }],
    take,
  });
}

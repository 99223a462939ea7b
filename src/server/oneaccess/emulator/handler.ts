/**
 * Local OneAccess EMULATOR: the kit's OAuth endpoints (docs/protocol/login.md#endpoints) with the same paths,
 * parameters, response shapes and error bodies, backed by the Kit sync tables, so the whole
 * 联营账号 login runs offline against this app itself. A tenant synced with
 *   domainName = http://localhost:3000/dev/oneaccess/{tenantId}
 * logs in here: its users are its TenantUser rows, its OAuth client is its Application row.
 *
 *   GET  {base}/api/v1/oauth2/authorize   login page (or SSO: straight 302 when the session cookie is valid)
 *   POST {base}/api/v1/oauth2/authorize   form post of that page → 302 redirect_uri?code=…&state=…&tenant=…
 *   POST {base}/api/v1/oauth2/token       authorization_code / refresh_token (form, client_secret in the body)
 *   GET  {base}/api/v1/oauth2/userinfo    Bearer access token → the spec's fields
 *   GET  {base}/api/v1/logout?redirect_url=…   clears the emulator SSO session → 302 redirect_url
 *
 * WHY NOT A LIBRARY (oidc-provider, checked): node-oidc-provider can rename its routes
 * (`routes.authorization = "/api/v1/oauth2/authorize"` …), but it is an OpenID Connect provider
 * and cannot reproduce the kit's non-OIDC contract:
 * - an access token is only accepted at its userinfo endpoint when the `openid` scope was
 *   granted (panva/node-oidc-provider#407); the kit requests `scope=get_user_info` only;
 * - userinfo always carries `sub` and claims through its claims/scope machinery — the spec's flat
 *   `userName`/`organizationCode`/`tenant` … fields would need a custom findAccount+claims map;
 * - its error bodies are its own (`invalid_grant` / "grant request is invalid", userinfo
 *   `invalid_token`), not the spec's "Invalid authorization code" / "Invalid refresh token" /
 *   `unauthorized` "Full authentication is required to access this resource";
 * - logout is RP-initiated end_session (`post_logout_redirect_uri` + `id_token_hint`, a confirm
 *   form, registered URIs), not `GET /api/v1/logout?redirect_url=`;
 * - it is a Koa application driven through node's req/res, not a fetch `Request → Response`
 *   handler a Next.js route can mount, and it would be a new runtime dependency plus adapter
 *   and interaction code larger than this file.
 * A small server that answers exactly the documented shapes is less code and is the better test
 * double: it fails the same way the spec says OneAccess fails.
 *
 * Behaviour decisions (the real OneAccess may differ where the docs are silent):
 * - Client authentication ONLY via client_id + client_secret in the form body (the documented
 *   form); HTTP Basic is not accepted, so a client that uses it is caught here. A wrong or
 *   missing client → 401 with the spec's `unauthorized` body.
 * - Codes: single use, 5 min, bound to client_id and redirect_uri (a redirect_uri sent to the
 *   token endpoint must equal the authorize one; omitting it is allowed, as the docs make it
 *   optional). Redeeming a code twice also revokes the tokens of the first redemption
 *   (RFC 6749 §4.1.2). All code failures → 400 "Invalid authorization code".
 * - Refresh tokens rotate by default (a new one per refresh, the old one invalid) — the docs
 *   leave rotation unconfirmed; `rotateRefreshTokens: false` keeps them. 30 days.
 * - A user deleted or disabled since login: refresh → 400 "Invalid refresh token", userinfo → 401.
 * - `directoryLogins` (off by default; the app's dev route turns it on): OneAccess is the tenant's
 *   whole user directory, while the Kit syncs only the users authorised for this app, so a real
 *   OneAccess can authenticate accounts the app must refuse. With the option the form also lists
 *   disabled users and takes any other account name; such a login gets a code, tokens and a
 *   userinfo (from the user's row when there is one, else just userName/name/tenant), but no SSO
 *   session and no refresh — so the app's own refusal (not_synced, disabled) can be tried.
 * - redirect_uri / redirect_url must be on an allowed origin (default: the emulator's own
 *   origin), so an enabled emulator is no open redirector.
 * - The login form has no CSRF token (development tool; it only logs a user into the emulator).
 * - State lives in memory (store.ts): single process, lost on restart.
 */
import { createHash, timingSafeEqual } from "node:crypto";
import type { PrismaClient } from "~/generated/prisma/client";
import { unseal } from "~/server/crypto/at-rest";
import { DEFAULT_SCOPE, ONEACCESS_PATHS } from "../endpoints";
import { SPEC_ERRORS } from "../schemas";
import { loginPage, messagePage, OTHER_ACCOUNT, PAGE_HEADERS } from "./html";
import { EmulatorStore, getEmulatorStore, randomToken, type TokenRecord } from "./store";

export type EmulatorDb = Pick<PrismaClient, "tenant" | "application" | "tenantUser" | "department">;

export const EMULATOR_DEFAULT_PASSWORD = "demo";
export const EMULATOR_SESSION_COOKIE = "oneaccess_emulator_sso";

export interface EmulatorOptions {
  /** Path the emulator is mounted at, e.g. `/dev/oneaccess/{tenantId}` (= domainName's path). */
  basePath: string;
  /** The tenant this mount serves (Tenant.tenantId). */
  tenantId: string;
  /** Must be true (ONEACCESS_EMULATOR=1); anything else answers 404. */
  enabled?: boolean;
  /** Password every emulated user signs in with (EMULATOR_PASSWORD), default "demo". */
  password?: string;
  /** Access token `expires_in`, default 7200 s. */
  accessTokenTtlSeconds?: number;
  /** Default 30 days. */
  refreshTokenTtlSeconds?: number;
  /** Default 300 s. */
  codeTtlSeconds?: number;
  /** Emulator SSO session lifetime, default 8 h. */
  sessionTtlSeconds?: number;
  /** Default true: every refresh answers a new refresh_token and invalidates the old one. */
  rotateRefreshTokens?: boolean;
  /** Default false: also authenticate disabled and never-synced accounts (see the header). */
  directoryLogins?: boolean;
  /** Origins redirect_uri / redirect_url may point to; default only the request's own origin. */
  allowedRedirectOrigins?: string[];
  /** Default: the process-wide in-memory store. Tests pass their own. */
  store?: EmulatorStore;
  /** Clock, default Date.now. */
  now?: () => number;
}

interface Ctx {
  db: EmulatorDb;
  request: Request;
  url: URL;
  base: string;
  tenantId: string;
  store: EmulatorStore;
  nowMs: number;
  opts: Required<
    Pick<EmulatorOptions, "password" | "accessTokenTtlSeconds" | "refreshTokenTtlSeconds" | "codeTtlSeconds" | "sessionTtlSeconds" | "rotateRefreshTokens" | "directoryLogins">
  > & {
    allowedRedirectOrigins: string[];
  };
}

/** Answers one request for the emulator mounted at `options.basePath`. Never throws for bad input. */
export async function handleEmulatorRequest(db: EmulatorDb, request: Request, options: EmulatorOptions): Promise<Response> {
  if (options.enabled !== true) {
    return new Response("OneAccess emulator is disabled. Set ONEACCESS_EMULATOR=1 to enable it (development and tests only).\n", {
      status: 404,
      headers: { "Content-Type": "text/plain; charset=utf-8" },
    });
  }
  const url = new URL(request.url);
  const base = options.basePath.replace(/\/+$/, "");
  if (!url.pathname.startsWith(`${base}/`)) return json(404, { error: "not_found", error_description: "Not found" });
  const sub = url.pathname.slice(base.length).replace(/\/+$/, "");
  const store = options.store ?? getEmulatorStore();
  const nowMs = (options.now ?? Date.now)();
  store.prune(nowMs);
  const ctx: Ctx = {
    db,
    request,
    url,
    base,
    tenantId: options.tenantId,
    store,
    nowMs,
    opts: {
      password: options.password || EMULATOR_DEFAULT_PASSWORD,
      accessTokenTtlSeconds: options.accessTokenTtlSeconds ?? 7200,
      refreshTokenTtlSeconds: options.refreshTokenTtlSeconds ?? 30 * 24 * 3600,
      codeTtlSeconds: options.codeTtlSeconds ?? 300,
      sessionTtlSeconds: options.sessionTtlSeconds ?? 8 * 3600,
      rotateRefreshTokens: options.rotateRefreshTokens ?? true,
      directoryLogins: options.directoryLogins ?? false,
      allowedRedirectOrigins: options.allowedRedirectOrigins ?? [url.origin],
    },
  };
  const method = request.method.toUpperCase();
  switch (sub) {
    case ONEACCESS_PATHS.authorize:
      if (method === "GET") return authorize(ctx, undefined);
      if (method === "POST") return authorize(ctx, new URLSearchParams(await request.text()));
      return methodNotAllowed("GET, POST");
    case ONEACCESS_PATHS.token:
      if (method !== "POST") return methodNotAllowed("POST");
      return token(ctx, new URLSearchParams(await request.text()));
    case ONEACCESS_PATHS.userinfo:
      if (method !== "GET") return methodNotAllowed("GET");
      return userinfo(ctx);
    case ONEACCESS_PATHS.logout:
      if (method !== "GET") return methodNotAllowed("GET");
      return logout(ctx);
    default:
      return json(404, { error: "not_found", error_description: `No OneAccess endpoint at ${sub || "/"}` });
  }
}

// ---------------------------------------------------------------------------------------------
// authorize

async function authorize(ctx: Ctx, form: URLSearchParams | undefined): Promise<Response> {
  const q = ctx.url.searchParams;
  const clientId = q.get("client_id") ?? "";
  const redirectUri = q.get("redirect_uri") ?? "";
  const responseType = q.get("response_type") ?? "";
  const scope = q.get("scope") || DEFAULT_SCOPE;
  const state = q.get("state");

  const tenant = await ctx.db.tenant.findUnique({ where: { tenantId: ctx.tenantId } });
  if (!tenant || tenant.deletedAt) {
    return html(404, messagePage("Unknown tenant", `Tenant ${ctx.tenantId} is not synced (tenantSync) or was deleted.`));
  }
  if (!clientId) return html(400, messagePage("Invalid request", "client_id is required."));
  const app = await ctx.db.application.findFirst({ where: { tenantId: ctx.tenantId, clientId, deletedAt: null } });
  if (!app) return html(400, messagePage("Unknown client", `client_id ${clientId} is not an application of tenant ${ctx.tenantId} (applicationSync).`));
  const redirectProblem = checkRedirect(ctx, redirectUri);
  if (redirectProblem) return html(400, messagePage("Invalid redirect_uri", redirectProblem));
  if (responseType !== "code") return html(400, messagePage("Unsupported response_type", 'response_type must be "code".'));

  const issue = (userName: string, extraHeaders: Record<string, string> = {}, directory = false) => {
    const code = randomToken();
    ctx.store.codes.set(code, {
      tenantId: ctx.tenantId,
      clientId,
      redirectUri,
      userName,
      scope,
      expiresAt: ctx.nowMs + ctx.opts.codeTtlSeconds * 1000,
      ...(directory ? { directory: true } : {}),
    });
    const target = new URL(redirectUri);
    target.searchParams.set("code", code);
    if (state !== null) target.searchParams.set("state", state);
    target.searchParams.set("tenant", ctx.tenantId);
    return new Response(null, { status: 302, headers: { Location: target.toString(), "Cache-Control": "no-store", ...extraHeaders } });
  };

  if (!form) {
    // SSO: a valid emulator session for a still-enabled user skips the form (prompt=login forces it).
    const session = readSession(ctx);
    if (session && q.get("prompt") !== "login") {
      const user = await activeUser(ctx, session.userName);
      if (user) return issue(user.userName);
    }
    return renderLogin(ctx, tenant.name, 200);
  }

  const choice = form.get("userName") ?? "";
  const userName = (choice === OTHER_ACCOUNT && ctx.opts.directoryLogins ? (form.get("otherUserName") ?? "") : choice).trim();
  const password = form.get("password") ?? "";
  const user = userName
    ? await ctx.db.tenantUser.findUnique({ where: { tenantId_userName: { tenantId: ctx.tenantId, userName } } })
    : null;
  const active = !!user && !user.deletedAt && user.enabled;
  if (!active && !(ctx.opts.directoryLogins && userName)) {
    if (!user || user.deletedAt) return renderLogin(ctx, tenant.name, 401, "Unknown user.", userName);
    return renderLogin(ctx, tenant.name, 403, `User ${userName} is disabled (authSync enable=false).`, userName);
  }
  if (!sameSecret(password, ctx.opts.password)) return renderLogin(ctx, tenant.name, 401, "Wrong password.", userName);
  // A directory-only account (disabled or never synced): a code, but no SSO session.
  if (!active) return issue(userName, {}, true);

  const sid = randomToken();
  ctx.store.sessions.set(sid, { tenantId: ctx.tenantId, userName, expiresAt: ctx.nowMs + ctx.opts.sessionTtlSeconds * 1000 });
  return issue(userName, { "Set-Cookie": sessionCookie(ctx, sid, ctx.opts.sessionTtlSeconds) });
}

async function renderLogin(ctx: Ctx, tenantName: string, status: number, error?: string, selected?: string): Promise<Response> {
  const LIMIT = 500;
  const rows = await ctx.db.tenantUser.findMany({
    where: { tenantId: ctx.tenantId, deletedAt: null, ...(ctx.opts.directoryLogins ? {} : { enabled: true }) },
    orderBy: [{ enabled: "desc" }, { userName: "asc" }],
    take: LIMIT + 1,
    select: { userName: true, name: true, role: true, enabled: true },
  });
  const passwordHint = ctx.opts.password === EMULATOR_DEFAULT_PASSWORD ? `emulator password: ${EMULATOR_DEFAULT_PASSWORD}` : "the EMULATOR_PASSWORD";
  return html(
    status,
    loginPage({
      tenantName,
      tenantId: ctx.tenantId,
      action: ctx.url.pathname + ctx.url.search,
      users: rows.slice(0, LIMIT).map((r) => ({ userName: r.userName, name: r.name, role: r.role, disabled: !r.enabled })),
      truncated: rows.length > LIMIT,
      selected: selected && ctx.opts.directoryLogins && !rows.some((r) => r.userName === selected) ? OTHER_ACCOUNT : selected,
      error,
      passwordHint,
      allowOther: ctx.opts.directoryLogins,
    }),
  );
}

function checkRedirect(ctx: Ctx, target: string): string | undefined {
  if (!target) return "redirect_uri is required.";
  let u: URL;
  try {
    u = new URL(target);
  } catch {
    return `${target} is not an absolute URL.`;
  }
  if (u.protocol !== "http:" && u.protocol !== "https:") return `${target} is not http(s).`;
  if (!ctx.opts.allowedRedirectOrigins.includes(u.origin)) {
    return `${u.origin} is not an allowed redirect origin (allowed: ${ctx.opts.allowedRedirectOrigins.join(", ")}).`;
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// token

async function token(ctx: Ctx, form: URLSearchParams): Promise<Response> {
  const clientId = form.get("client_id") ?? "";
  const clientSecret = form.get("client_secret") ?? "";
  if (!clientId || !clientSecret || !(await clientAuthenticates(ctx, clientId, clientSecret))) {
    return json(401, SPEC_ERRORS.unauthorized);
  }
  const grantType = form.get("grant_type") ?? "";
  if (grantType === "authorization_code") return authorizationCodeGrant(ctx, clientId, form);
  if (grantType === "refresh_token") return refreshTokenGrant(ctx, clientId, form);
  return json(400, { error: "unsupported_grant_type", error_description: `Unsupported grant type: ${grantType}` });
}

async function clientAuthenticates(ctx: Ctx, clientId: string, clientSecret: string): Promise<boolean> {
  const tenant = await ctx.db.tenant.findUnique({ where: { tenantId: ctx.tenantId } });
  if (!tenant || tenant.deletedAt) return false;
  const app = await ctx.db.application.findFirst({ where: { tenantId: ctx.tenantId, clientId, deletedAt: null } });
  if (!app) return false;
  try {
    return sameSecret(clientSecret, unseal(app.clientSecretEnc));
  } catch {
    return false;
  }
}

async function authorizationCodeGrant(ctx: Ctx, clientId: string, form: URLSearchParams): Promise<Response> {
  const code = form.get("code") ?? "";
  const record = code ? ctx.store.codes.get(code) : undefined;
  if (!record || record.tenantId !== ctx.tenantId || record.expiresAt <= ctx.nowMs) return json(400, SPEC_ERRORS.invalidCode);
  if (record.redeemed) {
    ctx.store.accessTokens.delete(record.redeemed.accessToken);
    ctx.store.refreshTokens.delete(record.redeemed.refreshToken);
    return json(400, SPEC_ERRORS.invalidCode);
  }
  const redirectUri = form.get("redirect_uri");
  if (record.clientId !== clientId || (redirectUri && redirectUri !== record.redirectUri)) {
    // A mismatched redemption burns the code too (it may have leaked).
    ctx.store.codes.delete(code);
    return json(400, SPEC_ERRORS.invalidCode);
  }
  if (!record.directory && !(await activeUser(ctx, record.userName))) {
    ctx.store.codes.delete(code);
    return json(400, SPEC_ERRORS.invalidCode);
  }
  const issued = issueTokens(ctx, {
    tenantId: ctx.tenantId,
    clientId,
    userName: record.userName,
    scope: record.scope,
    ...(record.directory ? { directory: true } : {}),
  });
  record.redeemed = { accessToken: issued.access_token, refreshToken: issued.refresh_token };
  return json(200, issued);
}

async function refreshTokenGrant(ctx: Ctx, clientId: string, form: URLSearchParams): Promise<Response> {
  const refreshToken = form.get("refresh_token") ?? "";
  const record = refreshToken ? ctx.store.refreshTokens.get(refreshToken) : undefined;
  if (!record || record.tenantId !== ctx.tenantId || record.clientId !== clientId || record.expiresAt <= ctx.nowMs) {
    return json(400, SPEC_ERRORS.invalidRefreshToken);
  }
  if (!(await activeUser(ctx, record.userName))) {
    ctx.store.refreshTokens.delete(refreshToken);
    return json(400, SPEC_ERRORS.invalidRefreshToken);
  }
  if (ctx.opts.rotateRefreshTokens) {
    ctx.store.refreshTokens.delete(refreshToken);
    return json(200, issueTokens(ctx, record));
  }
  return json(200, issueTokens(ctx, record, refreshToken));
}

function issueTokens(ctx: Ctx, who: Omit<TokenRecord, "expiresAt">, keepRefreshToken?: string) {
  const accessToken = randomToken();
  ctx.store.accessTokens.set(accessToken, { ...pick(who), expiresAt: ctx.nowMs + ctx.opts.accessTokenTtlSeconds * 1000 });
  let refreshToken = keepRefreshToken;
  if (!refreshToken) {
    refreshToken = randomToken();
    ctx.store.refreshTokens.set(refreshToken, { ...pick(who), expiresAt: ctx.nowMs + ctx.opts.refreshTokenTtlSeconds * 1000 });
  }
  return {
    access_token: accessToken,
    token_type: "Bearer",
    expires_in: ctx.opts.accessTokenTtlSeconds,
    scope: who.scope,
    refresh_token: refreshToken,
  };
}

function pick(w: Omit<TokenRecord, "expiresAt">) {
  return { tenantId: w.tenantId, clientId: w.clientId, userName: w.userName, scope: w.scope, ...(w.directory ? { directory: true as const } : {}) };
}

// ---------------------------------------------------------------------------------------------
// userinfo

async function userinfo(ctx: Ctx): Promise<Response> {
  const m = /^Bearer\s+(\S+)\s*$/i.exec(ctx.request.headers.get("authorization") ?? "");
  const record = m ? ctx.store.accessTokens.get(m[1]!) : undefined;
  if (!record || record.tenantId !== ctx.tenantId || record.expiresAt <= ctx.nowMs) return unauthorized();
  const [tenant, user] = await Promise.all([
    ctx.db.tenant.findUnique({ where: { tenantId: ctx.tenantId } }),
    record.directory
      ? ctx.db.tenantUser.findUnique({ where: { tenantId_userName: { tenantId: ctx.tenantId, userName: record.userName } } })
      : activeUser(ctx, record.userName),
  ]);
  if (!tenant || tenant.deletedAt) return unauthorized();
  if (!user) {
    if (!record.directory) return unauthorized();
    // An account of the directory the Kit never synced: what OneAccess knows is its name.
    return json(200, { userName: record.userName, name: record.userName, role: "user", projectName: tenant.name, tenant: tenant.tenantId });
  }
  const org = user.orgCode
    ? await ctx.db.department.findUnique({ where: { tenantId_orgCode: { tenantId: ctx.tenantId, orgCode: user.orgCode } } })
    : null;
  const body: Record<string, string> = {
    id: user.id,
    userName: user.userName,
    name: user.name,
    ...(user.email ? { email: user.email } : {}),
    ...(user.mobile ? { mobile: user.mobile } : {}),
    role: user.role,
    ...(org && !org.removedAt ? { organizationName: org.orgName } : {}),
    userId: user.id,
    organizationCode: user.orgCode,
    projectName: tenant.name,
    tenant: tenant.tenantId,
  };
  return json(200, body);
}

function unauthorized(): Response {
  return json(401, SPEC_ERRORS.unauthorized, {
    "WWW-Authenticate": `Bearer realm="oauth2-resource", error="unauthorized", error_description="${SPEC_ERRORS.unauthorized.error_description}"`,
  });
}

// ---------------------------------------------------------------------------------------------
// logout

function logout(ctx: Ctx): Response {
  const sid = readCookie(ctx.request, EMULATOR_SESSION_COOKIE);
  if (sid) ctx.store.sessions.delete(sid);
  const clear = sessionCookie(ctx, "", 0);
  const redirectUrl = ctx.url.searchParams.get("redirect_url");
  if (redirectUrl) {
    const problem = checkRedirect(ctx, redirectUrl);
    if (problem) return html(400, messagePage("Invalid redirect_url", problem), { "Set-Cookie": clear });
    return new Response(null, { status: 302, headers: { Location: redirectUrl, "Cache-Control": "no-store", "Set-Cookie": clear } });
  }
  return html(200, messagePage("Signed out", "The OneAccess emulator session was cleared."), { "Set-Cookie": clear });
}

// ---------------------------------------------------------------------------------------------
// helpers

/** The synced user if it may still sign in (not deleted, enabled). */
async function activeUser(ctx: Ctx, userName: string) {
  const user = await ctx.db.tenantUser.findUnique({ where: { tenantId_userName: { tenantId: ctx.tenantId, userName } } });
  return user && !user.deletedAt && user.enabled ? user : null;
}

function readSession(ctx: Ctx) {
  const sid = readCookie(ctx.request, EMULATOR_SESSION_COOKIE);
  const s = sid ? ctx.store.sessions.get(sid) : undefined;
  return s && s.tenantId === ctx.tenantId && s.expiresAt > ctx.nowMs ? s : undefined;
}

function sessionCookie(ctx: Ctx, value: string, maxAgeSeconds: number): string {
  const secure = ctx.url.protocol === "https:" ? "; Secure" : "";
  return `${EMULATOR_SESSION_COOKIE}=${value}; Path=${ctx.base}/; Max-Age=${maxAgeSeconds}; HttpOnly; SameSite=Lax${secure}`;
}

function readCookie(request: Request, name: string): string | undefined {
  for (const part of (request.headers.get("cookie") ?? "").split(";")) {
    const eq = part.indexOf("=");
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim() || undefined;
  }
  return undefined;
}

function sameSecret(a: string, b: string): boolean {
  const ha = createHash("sha256").update(a, "utf8").digest();
  const hb = createHash("sha256").update(b, "utf8").digest();
  return timingSafeEqual(ha, hb);
}

const JSON_HEADERS = { "Content-Type": "application/json;charset=UTF-8", "Cache-Control": "no-store", Pragma: "no-cache" };

function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { ...JSON_HEADERS, ...headers } });
}

function html(status: number, body: string, headers: Record<string, string> = {}): Response {
  return new Response(body, { status, headers: { ...PAGE_HEADERS, ...headers } });
}

function methodNotAllowed(allow: string): Response {
  return json(405, { error: "method_not_allowed", error_description: `Use ${allow}` }, { Allow: allow });
}

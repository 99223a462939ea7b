/**
 * Local OneAccess EMULATOR (this file routes; one file per endpoint): the kit's OAuth endpoints (docs/protocol/login.md#endpoints) with the same paths,
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
import { hasUnstorableText } from "~/server/db/safe-text";
import { ONEACCESS_PATHS } from "~/server/oneaccess/endpoints";
import { authorize } from "./authorize";
import { EMULATOR_DEFAULT_PASSWORD, type Ctx, type EmulatorDb, type EmulatorOptions } from "./context";
import { json, methodNotAllowed } from "./http";
import { logout } from "./logout";
import { getEmulatorStore } from "./store";
import { token } from "./token";
import { userinfo } from "./userinfo";

function hasUnstorableParam(params: URLSearchParams): boolean {
  for (const [name, value] of params) if (hasUnstorableText(name) || hasUnstorableText(value)) return true;
  return false;
}

function unstorableRequest(): Response {
  return json(400, { error: "invalid_request", error_description: "parameters may not contain NUL characters or unpaired surrogates" });
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
  // The tenant id (from the path) and every parameter end up in database look-ups, and PostgreSQL
  // refuses NUL and unpaired surrogates: such a request is bad input (400), not a crash.
  if (hasUnstorableText(options.tenantId) || hasUnstorableParam(url.searchParams)) return unstorableRequest();
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
  const form = async () => {
    const params = new URLSearchParams(await request.text());
    return hasUnstorableParam(params) ? null : params;
  };
  let params: URLSearchParams | null;
  switch (sub) {
    case ONEACCESS_PATHS.authorize:
      if (method === "GET") return authorize(ctx, undefined);
      if (method !== "POST") return methodNotAllowed("GET, POST");
      return (params = await form()) ? authorize(ctx, params) : unstorableRequest();
    case ONEACCESS_PATHS.token:
      if (method !== "POST") return methodNotAllowed("POST");
      return (params = await form()) ? token(ctx, params) : unstorableRequest();
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

/**
 * URLs of a tenant's OneAccess (docs/protocol/login.md#web-login-flow, docs/protocol/login.md#endpoints). `{domain_name}` is the tenantSync
 * `domainName`, which already carries the scheme (`https://example.tenantaccount.com`) and may
 * carry a path prefix (the local emulator is `http://localhost:3000/dev/oneaccess/{tenantId}`).
 */

/** The marketplace's unified login entry (docs/protocol/login.md#unified-login); the merchant's appId is appended. */
export const UNIFIED_LOGIN_URL = "https://macroverse.huaweicloud.com/unified-login/#/portal-login?ind=UNOP&appId=";

/** The only scope the kit pages document. */
export const DEFAULT_SCOPE = "get_user_info";

export const ONEACCESS_PATHS = {
  authorize: "/api/v1/oauth2/authorize",
  token: "/api/v1/oauth2/token",
  userinfo: "/api/v1/oauth2/userinfo",
  logout: "/api/v1/logout",
} as const;

export interface OneAccessEndpoints {
  /** Normalised domainName: scheme + host (+ path prefix), no trailing slash. */
  base: string;
  authorize: string;
  token: string;
  userinfo: string;
  logout: string;
}

/**
 * Normalises a synced domainName: trims it, adds `https://` when the scheme is missing (the docs
 * also write `https://{domain_name}/api/...`), drops trailing slashes, query and fragment.
 * Throws a TypeError for anything that is not an http(s) URL.
 */
export function normalizeDomainName(domainName: string): string {
  const raw = domainName.trim();
  if (!raw) throw new TypeError("OneAccess domainName is empty");
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(raw) ? raw : `https://${raw}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    throw new TypeError(`OneAccess domainName is not a URL: ${JSON.stringify(domainName)}`);
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") {
    throw new TypeError(`OneAccess domainName must be http(s): ${JSON.stringify(domainName)}`);
  }
  if (url.username || url.password) throw new TypeError("OneAccess domainName must not contain credentials");
  const path = url.pathname.replace(/\/+$/, "");
  return `${url.origin}${path}`;
}

export function oneAccessEndpoints(domainName: string): OneAccessEndpoints {
  const base = normalizeDomainName(domainName);
  return {
    base,
    authorize: base + ONEACCESS_PATHS.authorize,
    token: base + ONEACCESS_PATHS.token,
    userinfo: base + ONEACCESS_PATHS.userinfo,
    logout: base + ONEACCESS_PATHS.logout,
  };
}

/** `state` is "returned unchanged, letters/digits" (docs/protocol/login.md#authorize). */
const STATE_PATTERN = /^[A-Za-z0-9]{1,256}$/;

export interface AuthorizeUrlInput {
  domainName: string;
  clientId: string;
  /** The callback registered for the app (the 应用凭证's login URL). */
  redirectUri: string;
  /** Letters and digits only, as the docs allow; see `newState()`. */
  state?: string;
  scope?: string;
}

/**
 * `GET {domain}/api/v1/oauth2/authorize?response_type=code&client_id=…&redirect_uri=…&scope=…&state=…`
 * (the tenant-specific OneAccess flow; the unified login is `buildUnifiedLoginUrl`).
 */
export function buildAuthorizeUrl(input: AuthorizeUrlInput): string {
  if (!input.clientId) throw new TypeError("clientId is required");
  if (!input.redirectUri) throw new TypeError("redirectUri is required");
  if (input.state !== undefined && !STATE_PATTERN.test(input.state)) {
    throw new TypeError("state must be 1-256 letters or digits (OneAccess returns it unchanged)");
  }
  const url = new URL(oneAccessEndpoints(input.domainName).authorize);
  url.searchParams.set("response_type", "code");
  url.searchParams.set("client_id", input.clientId);
  url.searchParams.set("redirect_uri", input.redirectUri);
  url.searchParams.set("scope", input.scope ?? DEFAULT_SCOPE);
  if (input.state !== undefined) url.searchParams.set("state", input.state);
  return url.toString();
}

/** A fresh `state` value in the alphabet OneAccess accepts (32 hex characters). */
export function newState(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

export interface UnifiedLoginUrlInput {
  /** Default UNIFIED_LOGIN_URL. Its parameters live in the `#` fragment (a SPA route). */
  unifiedLoginUrl?: string;
  /** The merchant's appId from the 应用凭证. */
  appId: string;
}

/**
 * `https://macroverse.huaweicloud.com/unified-login/#/portal-login?ind=UNOP&appId={appId}`.
 * The parameters are part of the fragment, so they are set there (or in the query when the
 * given URL has no fragment, e.g. a local stand-in page).
 */
export function buildUnifiedLoginUrl(input: UnifiedLoginUrlInput): string {
  if (!input.appId) throw new TypeError("appId is required");
  const base = input.unifiedLoginUrl ?? UNIFIED_LOGIN_URL;
  const hashAt = base.indexOf("#");
  if (hashAt < 0) {
    const url = new URL(base);
    url.searchParams.set("appId", input.appId);
    return url.toString();
  }
  const head = base.slice(0, hashAt);
  const fragment = base.slice(hashAt + 1);
  const qAt = fragment.indexOf("?");
  const route = qAt < 0 ? fragment : fragment.slice(0, qAt);
  const params = new URLSearchParams(qAt < 0 ? "" : fragment.slice(qAt + 1));
  params.set("appId", input.appId);
  return `${head}#${route}?${params.toString()}`;
}

export interface LogoutUrlInput {
  domainName: string;
  /** Where OneAccess sends the browser after destroying its session (optional in the docs). */
  redirectUrl?: string;
}

/** `GET {domain}/api/v1/logout?redirect_url=…` — the browser must be sent there (front channel). */
export function buildLogoutUrl(input: LogoutUrlInput): string {
  const url = new URL(oneAccessEndpoints(input.domainName).logout);
  if (input.redirectUrl) url.searchParams.set("redirect_url", input.redirectUrl);
  return url.toString();
}

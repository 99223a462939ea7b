/**
 * The security headers of every page and route (applied by src/proxy.ts; README "Decisions").
 * Pure: the policy is a function of the request's nonce, the mode and whether APP_URL is https.
 *
 * - Content-Security-Policy with a per-request nonce: Next.js 16 renders inline bootstrap
 *   scripts, and puts the nonce on them (and on its chunk scripts) when the request carries the
 *   policy — so no 'unsafe-inline' for scripts, and 'strict-dynamic' lets the nonced scripts
 *   load the rest. Styles are the stylesheet files plus nonced inline styles; the app writes
 *   no inline style attributes (they would need 'unsafe-inline').
 * - form-action allows https: besides 'self' because two forms end at another site on purpose:
 *   the organisation-code login (→ the tenant's OneAccess authorize page) and sign-out
 *   (→ the tenant's OneAccess logout); browsers apply form-action to the redirects too.
 * - frame-ancestors 'none' and X-Frame-Options DENY: no page may be framed (clickjacking).
 * - Referrer-Policy strict-origin-when-cross-origin: other sites see our origin only. Not
 *   no-referrer: that makes browsers send `Origin: null` on same-origin form POSTs, and the
 *   sign-out's cross-site check relies on Origin.
 * - Strict-Transport-Security only when APP_URL is https (one year, this host only:
 *   includeSubDomains would bind every other subdomain of the ISV's domain).
 * - Development adds what the dev server needs ('unsafe-eval' for React's error overlay,
 *   websocket HMR, inline styles of the overlay); production never has them.
 */

/** 128 random bits, base64: unguessable per response. */
export function newNonce(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return btoa(String.fromCharCode(...bytes));
}

export interface PolicyOptions {
  nonce: string;
  dev: boolean;
  https: boolean;
}

export function contentSecurityPolicy({ nonce, dev, https }: PolicyOptions): string {
  const directives: Array<[string, ...string[]]> = [
    ["default-src", "'self'"],
    ["script-src", "'self'", `'nonce-${nonce}'`, "'strict-dynamic'", ...(dev ? ["'unsafe-eval'"] : [])],
    ["style-src", "'self'", ...(dev ? ["'unsafe-inline'"] : [`'nonce-${nonce}'`])],
    ["img-src", "'self'", "data:", "blob:"],
    ["font-src", "'self'"],
    ["connect-src", "'self'", ...(dev ? ["ws:", "wss:"] : [])],
    ["object-src", "'none'"],
    ["base-uri", "'self'"],
    ["form-action", "'self'", "https:"],
    ["frame-ancestors", "'none'"],
    ...(https ? ([["upgrade-insecure-requests"]] as Array<[string]>) : []),
  ];
  return directives.map((d) => d.join(" ")).join("; ");
}

/** The headers besides the CSP. */
export function staticSecurityHeaders({ https }: { https: boolean }): Record<string, string> {
  return {
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "strict-origin-when-cross-origin",
    ...(https ? { "Strict-Transport-Security": "max-age=31536000" } : {}),
  };
}

export function isHttpsAppUrl(appUrl: string | undefined): boolean {
  return (appUrl ?? "").trim().toLowerCase().startsWith("https://");
}

/**
 * The machine-to-machine routes (/api/marketplace…, /api/trpc) answer JSON, never a page: they
 * skip src/proxy.ts (its per-request nonce, request copy and body buffering cost more than the
 * rest of a signed call) and carry this constant set instead, set by the routes themselves
 * (api-headers.ts). The policy allows nothing at all: stricter than the pages' one.
 */
export const API_CONTENT_SECURITY_POLICY = "default-src 'none'; frame-ancestors 'none'";

export function apiSecurityHeaders({ https }: { https: boolean }): Record<string, string> {
  return { "Content-Security-Policy": API_CONTENT_SECURITY_POLICY, ...staticSecurityHeaders({ https }) };
}

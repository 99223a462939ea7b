/**
 * The "tenant code or ID" field of /login and what /login/start does with it before the lookup:
 * the limit the page states (TENANT_INPUT_MAX, as findTenantForLogin in
 * src/server/auth/oneaccess-routes.ts accepts), a longer value refused as too long — not as an
 * unknown organisation — and the typed value handed back to /login with any refusal (`?tenant=`)
 * so the field keeps it, with the page the customer was going to (`?next=`, through the redirect
 * guard) so a second try still lands there.
 */
import { appBaseUrl } from "~/env";
import { CUSTOMER_HOME_PATH, customerNextPath } from "~/server/auth/oneaccess-routes";

/** Characters, after trimming; the field's maxLength and the page's "up to" text say the same. */
export const TENANT_INPUT_MAX = 64;

/** The /login `?error=` code of a value over TENANT_INPUT_MAX (worded by the page, login.tenantTooLong). */
export const TENANT_TOO_LONG = "tenant_too_long";

/** What a URL carries back of the typed value: enough to show and fix it, never an unbounded echo. */
const KEPT_MAX = TENANT_INPUT_MAX * 4;

/** The typed value to put back in the field, from /login's `tenant` parameter. */
export function typedTenant(param: string | string[] | undefined): string {
  return typeof param === "string" ? param.slice(0, KEPT_MAX) : "";
}

/** Too long to be a tenant code or ID: refused before any lookup. */
export function tenantTooLong(typed: string): boolean {
  return typed.trim().length > TENANT_INPUT_MAX;
}

function noStoreRedirect(location: string, from?: Response): Response {
  const headers = new Headers(from?.headers);
  headers.set("Location", location);
  headers.set("Cache-Control", "no-store");
  return new Response(null, { status: 302, headers });
}

function keepNext(url: URL, next: string | null | undefined): void {
  const back = customerNextPath(next);
  if (back !== CUSTOMER_HOME_PATH) url.searchParams.set("next", back);
}

/** 302 to /login with `error`, the typed value and where the customer was going. */
export function backToLogin(error: string, typed: string, next?: string | null): Response {
  const url = new URL("/login", appBaseUrl());
  url.searchParams.set("error", error);
  if (typed) url.searchParams.set("tenant", typed.slice(0, KEPT_MAX));
  keepNext(url, next);
  return noStoreRedirect(url.toString());
}

/**
 * A refusal of startDirectLogin (a 302 to /login?error=…) with the typed value and `next` added;
 * any other answer (the 302 to the tenant's OneAccess) unchanged. Cookies and other headers are kept.
 */
export function withTypedTenant(res: Response, typed: string, next?: string | null): Response {
  const location = res.headers.get("Location");
  if ((!typed && !next) || res.status !== 302 || !location) return res;
  let url: URL;
  try {
    url = new URL(location, appBaseUrl());
  } catch {
    return res;
  }
  if (url.origin !== new URL(appBaseUrl()).origin || url.pathname !== "/login" || !url.searchParams.has("error")) return res;
  if (typed) url.searchParams.set("tenant", typed.slice(0, KEPT_MAX));
  keepNext(url, next);
  return noStoreRedirect(url.toString(), res);
}

/**
 * Where staff go around sign-in. Every value passes the one redirect guard
 * (src/server/security/redirect-guard.ts), so a crafted `?callbackUrl=` (`https://evil.example`,
 * `//evil.example`, `/.//evil.example`, `/<tab>/evil.example` …) cannot turn the login page into
 * an open redirect, while a deep link (/admin/calls?x=1) survives the sign-in.
 */
import { appBaseUrl } from "~/env";
import { firstParam, safeRedirectPath } from "~/server/security/redirect-guard";

/** The overview: setup & health first, so a wrong key or a stuck push is seen at sign-in. */
export const DEFAULT_ADMIN_PATH = "/admin";
export const STAFF_LOGIN_PATH = "/admin/login";

/** Where to go after signing in, from the login page's `?callbackUrl=`. */
export function safeCallbackPath(value: string | string[] | undefined): string {
  return safeRedirectPath(firstParam(value), { fallback: DEFAULT_ADMIN_PATH, origin: appBaseUrl() });
}

/** The login page for a signed-out visit of `path` (kept as callbackUrl unless it is the default). */
export function staffLoginHref(path: string | undefined): string {
  const back = safeCallbackPath(path);
  return back === DEFAULT_ADMIN_PATH ? STAFF_LOGIN_PATH : `${STAFF_LOGIN_PATH}?callbackUrl=${encodeURIComponent(back)}`;
}

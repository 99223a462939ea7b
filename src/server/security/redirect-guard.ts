/**
 * The one redirect guard: where a user-supplied "go back to" value (staff `?callbackUrl=`, the
 * language switch's `next`, the customer login's `next`, next-auth's own callbackUrl) may send
 * the browser. Only to a path of this app.
 *
 * Checking the string is not enough: the browser parses it first (WHATWG URL), and that parser
 * strips leading/trailing control characters and spaces, deletes every tab and newline, reads
 * `\` as `/`, and removes dot segments — so `/.//evil.example`, `/admin/..//evil.example`,
 * `/.%2e//evil.example` and `/<tab>/evil.example` all become `//evil.example`, another host.
 * So the value is resolved with the same parser against the app's origin, and what is
 * returned is the normalised result (never the input): a path that starts with exactly one
 * `/`, which the browser resolves to the same URL whatever page it is on.
 *
 * Pure (no environment, no I/O): usable from route handlers, server components and next-auth.
 */

/** Longer values are refused outright (no legitimate deep link is this long). */
export const MAX_REDIRECT_LENGTH = 2048;

/** Stands in for the app origin when the caller has none: absolute URLs then never match. */
const PLACEHOLDER_ORIGIN = "http://redirect-guard.invalid";

export interface RedirectGuardOptions {
  /** Returned for anything refused. Must itself be a safe path (a constant of the app). */
  fallback: string;
  /**
   * The app's public origin (APP_URL). Absolute URLs are accepted only on exactly this origin
   * (and returned as their path); without it only root-relative paths pass.
   */
  origin?: string;
}

/** What the browser's URL parser removes before parsing (WHATWG URL "basic URL parser"). */
function browserStripped(value: string): string {
  return value.replace(/^[\u0000-\u0020]+|[\u0000-\u0020]+$/g, "").replace(/[\t\n\r]/g, "");
}

const HAS_SCHEME = /^[a-zA-Z][a-zA-Z0-9+.-]*:/;
/** Encoded `/` or `\` in the path: a later decode (a proxy, a framework) could make `//` of them. */
const ENCODED_SLASH = /%2f|%5c/i;

/**
 * The normalised same-origin path (`/path?query#hash`) `value` leads to, or `fallback`.
 * Refused: non-strings, empty or over-long values, relative references that are not
 * root-relative (`evil.example`, `?x`), other origins and schemes (`https://evil.example`,
 * `//evil.example`, `/\evil.example`, `javascript:`), credentials in the URL, and anything whose
 * normalised path starts with `//` or contains an encoded slash or backslash.
 */
export function safeRedirectPath(value: unknown, options: RedirectGuardOptions): string {
  const { fallback } = options;
  if (typeof value !== "string" || value.length === 0 || value.length > MAX_REDIRECT_LENGTH) return fallback;
  const stripped = browserStripped(value);
  // A root-relative path (`/`, or `\` which the browser reads as `/`), or an absolute URL.
  if (!/^[/\\]/.test(stripped) && !HAS_SCHEME.test(stripped)) return fallback;

  let base: URL;
  let url: URL;
  try {
    base = new URL(options.origin ?? PLACEHOLDER_ORIGIN);
    url = new URL(value, base.origin);
  } catch {
    return fallback;
  }
  if (url.origin !== base.origin || url.username !== "" || url.password !== "") return fallback;
  if (url.pathname.startsWith("//") || ENCODED_SLASH.test(url.pathname)) return fallback;

  const path = `${url.pathname}${url.search}${url.hash}`;
  // Belt and braces: what we answer must lead the browser exactly where we checked.
  if (new URL(path, base.origin).href !== url.href) return fallback;
  return path;
}

/** A query value as Next hands it to pages (`string | string[] | undefined`): the first one. */
export function firstParam(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

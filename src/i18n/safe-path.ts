/**
 * Where the language switch (POST /lang) and the staff sign-in (?callbackUrl=) may send the
 * browser: a same-origin relative path only, so neither can be used as an open redirect
 * (`//evil.example`, `/\evil.example`, `https://…`, or a tab/newline the URL parser would strip
 * to make `//`).
 */
const BASE = "http://same-origin.invalid";

export function safeRelativePath(value: unknown, fallback = "/app"): string {
  if (typeof value !== "string" || value.length === 0 || value.length > 2048) return fallback;
  if (!value.startsWith("/") || value.startsWith("//")) return fallback;
  // Backslashes count as slashes in browsers; control characters are stripped or rejected.
  if (/[\\\u0000-\u001f\u007f]/.test(value)) return fallback;
  let url: URL;
  try {
    url = new URL(value, BASE);
  } catch {
    return fallback;
  }
  if (url.origin !== BASE) return fallback;
  return `${url.pathname}${url.search}${url.hash}`;
}

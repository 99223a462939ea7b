/**
 * The path and query of the request being rendered. Server components cannot ask Next for the
 * URL, yet the sign-in guards need it for the deep link (signed out on /admin/calls?x=1 →
 * sign in → back to /admin/calls?x=1). The proxy (src/proxy.ts) writes it into this request
 * header on every request — overwriting whatever the client sent — and pages read it with
 * currentRequestPath() (src/server/security/current-path.ts). It only ever feeds the redirect
 * guard, so a forged value cannot lead anywhere but a path of this app.
 */
export const REQUEST_PATH_HEADER = "x-koo-request-path";

/** Next's client-navigation cache-busting parameter: not part of the page's address. */
const RSC_PARAM = "_rsc";

export function requestPathOf(url: URL): string {
  const search = new URLSearchParams(url.search);
  search.delete(RSC_PARAM);
  const query = search.toString();
  return `${url.pathname}${query ? `?${query}` : ""}`;
}

/**
 * False when the path holds a percent-escape that is not UTF-8 (`%ED%A0%80`, a lone surrogate;
 * `%FF`; a lone `%`). Next.js cannot decode such a path into a dynamic segment (`[id]`,
 * `[...missing]`) and answers a bare "Internal Server Error" 500 without logging anything, so the
 * proxy refuses it first with a 400 (src/proxy.ts).
 */
export function isDecodablePath(pathname: string): boolean {
  try {
    decodeURIComponent(pathname);
    return true;
  } catch {
    return false;
  }
}

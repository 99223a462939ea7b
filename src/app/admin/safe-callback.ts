/**
 * Where to go after signing in. Only same-site paths are accepted, so a crafted
 * `?callbackUrl=https://evil.example` link cannot turn the login page into an open redirect.
 */
/** The overview: setup & health first, so a wrong key or a stuck push is seen at sign-in. */
export const DEFAULT_ADMIN_PATH = "/admin";

export function safeCallbackPath(value: string | string[] | undefined): string {
  const v = Array.isArray(value) ? value[0] : value;
  if (!v || !v.startsWith("/") || v.startsWith("//") || v.startsWith("/\\")) return DEFAULT_ADMIN_PATH;
  return v;
}

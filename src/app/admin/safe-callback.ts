/**
 * Where to go after signing in. Only same-site paths are accepted, so a crafted
 * `?callbackUrl=https://evil.example` link cannot turn the login page into an open redirect.
 */
export const DEFAULT_ADMIN_PATH = "/admin/calls";

export function safeCallbackPath(value: string | string[] | undefined): string {
  const v = Array.isArray(value) ? value[0] : value;
  if (!v || !v.startsWith("/") || v.startsWith("//") || v.startsWith("/\\")) return DEFAULT_ADMIN_PATH;
  return v;
}

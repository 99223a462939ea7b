/**
 * Where to go after signing in. The same guard as the language switch (safeRelativePath): only a
 * same-origin relative path, so a crafted `?callbackUrl=https://evil.example` (or `//evil.example`,
 * `/\evil.example`, `/<tab>/evil.example`) link cannot turn the login page into an open redirect.
 */
import { safeRelativePath } from "~/i18n/safe-path";

/** The overview: setup & health first, so a wrong key or a stuck push is seen at sign-in. */
export const DEFAULT_ADMIN_PATH = "/admin";

export function safeCallbackPath(value: string | string[] | undefined): string {
  return safeRelativePath(Array.isArray(value) ? value[0] : value, DEFAULT_ADMIN_PATH);
}

/**
 * The locale of the current request, for server components and route handlers: the `lang`
 * cookie (set by the switch, POST /lang) when it names a supported locale, else the browser's
 * Accept-Language (q-values respected, any zh → zh-CN), else en.
 */
import "server-only";
import { cookies, headers } from "next/headers";
import { cache } from "react";
import { resolveLocale } from "./accept-language";
import { getTranslator, type Translate } from "./dictionary";
import { getAdminTranslator, type AdminTranslate } from "./admin/dictionary";
import { LANG_COOKIE, type Locale } from "./locales";

export const getLocale = cache(async (): Promise<Locale> => {
  const [jar, heads] = await Promise.all([cookies(), headers()]);
  return resolveLocale(jar.get(LANG_COOKIE)?.value, heads.get("accept-language"));
});

/** The locale and its translator, for a server component. */
export async function getI18n(): Promise<{ locale: Locale; t: Translate }> {
  const locale = await getLocale();
  return { locale, t: getTranslator(locale) };
}

/** The locale and the staff console's translator, for a server component under /admin. */
export async function getAdminI18n(): Promise<{ locale: Locale; t: AdminTranslate }> {
  const locale = await getLocale();
  return { locale, t: getAdminTranslator(locale) };
}

/**
 * The languages the tenant pages speak. Pure module: safe for server, client and unit tests.
 * EXTENSION POINT: add a locale here and TypeScript lists every dictionary that misses it.
 */
export const LOCALES = ["zh-CN", "en"] as const;
export type Locale = (typeof LOCALES)[number];

export const DEFAULT_LOCALE: Locale = "en";

/** The cookie that remembers an explicit choice (the switch in the /app header). */
export const LANG_COOKIE = "lang";
/** One year: a language choice is a long-lived preference. */
export const LANG_COOKIE_MAX_AGE_SECONDS = 365 * 24 * 60 * 60;

export function isLocale(value: unknown): value is Locale {
  return typeof value === "string" && (LOCALES as readonly string[]).includes(value);
}

/** zh + en text as the catalog and the error table give it. */
export interface Text {
  zh: string;
  en: string;
}

/** Picks the text of a `{ zh, en }` pair for the locale. */
export function pickText(text: Text, locale: Locale): string {
  return locale === "zh-CN" ? text.zh : text.en;
}

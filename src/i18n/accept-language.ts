/**
 * Choosing a locale from what the browser sends (RFC 9110 §12.5.4 Accept-Language):
 * `zh-CN,zh;q=0.9,en;q=0.8`. Ranges are tried by descending q (ties keep header order);
 * q=0 means "not acceptable". Any Chinese range (zh, zh-CN, zh-TW, zh-Hans-CN …) picks
 * zh-CN, any `en…` picks en, `*` picks the default; unknown languages are skipped.
 */
import { DEFAULT_LOCALE, isLocale, type Locale } from "./locales";

interface Range {
  tag: string;
  q: number;
  index: number;
}

/** Parses the header into ranges with their q-value, best first; malformed parts are dropped. */
export function parseAcceptLanguage(header: string | null | undefined): Array<{ tag: string; q: number }> {
  if (!header) return [];
  const ranges: Range[] = [];
  // A hostile header cannot make this expensive: cap what is looked at.
  for (const [index, part] of header.slice(0, 1024).split(",").slice(0, 32).entries()) {
    const [rawTag, ...params] = part.split(";");
    const tag = rawTag?.trim().toLowerCase() ?? "";
    if (!/^(\*|[a-z]{1,8}(-[a-z0-9]{1,8})*)$/.test(tag)) continue;
    let q = 1;
    for (const param of params) {
      const m = /^\s*q\s*=\s*([0-9](?:\.[0-9]{0,3})?)\s*$/i.exec(param);
      if (m) q = Math.min(Number(m[1]), 1);
    }
    ranges.push({ tag, q, index });
  }
  return ranges
    .filter((r) => r.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index)
    .map(({ tag, q }) => ({ tag, q }));
}

/** Maps one language range to a supported locale, or null. */
function localeOfTag(tag: string): Locale | null {
  if (tag === "*") return DEFAULT_LOCALE;
  // zh and every zh-… range (zh-CN, zh-TW, zh-Hans …); not "zha" (Zhuang), a language of its own.
  if (tag === "zh" || tag.startsWith("zh-")) return "zh-CN";
  if (tag === "en" || tag.startsWith("en-")) return "en";
  return null;
}

/** The locale for an Accept-Language header: the best acceptable supported one, else en. */
export function localeFromAcceptLanguage(header: string | null | undefined): Locale {
  for (const { tag } of parseAcceptLanguage(header)) {
    const locale = localeOfTag(tag);
    if (locale) return locale;
  }
  return DEFAULT_LOCALE;
}

/** The cookie wins when it names a supported locale; otherwise the header decides. */
export function resolveLocale(cookieValue: string | null | undefined, acceptLanguage: string | null | undefined): Locale {
  if (isLocale(cookieValue)) return cookieValue;
  return localeFromAcceptLanguage(acceptLanguage);
}

/**
 * Numbers, dates and sentences for the tenant pages. A time is printed with its zone written out
 * ("2025-07-01 08:00 UTC+8"): in the reader's IANA zone in the browser (formatInTimeZone, via
 * src/app/app/_components/local-time.tsx), and in one fixed offset — the catalog's quota-month
 * offset, UTC+8 for the starter — on the server and for calendar days (the quota month, the
 * usage chart's days), which are counted in that offset.
 */
import type { Locale } from "./locales";

const numberFormats = new Map<Locale, Intl.NumberFormat>();

/** 12,345.5 in both locales (up to the 4 decimals a meter amount may have). */
export function formatNumber(n: number, locale: Locale): string {
  let f = numberFormats.get(locale);
  if (!f) {
    f = new Intl.NumberFormat(locale, { maximumFractionDigits: 4 });
    numberFormats.set(locale, f);
  }
  return f.format(n);
}

const pad = (n: number) => String(n).padStart(2, "0");

function shifted(d: Date, offsetMinutes: number): Date {
  return new Date(d.getTime() + offsetMinutes * 60_000);
}

/** "UTC+8", "UTC-3:30", "UTC". */
export function offsetLabel(offsetMinutes: number): string {
  if (offsetMinutes === 0) return "UTC";
  const sign = offsetMinutes > 0 ? "+" : "-";
  const abs = Math.abs(offsetMinutes);
  return `UTC${sign}${Math.floor(abs / 60)}${abs % 60 ? `:${pad(abs % 60)}` : ""}`;
}

/** "2025-07-01" in the given offset. */
export function formatDay(d: Date, offsetMinutes: number): string {
  return shifted(d, offsetMinutes).toISOString().slice(0, 10);
}

/** "2025-07-01 08:00 UTC+8". */
export function formatDateTime(d: Date, offsetMinutes: number, precise = false): string {
  const s = shifted(d, offsetMinutes).toISOString();
  // `precise` keeps seconds and milliseconds: the call log's detail, where ordering matters.
  return `${s.slice(0, 10)} ${s.slice(11, precise ? 23 : 16)} ${offsetLabel(offsetMinutes)}`;
}

/**
 * The `days` calendar days ending with the day of `now`, in the offset, oldest first, as
 * "YYYY-MM-DD" — the x axis of the usage chart (the ledger's daily sums use the same offset).
 */
export function lastDays(now: Date, days: number, offsetMinutes: number): string[] {
  const out: string[] = [];
  for (let i = days - 1; i >= 0; i--) out.push(formatDay(new Date(now.getTime() - i * 86_400_000), offsetMinutes));
  return out;
}

/**
 * The UTC offset of `timeZone` at the instant `d`, in minutes (Intl's "GMT-04:00"; "GMT" alone is
 * UTC). Null for a zone name Intl does not know.
 */
export function zoneOffsetMinutes(d: Date, timeZone: string): number | null {
  let name: string | undefined;
  try {
    name = new Intl.DateTimeFormat("en-US", { timeZone, timeZoneName: "longOffset" }).formatToParts(d).find((p) => p.type === "timeZoneName")?.value;
  } catch {
    return null;
  }
  const m = /^(?:GMT|UTC)(?:([+-])(\d{1,2})(?::?(\d{2}))?)?$/.exec(name ?? "");
  if (!m) return null;
  if (!m[1]) return 0;
  const minutes = Number(m[2]) * 60 + Number(m[3] ?? 0);
  return m[1] === "-" ? -minutes : minutes;
}

/**
 * "2025-06-30 20:00 UTC-4" in the given IANA zone (the browser's, on the tenant pages): the same
 * layout as formatDateTime, so a time reads the same in every language and says its zone. An
 * unknown zone falls back to UTC.
 */
export function formatInTimeZone(d: Date, timeZone: string, precise = false): string {
  const offset = zoneOffsetMinutes(d, timeZone);
  return formatDateTime(d, offset ?? 0, precise);
}

/** "one" or "other" (CLDR plural category; Chinese has only "other"), for message keys like `api.served.one`. */
export function pluralCategory(n: number, locale: Locale): "one" | "other" {
  return new Intl.PluralRules(locale).select(n) === "one" ? "one" : "other";
}

/**
 * A message from the server's error table as a sentence on a page: capital first letter, closing
 * punctuation. The table's English texts are lower-case fragments ("your package is used up; …")
 * because they also end up in logs and marketplace answers after a prefix.
 */
export function asSentence(text: string, locale: Locale): string {
  const s = text.trim();
  if (s.length === 0) return s;
  const capital = s.charAt(0).toLocaleUpperCase(locale) + s.slice(1);
  if (/[.!?。！？]$/.test(capital)) return capital;
  return capital + (locale === "zh-CN" ? "。" : ".");
}

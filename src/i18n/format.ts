/**
 * Numbers and dates for the tenant pages. Dates are shown in one fixed UTC offset (the catalog's
 * quota-month offset, UTC+8 for the starter), with the offset written out, so a server-rendered
 * time means the same to every reader and matches where the quota month starts.
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
export function formatDateTime(d: Date, offsetMinutes: number): string {
  const s = shifted(d, offsetMinutes).toISOString();
  return `${s.slice(0, 10)} ${s.slice(11, 16)} ${offsetLabel(offsetMinutes)}`;
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

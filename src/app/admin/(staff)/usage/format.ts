/** Formatting shared by the usage view (UTC, the marketplace's own time base; server-rendered). */
import { adminMessageKey, type AdminTranslate } from "~/i18n/admin/dictionary";

export function utc(d: Date | null | undefined): string {
  return d ? `${d.toISOString().replace("T", " ").slice(0, 19)} UTC` : "—";
}

/** "2026-01-01 09:00–10:00 UTC" for a usage hour. */
export function hourRange(start: Date, end: Date): string {
  return `${start.toISOString().replace("T", " ").slice(0, 16)}–${end.toISOString().slice(11, 16)} UTC`;
}

/** "45 s", "12 min", "3 h 5 min", "2 d 4 h" — or "3 小时 5 分钟" with the Chinese console's translator. */
export function duration(ms: number, t?: AdminTranslate): string {
  const unit = (n: number, u: "s" | "min" | "h" | "d") => (t ? t(`usage.dur.${u}`, { n }) : `${n} ${u}`);
  const s = Math.round(ms / 1000);
  if (s < 60) return unit(s, "s");
  const min = Math.floor(s / 60);
  if (min < 60) return unit(min, "min");
  const h = Math.floor(min / 60);
  if (h < 48) return `${unit(h, "h")}${min % 60 ? ` ${unit(min % 60, "min")}` : ""}`;
  return `${unit(Math.floor(h / 24), "d")}${h % 24 ? ` ${unit(h % 24, "h")}` : ""}`;
}

export const STATUS_BADGE: Record<string, string> = {
  PENDING: "bg-amber-100 text-amber-900",
  SENT: "bg-green-100 text-green-800",
  FAILED: "bg-red-100 text-red-800",
};

export function badgeClass(status: string): string {
  return `rounded px-1.5 py-0.5 text-xs font-medium ${STATUS_BADGE[status] ?? "bg-slate-200 text-slate-700"}`;
}

/** What a marketplace answer code (MKT.*) means, in the console's language; the server's English for an unknown code. */
export function mktMeaning(t: AdminTranslate, code: string | null | undefined, fallback: string): string {
  const key = code ? adminMessageKey(`usage.mkt.${code}`) : null;
  return key ? t(key) : fallback;
}

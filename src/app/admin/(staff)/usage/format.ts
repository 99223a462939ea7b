/** Formatting shared by the usage view (UTC, the marketplace's own time base; server-rendered). */

export function utc(d: Date | null | undefined): string {
  return d ? `${d.toISOString().replace("T", " ").slice(0, 19)} UTC` : "—";
}

/** "2026-01-01 09:00–10:00 UTC" for a usage hour. */
export function hourRange(start: Date, end: Date): string {
  return `${start.toISOString().replace("T", " ").slice(0, 16)}–${end.toISOString().slice(11, 16)} UTC`;
}

/** "45 s", "12 min", "3 h 5 min", "2 d 4 h". */
export function duration(ms: number): string {
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s} s`;
  const min = Math.floor(s / 60);
  if (min < 60) return `${min} min`;
  const h = Math.floor(min / 60);
  if (h < 48) return `${h} h${min % 60 ? ` ${min % 60} min` : ""}`;
  return `${Math.floor(h / 24)} d${h % 24 ? ` ${h % 24} h` : ""}`;
}

export const STATUS_BADGE: Record<string, string> = {
  PENDING: "bg-amber-100 text-amber-900",
  SENT: "bg-green-100 text-green-800",
  FAILED: "bg-red-100 text-red-800",
};

export function badgeClass(status: string): string {
  return `rounded px-1.5 py-0.5 text-xs font-medium ${STATUS_BADGE[status] ?? "bg-slate-200 text-slate-700"}`;
}

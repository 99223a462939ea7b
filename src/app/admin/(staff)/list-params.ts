/**
 * The search box, date range and page number every staff list keeps in its query string
 * (?q=…&from=2026-12-01&to=2026-12-02&page=2&size=50; `size` has no control on the page, a link
 * may carry it). Days are calendar days in the console's offset
 * (the catalog's quota-month offset, UTC+8 for the starter — the same one times fall back to,
 * see admin-time.tsx); `to` includes its whole day. Anything malformed — a bad date, a page of
 * "abc", a range given backwards — is dropped to the default instead of becoming an error page.
 * Pure module (no server imports) so unit tests and the CSV export share it.
 */
import { z } from "zod";
import { cutUnits, first, type RawSearchParams } from "./query-params";

export interface ListWindowView {
  q?: string;
  /** "YYYY-MM-DD" as typed. */
  from?: string;
  to?: string;
  page: number;
  /** Rows per page. */
  size: number;
}

export const DEFAULT_PAGE_SIZE = 50;

/**
 * Days whose window, in any offset (±1 day), stays inside the instants the API accepts
 * (WINDOW_MIN..WINDOW_MAX, src/server/api/routers/list-window.ts): 0000-01-01 would become an
 * instant in year −1, which PostgreSQL refuses.
 */
export const MIN_DAY = "0001-01-02";
export const MAX_DAY = "9999-12-30";

const zDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/).refine((s) => {
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s && s >= MIN_DAY && s <= MAX_DAY;
});
const zPage = z.coerce.number().int().min(1).max(100_000);
const zSize = z.coerce.number().int().min(1).max(200);

export function parseListWindow(params: RawSearchParams): ListWindowView {
  // The API takes at most 100 UTF-16 units; a cut never leaves half a surrogate pair.
  const q = cutUnits(first(params.q) ?? "", 100).trim() || undefined;
  const from = zDay.safeParse(first(params.from)).data;
  let to = zDay.safeParse(first(params.to)).data;
  // A backwards range would match nothing; keep the start, drop the end.
  if (from && to && to < from) to = undefined;
  const page = zPage.safeParse(first(params.page)).data ?? 1;
  const size = zSize.safeParse(first(params.size)).data ?? DEFAULT_PAGE_SIZE;
  return { q, from, to, page, size };
}

/** The instant a calendar day starts in the given offset. */
export function dayStart(day: string, offsetMinutes: number): Date {
  return new Date(Date.parse(`${day}T00:00:00Z`) - offsetMinutes * 60_000);
}

/** The half-open [from, to) instants of a day range; `to` is the start of the day after. */
export function windowOf(view: Pick<ListWindowView, "from" | "to">, offsetMinutes: number): { from?: Date; to?: Date } {
  return {
    from: view.from ? dayStart(view.from, offsetMinutes) : undefined,
    to: view.to ? new Date(dayStart(view.to, offsetMinutes).getTime() + 86_400_000) : undefined,
  };
}

/** The window's query parameters, for hrefWith. */
export function windowParams(view: ListWindowView, page?: number): Record<string, string | undefined> {
  const p = page ?? view.page;
  return { q: view.q, from: view.from, to: view.to, page: p > 1 ? String(p) : undefined, size: view.size !== DEFAULT_PAGE_SIZE ? String(view.size) : undefined };
}

/**
 * What the staff lists share in their inputs: free-text search, a time window and offset paging.
 * The window is half-open, [from, to): a page turns calendar days into instants (list-params.ts
 * in the console) so a day's last millisecond is inside and the next day's first is not.
 */
import { z } from "zod";

/** Free text, trimmed; an empty box is no search. */
export const zSearch = z.string().trim().max(100).optional().transform((s) => (s ? s : undefined));

/**
 * The instants a window may name: years 0001–9999, the ones ISO 8601 and PostgreSQL both write
 * with four digits. Year 0000 or earlier is "-000001-…" in JavaScript and an invalid timestamp in
 * PostgreSQL, so it is refused here as bad input rather than failing in the database.
 */
export const WINDOW_MIN = new Date("0001-01-01T00:00:00.000Z");
export const WINDOW_MAX = new Date("9999-12-31T23:59:59.999Z");

const zInstant = z
  .date()
  .min(WINDOW_MIN, { error: "must be 0001-01-01T00:00:00Z or later" })
  .max(WINDOW_MAX, { error: "must be 9999-12-31T23:59:59.999Z or earlier" });

export const zWindow = {
  /** Inclusive lower bound. */
  from: zInstant.optional(),
  /** Exclusive upper bound. */
  to: zInstant.optional(),
};

export const zOffsetPage = {
  /** 1-based. */
  page: z.number().int().min(1).max(100_000).default(1),
  pageSize: z.number().int().min(1).max(500).default(50),
};

/**
 * `s` as a LIKE pattern that matches only itself: `\`, `%` and `_` escaped with `\`
 * (PostgreSQL's default LIKE escape). Prisma's `contains`/`startsWith`/`endsWith` put the value
 * into the pattern as it is, so a search for "50%" or "a_b" would otherwise be a wildcard.
 */
export function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, "\\$&");
}

/** The Prisma filter "contains this text, any case", for every staff list's free-text search. */
export function containsText(search: string) {
  return { contains: escapeLike(search), mode: "insensitive" } as const;
}

/** The Prisma range filter of a window, or undefined when it is open on both sides. */
export function windowWhere(w: { from?: Date; to?: Date }): { gte?: Date; lt?: Date } | undefined {
  if (!w.from && !w.to) return undefined;
  return { ...(w.from ? { gte: w.from } : {}), ...(w.to ? { lt: w.to } : {}) };
}

/** skip/take of a 1-based page. */
export function pageSlice(p: { page: number; pageSize: number }): { skip: number; take: number } {
  return { skip: (p.page - 1) * p.pageSize, take: p.pageSize };
}

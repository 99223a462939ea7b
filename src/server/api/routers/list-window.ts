/**
 * What the staff lists share in their inputs: free-text search, a time window and offset paging.
 * The window is half-open, [from, to): a page turns calendar days into instants (list-params.ts
 * in the console) so a day's last millisecond is inside and the next day's first is not.
 */
import { z } from "zod";

/** Free text, trimmed; an empty box is no search. */
export const zSearch = z.string().trim().max(100).optional().transform((s) => (s ? s : undefined));

export const zWindow = {
  /** Inclusive lower bound. */
  from: z.date().optional(),
  /** Exclusive upper bound. */
  to: z.date().optional(),
};

export const zOffsetPage = {
  /** 1-based. */
  page: z.number().int().min(1).max(100_000).default(1),
  pageSize: z.number().int().min(1).max(500).default(50),
};

/** The Prisma range filter of a window, or undefined when it is open on both sides. */
export function windowWhere(w: { from?: Date; to?: Date }): { gte?: Date; lt?: Date } | undefined {
  if (!w.from && !w.to) return undefined;
  return { ...(w.from ? { gte: w.from } : {}), ...(w.to ? { lt: w.to } : {}) };
}

/** skip/take of a 1-based page. */
export function pageSlice(p: { page: number; pageSize: number }): { skip: number; take: number } {
  return { skip: (p.page - 1) * p.pageSize, take: p.pageSize };
}

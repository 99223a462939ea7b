/**
 * Staff views keep their filters in the query string so every view can be linked. `first` and
 * `valid` read one parameter leniently: the first value, trimmed, and only if it passes the API's
 * own zod schema — a bad value is dropped rather than turned into an error page. `hrefWith` writes
 * a view back as a link.
 */
import { hasUnstorableText } from "~/server/db/safe-text";

export type RawSearchParams = Record<string, string | string[] | undefined>;

/**
 * The first value, trimmed; undefined when empty or when it holds text PostgreSQL cannot take
 * (NUL, an unpaired surrogate: src/server/db/safe-text.ts), which the API would refuse — README
 * "Staff console lists": a malformed value falls back to its default.
 */
export function first(v: string | string[] | undefined): string | undefined {
  const s = Array.isArray(v) ? v[0] : v;
  if (s === undefined || s.trim() === "" || hasUnstorableText(s)) return undefined;
  return s.trim();
}

/** At most `max` UTF-16 units of `s`, never ending in half of a surrogate pair. */
export function cutUnits(s: string, max: number): string {
  if (s.length <= max) return s;
  const cut = s.slice(0, max);
  return /[\ud800-\udbff]$/.test(cut) ? cut.slice(0, -1) : cut;
}

export function valid<T>(schema: { safeParse(v: unknown): { success: true; data: T } | { success: false } }, v: unknown): T | undefined {
  if (v === undefined) return undefined;
  const r = schema.safeParse(v);
  return r.success ? r.data : undefined;
}

/** `path?…` with the given parameters; empty ones are left out so links stay short. */
export function hrefWith(path: string, params: Record<string, string | undefined>): string {
  const q = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) if (value) q.set(name, value);
  const s = q.toString();
  return s ? `${path}?${s}` : path;
}

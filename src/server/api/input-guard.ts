/**
 * Refuses tRPC input that PostgreSQL could not store, before any procedure sees it.
 *
 * PostgreSQL rejects NUL (U+0000) and unpaired UTF-16 surrogates in text and jsonb
 * (src/server/db/safe-text.ts). A procedure that wrote such a string would fail inside the
 * database and answer INTERNAL — a crash from the caller's point of view, for what is plainly
 * bad input. Marketplace calls must be stored whatever they carry, so they are made storable;
 * a person typing into the app is told instead: INVALID_INPUT naming the field. One middleware
 * on every builder, so no router can forget it.
 */
import { hasUnstorableText } from "~/server/db/safe-text";

/** Nesting deeper than any procedure's input: refused rather than walked. */
const MAX_DEPTH = 32;

/** The path (e.g. `name` or `items.2.label`) of the first unstorable string in `input`, or null. */
export function findUnstorableText(input: unknown): string | null {
  const stack: { value: unknown; path: string; depth: number }[] = [{ value: input, path: "", depth: 0 }];
  while (stack.length > 0) {
    const { value, path, depth } = stack.pop()!;
    if (typeof value === "string") {
      if (hasUnstorableText(value)) return path || "(input)";
      continue;
    }
    if (typeof value !== "object" || value === null) continue;
    if (depth >= MAX_DEPTH) return path || "(input)";
    const entries: [string, unknown][] = Array.isArray(value)
      ? value.map((v, i) => [String(i), v])
      : value instanceof Date
        ? []
        : Object.entries(value);
    for (const [key, child] of entries) {
      const childPath = path ? `${path}.${key}` : key;
      if (hasUnstorableText(key)) return childPath;
      stack.push({ value: child, path: childPath, depth: depth + 1 });
    }
  }
  return null;
}

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
export const MAX_DEPTH = 32;

export const UNSTORABLE_MESSAGE = "text may not contain NUL characters or unpaired surrogates";
export const TOO_DEEP_MESSAGE = `input may not be nested more than ${MAX_DEPTH} levels deep`;

/** What is wrong with an input, and where (e.g. `name` or `items.2.label`; `(input)` for the whole). */
export interface InputProblem {
  path: string;
  message: string;
}

/** The first unstorable string (or key) in `input`, or nesting past MAX_DEPTH; null when fine. */
export function findInputProblem(input: unknown): InputProblem | null {
  const stack: { value: unknown; path: string; depth: number }[] = [{ value: input, path: "", depth: 0 }];
  while (stack.length > 0) {
    const { value, path, depth } = stack.pop()!;
    if (typeof value === "string") {
      if (hasUnstorableText(value)) return { path: path || "(input)", message: UNSTORABLE_MESSAGE };
      continue;
    }
    if (typeof value !== "object" || value === null) continue;
    if (depth >= MAX_DEPTH) return { path: path || "(input)", message: TOO_DEEP_MESSAGE };
    const entries: [string, unknown][] = Array.isArray(value)
      ? value.map((v, i) => [String(i), v])
      : value instanceof Date
        ? []
        : Object.entries(value);
    for (const [key, child] of entries) {
      const childPath = path ? `${path}.${key}` : key;
      if (hasUnstorableText(key)) return { path: childPath, message: UNSTORABLE_MESSAGE };
      stack.push({ value: child, path: childPath, depth: depth + 1 });
    }
  }
  return null;
}

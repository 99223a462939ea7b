/**
 * Text and JSON that PostgreSQL accepts, whatever a caller sent.
 *
 * PostgreSQL refuses NUL (U+0000) in `text`/`varchar` ("invalid byte sequence for encoding UTF8:
 * 0x00") and in `jsonb` (`\u0000`: "unsupported Unicode escape sequence"), and `jsonb` refuses an
 * unpaired surrogate (JSON.stringify writes it as `\ud800`, which is not valid Unicode). A JSON body
 * may carry both as `\u` escapes. Everything stored from a request therefore goes through these
 * helpers: NUL and unpaired surrogates become U+FFFD (the replacement character), one UTF-16 unit
 * each, so lengths and length checks are unchanged. The mapping is deterministic, so a redelivered
 * call maps to the same stored identifiers.
 *
 * Prisma also mishandles an own property named `__proto__` in a Json value (it crashes or drops
 * it), and superjson (the tRPC transformer) refuses to send any object with a key `__proto__`,
 * `constructor` or `prototype` ("prototype pollution risk"), which would make the staff call log
 * fail on a stored body. So all three keys are stored renamed, in brackets (README, "Decisions
 * where the spec is silent").
 */

// NUL, a high surrogate not followed by a low one, or a low surrogate not preceded by a high one.
const UNSTORABLE = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
const HAS_SUSPECT = /[\u0000\ud800-\udfff]/;

export const REPLACEMENT_CHAR = "\uFFFD";
/** What a `__proto__` key is stored as. */
export const RENAMED_PROTO_KEY = "[__proto__]";
/** Keys stored renamed, and what they become: `__proto__` → `[__proto__]` and so on. */
export const RENAMED_KEYS: ReadonlyMap<string, string> = new Map(
  ["__proto__", "constructor", "prototype"].map((k) => [k, `[${k}]`]),
);

/** `value` with NUL and unpaired surrogates replaced by U+FFFD. */
export function storableText(value: string): string {
  return HAS_SUSPECT.test(value) ? value.replace(UNSTORABLE, REPLACEMENT_CHAR) : value;
}

function isPlainRecord(value: unknown): value is Record<string, unknown> {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

function storableKey(key: string): string {
  return RENAMED_KEYS.get(key) ?? storableText(key);
}

/**
 * Deep copy of a JSON-like value with every string (keys too) made storable and `__proto__`,
 * `constructor` and `prototype` keys renamed (RENAMED_KEYS). Arrays and plain objects are copied;
 * anything else (numbers, Dates …) is kept as is. Idempotent: a stored copy comes back unchanged.
 * When two keys end up equal after the replacement, the first one wins (a display copy: the
 * signature was checked over the original text).
 */
export function storableJson<T>(value: T): T {
  return copy(value) as T;
}

function copy(value: unknown): unknown {
  if (typeof value === "string") return storableText(value);
  if (Array.isArray(value)) return value.map(copy);
  if (!isPlainRecord(value)) return value;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    const k = storableKey(key);
    if (Object.prototype.hasOwnProperty.call(out, k)) continue;
    Object.defineProperty(out, k, { value: copy(value[key]), enumerable: true, writable: true, configurable: true });
  }
  return out;
}

/** Whether `value` holds a NUL or an unpaired surrogate (text PostgreSQL would refuse). */
export function hasUnstorableText(value: string): boolean {
  if (!HAS_SUSPECT.test(value)) return false;
  UNSTORABLE.lastIndex = 0;
  const found = UNSTORABLE.test(value);
  UNSTORABLE.lastIndex = 0;
  return found;
}

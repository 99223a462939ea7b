/**
 * Bounded previews of request bodies for the call log. A call that was not verified (bad or
 * missing signature, replayed nonce, oversized body) is stored with metadata and one of these
 * previews only, never its whole body: anyone can send such calls, and 10,000 of them must not
 * fill the database.
 */

/** Upper bound of a stored preview, in UTF-16 units (≤ 12 KiB of UTF-8). */
export const PREVIEW_MAX_CHARS = 4096;

const MAX_STRING_CHARS = 256;
const MAX_NODES = 200;
const MAX_DEPTH = 8;

/** The first `max` UTF-16 units of `text`, without cutting a surrogate pair in half. */
export function cutText(text: string, max: number): string {
  if (text.length <= max) return text;
  let end = max;
  const last = text.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end--;
  return text.slice(0, end);
}

/** Raw (non-JSON) body text, cut to the preview size. */
export function previewText(text: string, max = PREVIEW_MAX_CHARS): string {
  return text.length <= max ? text : `${cutText(text, max - 32)}…[${text.length} chars]`;
}

/**
 * A JSON value shrunk to at most `max` characters when serialised: long strings, arrays and
 * objects are cut with a marker saying how much was left out; if that is still too long, the
 * serialised text itself is cut and kept as a string under "[preview]".
 */
export function previewJson(value: unknown, max = PREVIEW_MAX_CHARS): unknown {
  let nodes = 0;
  const walk = (v: unknown, depth: number): unknown => {
    nodes++;
    if (typeof v === "string") return v.length > MAX_STRING_CHARS ? `${cutText(v, MAX_STRING_CHARS)}…[${v.length} chars]` : v;
    if (Array.isArray(v)) {
      if (depth >= MAX_DEPTH) return `[array of ${v.length}]`;
      const out: unknown[] = [];
      for (const item of v) {
        if (nodes >= MAX_NODES) {
          out.push(`…[${v.length - out.length} more]`);
          break;
        }
        out.push(walk(item, depth + 1));
      }
      return out;
    }
    if (typeof v === "object" && v !== null) {
      const keys = Object.keys(v);
      if (depth >= MAX_DEPTH) return `[object of ${keys.length} keys]`;
      const out: Record<string, unknown> = {};
      let kept = 0;
      for (const k of keys) {
        if (nodes >= MAX_NODES) {
          out["…"] = `[${keys.length - kept} more keys]`;
          break;
        }
        Object.defineProperty(out, cutText(k, MAX_STRING_CHARS), {
          value: walk((v as Record<string, unknown>)[k], depth + 1),
          enumerable: true,
          writable: true,
          configurable: true,
        });
        kept++;
      }
      return out;
    }
    return v;
  };
  const clipped = walk(value, 0);
  const text = JSON.stringify(clipped) ?? "null";
  if (text.length <= max) return clipped;
  // Serialised again, the text grows by its escapes: shrink until the wrapper fits.
  for (let n = max - 32; ; ) {
    const wrapped = { "[preview]": previewText(text, n) };
    const length = JSON.stringify(wrapped).length;
    if (length <= max || n <= 64) return wrapped;
    n = Math.floor((n * max) / length) - 16;
  }
}

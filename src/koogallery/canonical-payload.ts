/**
 * The canonical signing payloads of KooGallery bodies, rebuilt from the raw text (json-parser.ts),
 * and the serialisers of the bodies this app signs itself.
 *
 * Spec: docs/protocol/base-interface.md#canonical-json and
 * docs/protocol/base-interface.md#signature (canonical payload = top-level keys sorted like a Java TreeMap,
 * null entries dropped, compact Jackson output); docs/protocol/kit.md#signature (kit payload, nested sorting
 * unconfirmed); docs/protocol/README.md#d2 (build from the raw body, try the Map<String,String> variant too).
 */
import { MalformedJsonError, parseRawJson, type RawJsonNode } from './json-parser';

/** Java TreeMap<String,…> order = UTF-16 code unit order, which is what `<` on JS strings does. */
function compareUtf16(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Jackson's default string escaping: only `"`, `\` and control characters below 0x20
 * (`\b \t \n \f \r` by name, the rest as `\u00XX` with upper-case hex). `/`, DEL, U+2028/2029
 * and non-ASCII are written as-is.
 *
 * A lone surrogate is written as `?`: Jackson writes the char unchanged, and the demo's
 * `String.getBytes(UTF_8)` before HMAC replaces an unpaired surrogate with `?` (0x3F), whereas
 * Node would encode it as U+FFFD. Replacing it here makes our bytes equal Java's.
 */
export function jacksonQuote(value: string): string {
  let out = '"';
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c === 0x22) out += '\\"';
    else if (c === 0x5c) out += '\\\\';
    else if (c < 0x20) {
      switch (c) {
        case 0x08: out += '\\b'; break;
        case 0x09: out += '\\t'; break;
        case 0x0a: out += '\\n'; break;
        case 0x0c: out += '\\f'; break;
        case 0x0d: out += '\\r'; break;
        default: out += '\\u00' + c.toString(16).toUpperCase().padStart(2, '0');
      }
    } else if (c >= 0xd800 && c <= 0xdbff) {
      const d = value.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        out += value[i]! + value[i + 1]!;
        i++;
      } else out += '?';
    } else if (c >= 0xdc00 && c <= 0xdfff) out += '?';
    else out += value[i]!;
  }
  return out + '"';
}

interface EmitMode {
  /** Top-level numbers/booleans written as strings (the demo's Map<String,String> binding). */
  stringifyTopScalars: boolean;
  /** Strings decoded and re-encoded the way Jackson writes them. */
  jacksonStrings: boolean;
  /** Nested object keys sorted too (kit bodies: unconfirmed whether Huawei sorts them). */
  sortNested: boolean;
}

function emitString(raw: string, decoded: string, mode: EmitMode): string {
  return mode.jacksonStrings ? jacksonQuote(decoded) : raw;
}

function emitNested(node: RawJsonNode, mode: EmitMode): string {
  switch (node.kind) {
    case 'object': {
      const entries = mode.sortNested ? [...node.entries].sort((a, b) => compareUtf16(a.key, b.key)) : node.entries;
      // Nested nulls are kept: only the top-level TreeMap has them removed in the demo.
      return '{' + entries.map((e) => emitString(e.rawKey, e.key, mode) + ':' + emitNested(e.value, mode)).join(',') + '}';
    }
    case 'array':
      return '[' + node.items.map((n) => emitNested(n, mode)).join(',') + ']';
    case 'string':
      return emitString(node.raw, node.value, mode);
    default:
      return node.raw;
  }
}

function emitTop(root: Extract<RawJsonNode, { kind: 'object' }>, mode: EmitMode): string {
  const entries = root.entries
    .filter((e) => e.value.kind !== 'null')
    .sort((a, b) => compareUtf16(a.key, b.key));
  const parts = entries.map((e) => {
    const v = e.value;
    let text: string;
    if (mode.stringifyTopScalars && (v.kind === 'number' || v.kind === 'boolean')) {
      // Jackson's StringDeserializer takes the token text, so 1.0 → "1.0", true → "true".
      text = '"' + v.raw + '"';
    } else {
      text = emitNested(v, mode);
    }
    return emitString(e.rawKey, e.key, mode) + ':' + text;
  });
  return '{' + parts.join(',') + '}';
}

export interface CanonicalOptions {
  /** Also produce variants with nested object keys sorted (kit bodies). */
  sortNested?: boolean;
}

/**
 * The ordered, de-duplicated payloads a verifier should try. All variants: top-level keys in
 * UTF-16 order, top-level `null` entries removed, no whitespace.
 *
 * 1. primary — literals byte-for-byte as received, nested values in received order. For every
 *    example in the docs this equals the body itself.
 * 2. scalars-as-strings — top-level numbers/booleans quoted with their raw text (`"testFlag":"0"`),
 *    which is what the demo signs after binding the body to Map<String,String>.
 * 3. jackson-strings — every string (keys and values, all depths) decoded and re-encoded with
 *    Jackson's escaping (`\/` → `/`, `\u4e2d` → `中`, `\u001f` → `\u001F`), for a signer that parsed
 *    and re-serialised the body.
 * 4. 2 + 3 combined.
 * With `sortNested`: 5–8 are 1–4 with nested object keys sorted as well.
 *
 * Throws MalformedJsonError when `raw` is not JSON or its top level is not an object.
 */
export function canonicalPayloads(raw: string, opts: CanonicalOptions = {}): string[] {
  const root = parseRawJson(raw);
  if (root.kind !== 'object') throw new MalformedJsonError('top-level value must be a JSON object', 0);
  const modes: EmitMode[] = [];
  const nestedChoices = opts.sortNested ? [false, true] : [false];
  for (const sortNested of nestedChoices) {
    for (const jacksonStrings of [false, true]) {
      for (const stringifyTopScalars of [false, true]) {
        modes.push({ sortNested, jacksonStrings, stringifyTopScalars });
      }
    }
  }
  const out: string[] = [];
  for (const mode of modes) {
    const payload = emitTop(root, mode);
    if (!out.includes(payload)) out.push(payload);
  }
  return out;
}

/** The primary candidate: what a signer should sign for `raw`. */
export function canonicalPayload(raw: string): string {
  const first = canonicalPayloads(raw)[0];
  // canonicalPayloads always yields at least one payload for an object.
  return first as string;
}

/**
 * Serialise a JS value with top-level keys sorted (UTF-16 order) and top-level `undefined`/`null`
 * dropped, as the marketplace sends base bodies. Nested values keep their order.
 */
export function stringifyTopSorted(value: Record<string, unknown>): string {
  const keys = Object.keys(value).sort(compareUtf16);
  const parts: string[] = [];
  for (const k of keys) {
    const v = value[k];
    if (v === undefined || v === null) continue;
    parts.push(JSON.stringify(k) + ':' + JSON.stringify(v));
  }
  return '{' + parts.join(',') + '}';
}

/** Serialise with object keys sorted at every depth ("自然排序" of the usage-push body). */
export function stringifyDeepSorted(value: unknown): string {
  return JSON.stringify(sortDeep(value));
}

function sortDeep(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortDeep);
  if (value !== null && typeof value === 'object' && !(value instanceof Date)) {
    const src = value as Record<string, unknown>;
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(src).sort(compareUtf16)) {
      Object.defineProperty(out, k, { value: sortDeep(src[k]), enumerable: true, writable: true, configurable: true });
    }
    return out;
  }
  return value;
}

/**
 * JSON.stringify with every non-ASCII character written as `\uXXXX` (lower-case hex). The AppInfo
 * `memo` docs ask for Chinese as unicode escapes (docs/protocol/base-interface.md#queryinstance); escaping
 * the whole response keeps it valid JSON either way.
 */
export function stringifyAsciiJson(value: unknown): string {
  const text = JSON.stringify(value);
  if (text === undefined) throw new TypeError('value is not JSON-serialisable');
  return text.replace(/[\u007f-\uffff]/g, (ch) => '\\u' + ch.charCodeAt(0).toString(16).padStart(4, '0'));
}

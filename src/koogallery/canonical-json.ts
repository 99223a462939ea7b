/**
 * Raw-preserving JSON parser and the canonical signing payloads of KooGallery bodies.
 *
 * Spec: docs/protocol/base-interface.md#canonical-json and
 * docs/protocol/base-interface.md#signature (canonical payload = top-level keys sorted like a Java TreeMap,
 * null entries dropped, compact Jackson output); docs/protocol/kit.md#signature (kit payload, nested sorting
 * unconfirmed); docs/protocol/README.md#d2 (build from the raw body, try the Map<String,String> variant too).
 *
 * Why a hand-written parser: `JSON.parse` + `JSON.stringify` loses the text the marketplace signed
 * (`1.0` → `1`, `\/` → `/`, `\u4e2d` → `中`). The signer on the other side (Jackson) keeps string
 * and number literals as received in the common cases, so we keep the raw text of every literal and
 * rebuild the payload from tokens. Strict RFC 8259 grammar; no dependencies.
 */

/** Thrown for malformed input; `position` is the UTF-16 offset where parsing stopped. */
export class MalformedJsonError extends Error {
  readonly position: number;
  constructor(message: string, position: number) {
    super(`Malformed JSON at position ${position}: ${message}`);
    this.name = 'MalformedJsonError';
    this.position = position;
  }
}

export interface RawJsonEntry {
  /** Key exactly as received, including the quotes (e.g. `"a\/b"`). */
  rawKey: string;
  /** Decoded key (e.g. `a/b`). */
  key: string;
  value: RawJsonNode;
}

export type RawJsonNode =
  | { kind: 'object'; entries: RawJsonEntry[] }
  | { kind: 'array'; items: RawJsonNode[] }
  | { kind: 'string'; raw: string; value: string }
  | { kind: 'number'; raw: string; value: number }
  | { kind: 'boolean'; raw: 'true' | 'false'; value: boolean }
  | { kind: 'null'; raw: 'null'; value: null };

export interface ParseOptions {
  /**
   * Accept bare identifier keys (`{orgCode:"1"}`). Only for the lenient reading of the kit
   * `orgInfoList` string, whose published example uses that form (docs/protocol/kit.md#allorgsync).
   */
  allowUnquotedKeys?: boolean;
  /** Nesting limit; deeper input is rejected instead of overflowing the stack. Default 256. */
  maxDepth?: number;
}

const DEFAULT_MAX_DEPTH = 256;

/**
 * Parse `raw` into a tree that keeps the raw text of every literal and the received key order.
 * Rejects trailing garbage and duplicate keys (a duplicate would let the signed text and the
 * processed data disagree, so we refuse it rather than pick a winner).
 */
export function parseRawJson(raw: string, options: ParseOptions = {}): RawJsonNode {
  const parser = new Parser(raw, options.allowUnquotedKeys ?? false, options.maxDepth ?? DEFAULT_MAX_DEPTH);
  return parser.parseDocument();
}

class Parser {
  private pos = 0;
  constructor(
    private readonly src: string,
    private readonly allowUnquotedKeys: boolean,
    private readonly maxDepth: number,
  ) {}

  parseDocument(): RawJsonNode {
    // A UTF-8 BOM decoded into the string is not content; Jackson skips it too.
    if (this.src.charCodeAt(0) === 0xfeff) this.pos = 1;
    this.skipWs();
    if (this.pos >= this.src.length) this.fail('empty input');
    const node = this.parseValue(0);
    this.skipWs();
    if (this.pos < this.src.length) this.fail('unexpected trailing characters');
    return node;
  }

  private fail(message: string): never {
    throw new MalformedJsonError(message, this.pos);
  }

  private skipWs(): void {
    const s = this.src;
    while (this.pos < s.length) {
      const c = s.charCodeAt(this.pos);
      if (c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d) this.pos++;
      else break;
    }
  }

  private parseValue(depth: number): RawJsonNode {
    if (depth > this.maxDepth) this.fail(`nesting deeper than ${this.maxDepth}`);
    const c = this.src[this.pos];
    switch (c) {
      case '{':
        return this.parseObject(depth);
      case '[':
        return this.parseArray(depth);
      case '"': {
        const { raw, value } = this.parseString();
        return { kind: 'string', raw, value };
      }
      case 't':
        this.expectWord('true');
        return { kind: 'boolean', raw: 'true', value: true };
      case 'f':
        this.expectWord('false');
        return { kind: 'boolean', raw: 'false', value: false };
      case 'n':
        this.expectWord('null');
        return { kind: 'null', raw: 'null', value: null };
      default:
        if (c === '-' || (c !== undefined && c >= '0' && c <= '9')) return this.parseNumber();
        return this.fail(c === undefined ? 'unexpected end of input' : `unexpected character ${JSON.stringify(c)}`);
    }
  }

  private expectWord(word: string): void {
    if (this.src.startsWith(word, this.pos)) this.pos += word.length;
    else this.fail(`expected ${word}`);
  }

  private parseObject(depth: number): RawJsonNode {
    this.pos++; // {
    const entries: RawJsonEntry[] = [];
    const seen = new Set<string>();
    this.skipWs();
    if (this.src[this.pos] === '}') {
      this.pos++;
      return { kind: 'object', entries };
    }
    for (;;) {
      this.skipWs();
      const keyStart = this.pos;
      let rawKey: string;
      let key: string;
      if (this.src[this.pos] === '"') {
        ({ raw: rawKey, value: key } = this.parseString());
      } else if (this.allowUnquotedKeys) {
        ({ raw: rawKey, value: key } = this.parseBareKey());
      } else {
        return this.fail('expected a string key');
      }
      if (seen.has(key)) {
        this.pos = keyStart;
        this.fail(`duplicate key ${JSON.stringify(key)}`);
      }
      seen.add(key);
      this.skipWs();
      if (this.src[this.pos] !== ':') this.fail("expected ':'");
      this.pos++;
      this.skipWs();
      const value = this.parseValue(depth + 1);
      entries.push({ rawKey, key, value });
      this.skipWs();
      const c = this.src[this.pos];
      if (c === ',') {
        this.pos++;
        continue;
      }
      if (c === '}') {
        this.pos++;
        return { kind: 'object', entries };
      }
      this.fail("expected ',' or '}'");
    }
  }

  private parseBareKey(): { raw: string; value: string } {
    const m = /^[A-Za-z_$][A-Za-z0-9_$]*/.exec(this.src.slice(this.pos, this.pos + 256));
    if (!m) this.fail('expected a key');
    this.pos += m[0].length;
    // Re-quote so that emitting this tree always produces valid JSON.
    return { raw: JSON.stringify(m[0]), value: m[0] };
  }

  private parseArray(depth: number): RawJsonNode {
    this.pos++; // [
    const items: RawJsonNode[] = [];
    this.skipWs();
    if (this.src[this.pos] === ']') {
      this.pos++;
      return { kind: 'array', items };
    }
    for (;;) {
      this.skipWs();
      items.push(this.parseValue(depth + 1));
      this.skipWs();
      const c = this.src[this.pos];
      if (c === ',') {
        this.pos++;
        continue;
      }
      if (c === ']') {
        this.pos++;
        return { kind: 'array', items };
      }
      this.fail("expected ',' or ']'");
    }
  }

  private parseString(): { raw: string; value: string } {
    const s = this.src;
    const start = this.pos;
    this.pos++; // opening quote
    let value = '';
    let chunkStart = this.pos;
    for (;;) {
      if (this.pos >= s.length) this.fail('unterminated string');
      const c = s.charCodeAt(this.pos);
      if (c === 0x22) {
        value += s.slice(chunkStart, this.pos);
        this.pos++;
        return { raw: s.slice(start, this.pos), value };
      }
      if (c < 0x20) this.fail('unescaped control character in string');
      if (c !== 0x5c) {
        this.pos++;
        continue;
      }
      value += s.slice(chunkStart, this.pos);
      const e = s[this.pos + 1];
      switch (e) {
        case '"': value += '"'; break;
        case '\\': value += '\\'; break;
        case '/': value += '/'; break;
        case 'b': value += '\b'; break;
        case 'f': value += '\f'; break;
        case 'n': value += '\n'; break;
        case 'r': value += '\r'; break;
        case 't': value += '\t'; break;
        case 'u': {
          const hex = s.slice(this.pos + 2, this.pos + 6);
          if (!/^[0-9A-Fa-f]{4}$/.test(hex)) this.fail('invalid \\u escape');
          value += String.fromCharCode(parseInt(hex, 16));
          this.pos += 4;
          break;
        }
        default:
          this.fail('invalid escape');
      }
      this.pos += 2;
      chunkStart = this.pos;
    }
  }

  private parseNumber(): RawJsonNode {
    const m = /^-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/.exec(this.src.slice(this.pos, this.pos + 1024));
    if (!m) return this.fail('invalid number');
    const raw = m[0];
    this.pos += raw.length;
    // A number directly followed by a letter/digit (e.g. `01`, `1x`) is not valid JSON.
    const next = this.src[this.pos];
    if (next !== undefined && /[0-9A-Za-z.+-]/.test(next)) this.fail('invalid number');
    return { kind: 'number', raw, value: Number(raw) };
  }
}

/**
 * Convert a tree to plain JS values (what JSON.parse would give). Keys such as `__proto__`
 * become own properties, never prototypes.
 */
export function toPlainValue(node: RawJsonNode): unknown {
  switch (node.kind) {
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const e of node.entries) {
        Object.defineProperty(out, e.key, { value: toPlainValue(e.value), enumerable: true, writable: true, configurable: true });
      }
      return out;
    }
    case 'array':
      return node.items.map(toPlainValue);
    default:
      return node.value;
  }
}

/** Parse JSON text into plain values through the same grammar the signature uses. */
export function parseJsonValue(raw: string, options: ParseOptions = {}): unknown {
  return toPlainValue(parseRawJson(raw, options));
}

// ---------------------------------------------------------------------------------------------
// Canonical payloads

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

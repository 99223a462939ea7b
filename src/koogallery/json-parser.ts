/**
 * Raw-preserving JSON parser: the grammar every KooGallery body is read with, signed or not.
 *
 * Spec: docs/protocol/base-interface.md#canonical-json (build the signing payload from the raw
 * body). The canonical payloads built from this tree are in canonical-payload.ts.
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

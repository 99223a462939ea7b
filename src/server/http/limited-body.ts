/**
 * Reads a request body with a size limit, counting bytes as they arrive. Framework-free: takes
 * anything with Fetch-style `headers` and a `ReadableStream` body (a Next.js Request, a test's
 * stream).
 *
 * - A `Content-Length` above the limit is refused without reading the body (only a preview).
 * - Otherwise chunks are kept until the running total passes the limit; then everything but a
 *   preview of the first bytes is dropped. At no point is more than limit + one chunk held.
 * - Before the refusal is returned, the rest of the body is read and thrown away (held by nobody),
 *   up to `discardBytes` in all: an HTTP client that sends its whole body before reading (most
 *   do) then gets the answer. Node's server stops reading a request once its response has ended,
 *   so this cannot wait until after the answer. A body larger than that (declared or counted) is
 *   cancelled instead, which closes the connection without an answer.
 */

export const DEFAULT_PREVIEW_BYTES = 4096;
/** How much of an oversized body is read (and dropped) at most before the connection is cut. */
export const DEFAULT_DISCARD_BYTES = 64 * 1024 * 1024;

export interface BodySource {
  headers: { get(name: string): string | null };
  body: ReadableStream<Uint8Array> | null;
}

export interface ReadLimitOptions {
  limitBytes: number;
  /** Bytes kept from an oversized body for the log (default 4 KiB). */
  previewBytes?: number;
  discardBytes?: number;
}

export type LimitedBody =
  | { ok: true; text: string; bytes: number }
  | {
      ok: false;
      limitBytes: number;
      /** Bytes read before stopping (≤ limit + one chunk, or the preview when refused unread). */
      receivedBytes: number;
      /** The Content-Length header, when it was given. */
      declaredBytes: number | null;
      /** The first bytes, decoded (at most previewBytes; a character cut at the end is left out). */
      preview: string;
    };

function declaredLength(headers: BodySource["headers"]): number | null {
  const v = headers.get("content-length")?.trim();
  if (!v || !/^[0-9]{1,15}$/.test(v)) return null;
  return Number(v);
}

function concat(chunks: Uint8Array[], total: number): Uint8Array {
  if (chunks.length === 1) return chunks[0]!;
  const out = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

function firstBytes(chunks: Uint8Array[], n: number): Uint8Array {
  const out = new Uint8Array(Math.min(n, chunks.reduce((sum, c) => sum + c.byteLength, 0)));
  let at = 0;
  for (const c of chunks) {
    if (at >= out.length) break;
    const part = c.subarray(0, out.length - at);
    out.set(part, at);
    at += part.length;
  }
  return out;
}

/** Reads and drops the rest of a body, at most `budget` bytes; past that, cancels it. */
async function discardRest(reader: ReadableStreamDefaultReader<Uint8Array>, budget: number): Promise<void> {
  try {
    let left = budget;
    for (;;) {
      if (left <= 0) {
        await reader.cancel("request body too large");
        return;
      }
      const { done, value } = await reader.read();
      if (done) return;
      left -= value.byteLength;
    }
  } catch {
    // The client went away: nothing left to drain.
  }
}

export async function readLimitedBody(source: BodySource, opts: ReadLimitOptions): Promise<LimitedBody> {
  const limit = opts.limitBytes;
  const previewBytes = Math.min(opts.previewBytes ?? DEFAULT_PREVIEW_BYTES, limit);
  const declared = declaredLength(source.headers);
  if (!source.body) return { ok: true, text: "", bytes: 0 };

  const reader = source.body.getReader();
  // Refused by its declared size: read only as much as the preview needs.
  const keepUpTo = declared !== null && declared > limit ? previewBytes : limit;
  const chunks: Uint8Array[] = [];
  let received = 0;
  let tooLarge = declared !== null && declared > limit;
  for (;;) {
    if (received >= keepUpTo && tooLarge) break;
    const { done, value } = await reader.read();
    if (done) break;
    received += value.byteLength;
    chunks.push(value);
    if (received > limit) {
      tooLarge = true;
      break;
    }
  }

  if (!tooLarge) {
    // TextDecoder drops a leading BOM and replaces invalid bytes, exactly like Request.text().
    return { ok: true, text: new TextDecoder().decode(concat(chunks, received)), bytes: received };
  }

  const head = firstBytes(chunks, previewBytes);
  chunks.length = 0;
  // stream: true holds back a character cut at the end instead of turning it into U+FFFD.
  const preview = new TextDecoder().decode(head, { stream: true });
  const budget = opts.discardBytes ?? DEFAULT_DISCARD_BYTES;
  await discardRest(reader, declared !== null && declared > budget ? 0 : budget - received);
  return { ok: false, limitBytes: limit, receivedBytes: received, declaredBytes: declared, preview };
}

/**
 * For handlers that want a Request (tRPC's fetch adapter): a copy of `req` whose body is the
 * limited text, or, when the body was over the limit, `tooLarge` and a copy without a body.
 * GET and HEAD pass through unread. The body goes on as UTF-8 text: for JSON, not binary uploads.
 */
export async function limitRequestBody(req: Request, limitBytes: number): Promise<{ req: Request; tooLarge?: Extract<LimitedBody, { ok: false }> }> {
  if (req.method === "GET" || req.method === "HEAD") return { req };
  const body = await readLimitedBody(req, { limitBytes });
  const headers = new Headers(req.headers);
  headers.delete("content-length");
  const init = { method: req.method, headers, signal: req.signal };
  if (body.ok) return { req: new Request(req.url, { ...init, body: body.text }) };
  return { req: new Request(req.url, init), tooLarge: body };
}

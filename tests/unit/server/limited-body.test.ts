/**
 * The limited body reader (src/server/http/limited-body.ts) against pull-based streams that
 * count what was pulled: it stops at the limit (or before reading, on a large Content-Length),
 * keeps only a preview of an oversized body, reads and drops the rest up to a budget (so the
 * client can finish sending and read the answer) and cancels past it.
 * The counts prove structurally that an oversized body is never held whole.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { limitRequestBody, readLimitedBody } from "~/server/http/limited-body";

interface Source {
  stream: ReadableStream<Uint8Array>;
  /** Bytes handed to the reader so far. */
  pulled(): number;
  /** Resolves when the source was read to its end or cancelled. */
  finished: Promise<"end" | "cancelled">;
}

/** A stream of `total` bytes (Infinity: endless) in `chunk`-sized pieces, produced only on demand. */
function source(total: number, chunk = 1000, fill = 0x61): Source {
  let pulled = 0;
  let finish!: (how: "end" | "cancelled") => void;
  const finished = new Promise<"end" | "cancelled">((r) => (finish = r));
  const stream = new ReadableStream<Uint8Array>(
    {
      pull(c) {
        if (pulled >= total) {
          c.close();
          finish("end");
          return;
        }
        const n = Math.min(chunk, total - pulled);
        pulled += n;
        c.enqueue(new Uint8Array(n).fill(fill));
      },
      cancel() {
        finish("cancelled");
      },
    },
    { highWaterMark: 0 },
  );
  return { stream, pulled: () => pulled, finished };
}

function streamOf(...parts: Uint8Array[]): ReadableStream<Uint8Array> {
  return new ReadableStream({
    start(c) {
      for (const p of parts) c.enqueue(p);
      c.close();
    },
  });
}

const headers = (h: Record<string, string> = {}) => new Headers(h);

describe("readLimitedBody", () => {
  it("returns the text and size of bodies up to the limit", async () => {
    for (const size of [0, 1, 9_999, 10_000]) {
      const s = source(size);
      const r = await readLimitedBody({ headers: headers(), body: s.stream }, { limitBytes: 10_000 });
      assert.ok(r.ok, `size ${size}`);
      assert.equal(r.bytes, size);
      assert.equal(r.text, "a".repeat(size));
    }
  });

  it("treats a missing body as empty", async () => {
    assert.deepEqual(await readLimitedBody({ headers: headers(), body: null }, { limitBytes: 10 }), { ok: true, text: "", bytes: 0 });
  });

  it("stops pulling one chunk past the limit and keeps only the preview", async () => {
    const s = source(Infinity, 1000);
    const r = await readLimitedBody({ headers: headers(), body: s.stream }, { limitBytes: 10_000, previewBytes: 300, discardBytes: 0 });
    assert.equal(r.ok, false);
    if (r.ok) return;
    assert.ok(s.pulled() <= 11_000, `pulled ${s.pulled()} bytes of an endless body`);
    assert.equal(r.receivedBytes, 11_000);
    assert.equal(r.declaredBytes, null);
    assert.equal(r.limitBytes, 10_000);
    assert.equal(r.preview, "a".repeat(300));
    assert.equal(await s.finished, "cancelled", "no drain budget: the endless stream is cancelled");
  });

  it("refuses a Content-Length over the limit after reading no more than the preview", async () => {
    const s = source(50_000_000, 1000);
    const r = await readLimitedBody(
      { headers: headers({ "content-length": "50000000" }), body: s.stream },
      { limitBytes: 1_000_000, previewBytes: 2048, discardBytes: 0 },
    );
    assert.equal(r.ok, false);
    if (r.ok) return;
    assert.equal(r.declaredBytes, 50_000_000);
    assert.ok(r.receivedBytes <= 3000 && s.pulled() <= 3000, `read ${s.pulled()} bytes`);
    assert.equal(r.preview.length, 2048);
    assert.equal(await s.finished, "cancelled");
  });

  it("reads the rest of an oversized body to its end before answering, when it fits the discard budget", async () => {
    // An HTTP client that sends everything before reading the answer must be able to finish.
    for (const declared of [false, true]) {
      const s = source(200_000, 1000);
      const h = headers(declared ? { "content-length": "200000" } : {});
      const r = await readLimitedBody({ headers: h, body: s.stream }, { limitBytes: 10_000, discardBytes: 500_000 });
      assert.equal(r.ok, false);
      assert.equal(s.pulled(), 200_000, "drained when the result is returned");
      assert.equal(await s.finished, "end");
    }
  });

  it("cancels an endless body once the discard budget is used up", async () => {
    const s = source(Infinity, 1000);
    await readLimitedBody({ headers: headers(), body: s.stream }, { limitBytes: 10_000, discardBytes: 100_000 });
    assert.equal(await s.finished, "cancelled");
    assert.ok(s.pulled() <= 101_000, `pulled ${s.pulled()}`);
  });

  it("cancels at once a body whose Content-Length is over the discard budget", async () => {
    const s = source(Infinity, 1000);
    await readLimitedBody({ headers: headers({ "content-length": "900000" }), body: s.stream }, { limitBytes: 10_000, previewBytes: 500, discardBytes: 100_000 });
    assert.equal(await s.finished, "cancelled");
    assert.ok(s.pulled() <= 1000, `pulled ${s.pulled()}`);
  });

  it("decodes UTF-8 like Request.text(): characters split across chunks, a BOM dropped, bad bytes replaced", async () => {
    const zhong = new TextEncoder().encode("中"); // e4 b8 ad
    const r = await readLimitedBody(
      { headers: headers(), body: streamOf(new Uint8Array([0xef, 0xbb, 0xbf, 0x7b]), zhong.subarray(0, 1), zhong.subarray(1), new Uint8Array([0xff, 0x7d])) },
      { limitBytes: 100 },
    );
    assert.ok(r.ok);
    assert.equal(r.text, "{中\ufffd}");
    assert.equal(r.text, await new Response(new Uint8Array([0xef, 0xbb, 0xbf, 0x7b, 0xe4, 0xb8, 0xad, 0xff, 0x7d])).text());
  });

  it("leaves out a character cut at the end of the preview instead of garbling it", async () => {
    const body = new TextEncoder().encode("中".repeat(100)); // 300 bytes
    const r = await readLimitedBody({ headers: headers(), body: streamOf(body) }, { limitBytes: 100, previewBytes: 10, discardBytes: 0 });
    assert.equal(r.ok, false);
    if (!r.ok) assert.equal(r.preview, "中中中");
  });

  it("ignores a Content-Length that is not a number and judges by the bytes", async () => {
    const r = await readLimitedBody({ headers: headers({ "content-length": "lots" }), body: source(50).stream }, { limitBytes: 100 });
    assert.ok(r.ok);
  });
});

describe("limitRequestBody", () => {
  it("passes GET through unread and copies a POST with its limited text", async () => {
    const get = new Request("http://x.test/a?b=1");
    assert.equal((await limitRequestBody(get, 10)).req, get);
    const post = new Request("http://x.test/a", { method: "POST", body: '{"a":1}', headers: { "content-type": "application/json" } });
    const { req, tooLarge } = await limitRequestBody(post, 100);
    assert.equal(tooLarge, undefined);
    assert.equal(req.headers.get("content-type"), "application/json");
    assert.equal(await req.text(), '{"a":1}');
  });

  it("gives an oversized POST as tooLarge with a body-less copy", async () => {
    const post = new Request("http://x.test/a", { method: "POST", body: "x".repeat(1000) });
    const { req, tooLarge } = await limitRequestBody(post, 100);
    assert.equal(tooLarge?.limitBytes, 100);
    assert.equal(req.body, null);
  });
});

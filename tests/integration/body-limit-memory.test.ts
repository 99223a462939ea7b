/**
 * Memory under oversized uploads: three 50 MB POSTs in parallel (marketplace with and without
 * Content-Length, and a Kit route) to the real route handlers behind a Node HTTP server that
 * hands the request stream over the way Next.js does. Each is answered with its code, the call
 * log keeps a preview only, and the process holds nowhere near the 150 MB sent — at its peak
 * or after a GC (bounds are generous on purpose: they measure retention, not speed).
 *
 * Runs on PGlite only: the property is about the handler's memory, not the database.
 */
import assert from "node:assert/strict";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { after, before, describe, it } from "node:test";
import v8 from "node:v8";
import vm from "node:vm";
import { POST as kitPOST } from "~/app/api/marketplace/produceAPI/v2/[kind]/route";
import { POST as marketplacePOST } from "~/app/api/marketplace/route";
import { PREVIEW_MAX_CHARS } from "~/server/marketplace/body-preview";
import { testTargets, useTestDatabase } from "../helpers/databases";

v8.setFlagsFromString("--expose-gc");
const gc = vm.runInNewContext("gc") as () => void;

const MB = 1024 * 1024;
const UPLOAD_BYTES = Number(process.env.UPLOAD_MB ?? 50) * MB;

/** What the app holds: JS heap plus Buffers/ArrayBuffers (where request bytes live). */
function held(): number {
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
}

function settled(): number {
  gc();
  gc();
  return held();
}

/** Like Next.js: the IncomingMessage itself is the Request body, pulled as the handler reads. */
function serve(): Promise<http.Server> {
  const server = http.createServer((req, res) => {
    const headers = new Headers();
    for (const [k, v] of Object.entries(req.headers)) if (typeof v === "string") headers.set(k, v);
    const request = new Request(`http://127.0.0.1${req.url}`, { method: req.method, headers, body: req as unknown as BodyInit, duplex: "half" } as RequestInit);
    const handler = req.url!.includes("/produceAPI/") ? kitPOST : marketplacePOST;
    void handler(request).then(async (response) => {
      res.writeHead(response.status, Object.fromEntries(response.headers));
      res.end(await response.text());
    });
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(server)));
}

/** Streams `size` bytes from one reused 64 KiB buffer (the sender holds no copy either). */
function upload(port: number, path: string, headers: Record<string, string>, size: number): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: "127.0.0.1", port, path, method: "POST", headers: { "content-type": "application/json", ...headers } });
    let answer: { status: number; body: string } | undefined;
    let finished = false;
    const done = () => answer && finished && resolve(answer);
    req.on("response", (res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (d: string) => (body += d));
      res.on("end", () => {
        answer = { status: res.statusCode!, body };
        done();
      });
    });
    req.on("finish", () => {
      finished = true;
      done();
    });
    req.on("error", reject);
    const chunk = Buffer.alloc(64 * 1024, 0x61);
    let sent = 0;
    const write = () => {
      while (sent < size) {
        const n = Math.min(chunk.length, size - sent);
        sent += n;
        if (!req.write(n === chunk.length ? chunk : chunk.subarray(0, n))) {
          req.once("drain", write);
          return;
        }
      }
      req.end();
    };
    write();
  });
}

const pglite = testTargets()[0]!;

describe("memory under oversized uploads", () => {
  const h = useTestDatabase(pglite);
  let server: http.Server;
  let port: number;
  before(async () => {
    server = await serve();
    port = (server.address() as AddressInfo).port;
  });
  after(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it("three parallel 50 MB bodies are answered and leave memory at its baseline", async (t) => {
    // Warm up (first route call, JIT, PGlite) so the baseline is not the cold state.
    await upload(port, "/api/marketplace", {}, 10);
    const baseline = settled();
    let peak = held();
    const sampler = setInterval(() => (peak = Math.max(peak, held())), 2);
    const now = String(Date.now());
    const nonce = "a".repeat(64);
    const results = await Promise.all([
      upload(port, `/api/marketplace?timestamp=${now}&nonce=${nonce}`, { "content-length": String(UPLOAD_BYTES) }, UPLOAD_BYTES),
      upload(port, `/api/marketplace?timestamp=${now}&nonce=${nonce}&signature=${"0".repeat(64)}`, {}, UPLOAD_BYTES),
      upload(port, "/api/marketplace/produceAPI/v2/tenantSync", { "x-timestamp": now, "x-nonce": nonce }, UPLOAD_BYTES),
    ]);
    clearInterval(sampler);
    peak = Math.max(peak, held());
    const after = settled();

    const sent = 3 * UPLOAD_BYTES;
    const grewAtPeak = peak - baseline;
    const grewAfter = after - baseline;
    t.diagnostic(`sent ${sent / MB} MB; held grew ${(grewAtPeak / MB).toFixed(1)} MB at the peak, ${(grewAfter / MB).toFixed(1)} MB after GC`);
    assert.ok(grewAtPeak < (sent * 2) / 3, `peak grew by ${(grewAtPeak / MB).toFixed(1)} MB while ${sent / MB} MB were sent`);
    assert.ok(grewAfter < 16 * MB, `still ${(grewAfter / MB).toFixed(1)} MB above the baseline afterwards`);

    assert.deepEqual(
      results.map((r) => [r.status, (JSON.parse(r.body) as { resultCode: string }).resultCode]),
      [
        [200, "000001"],
        [200, "000002"],
        [200, "000001"],
      ],
    );
    const rows = await h.db.prisma.marketplaceCall.findMany({ where: { requestBytes: { gt: MB } } });
    assert.equal(rows.length, 3);
    for (const r of rows) assert.ok((r.rawBody ?? "").length <= PREVIEW_MAX_CHARS && r.requestBody === null);
  });
});

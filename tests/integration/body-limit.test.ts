/**
 * REQUEST_BODY_LIMIT_BYTES through the real route handlers (marketplace, Kit, tRPC) on PGlite and
 * PostgreSQL: an oversized call is answered by its signature parameters (000002 "too large" when
 * they are all there and fresh, else the usual 000001/000002), the call log keeps metadata and at
 * most a preview of every unverified call, the nonce of an unverifiable call stays unused, and
 * tRPC answers 413 in its error shape. Memory under parallel 50 MB uploads: body-limit-memory.test.ts.
 */
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { after, before, describe, it } from "node:test";
import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import type { Session } from "next-auth";
import { canonicalPayload } from "~/koogallery/canonical-json";
import { signKit } from "~/koogallery/kit-signature";
import { signBase } from "~/koogallery/signature";
import { getEnv, resetEnvForTests } from "~/env";
import { POST as marketplacePOST } from "~/app/api/marketplace/route";
import { POST as kitPOST } from "~/app/api/marketplace/produceAPI/v2/[kind]/route";
import { POST as trpcPOST } from "~/app/api/trpc/[trpc]/route";
import { appRouter } from "~/server/api/root";
import { createContextInner } from "~/server/api/trpc";
import { limitRequestBody } from "~/server/http/limited-body";
import { PREVIEW_MAX_CHARS } from "~/server/marketplace/body-preview";
import { testTargets, useTestDatabase } from "../helpers/databases";
import { kitTimeStamp, newOrder } from "../helpers/marketplace";

const LIMIT = 16 * 1024;

type Params = "signed" | "no-signature" | "bare" | "stale";

function baseRequest(body: string, params: Params, nonce = randomBytes(16).toString("hex")) {
  const key = getEnv().KOOGALLERY_ACCESS_KEY;
  const timestamp = String(params === "stale" ? Date.now() - 10 * 60_000 : Date.now());
  const q = new URLSearchParams();
  if (params !== "bare") {
    q.set("timestamp", timestamp);
    q.set("nonce", nonce);
    if (params !== "no-signature") q.set("signature", signBase({ accessKey: key, nonce, timestamp, payload: canonicalPayload(body) }));
  }
  return new Request(`http://app.test/api/marketplace?${q}`, { method: "POST", body, headers: { "content-type": "application/json" } });
}

function kitRequest(body: string, params: Params) {
  const key = getEnv().KOOGALLERY_KIT_ACCESS_KEY;
  const timestamp = String(Date.now());
  const nonce = randomBytes(16).toString("hex");
  const headers = new Headers({ "content-type": "application/json" });
  if (params !== "bare") {
    headers.set("x-timestamp", timestamp);
    headers.set("x-nonce", nonce);
    if (params !== "no-signature") headers.set("x-sign", signKit({ accessKey: key, nonce, timestamp, payload: canonicalPayload(body) }));
  }
  return new Request("http://app.test/api/marketplace/produceAPI/v2/tenantSync", { method: "POST", body, headers });
}

/** A newInstance body of about `bytes` bytes (a padding field the schema lets through). */
function bigOrder(bytes: number) {
  return JSON.stringify({ ...newOrder(), padding: "p".repeat(bytes) });
}

async function answer(res: Response) {
  assert.equal(res.status, 200);
  return (await res.json()) as { resultCode: string; resultMsg: string };
}

const EXPIRES = new Date(Date.now() + 3600_000).toISOString();
const staffSession: Session = { expires: EXPIRES, user: { kind: "staff", name: "admin", role: "owner" } };

for (const target of testTargets()) {
  describe(`request body limit on ${target.name}`, { skip: target.skip }, () => {
    const h = useTestDatabase(target);
    const saved = process.env.REQUEST_BODY_LIMIT_BYTES;
    before(() => {
      process.env.REQUEST_BODY_LIMIT_BYTES = String(LIMIT);
      resetEnvForTests();
    });
    after(() => {
      if (saved === undefined) delete process.env.REQUEST_BODY_LIMIT_BYTES;
      else process.env.REQUEST_BODY_LIMIT_BYTES = saved;
      resetEnvForTests();
    });

    const lastCall = () => h.db.prisma.marketplaceCall.findFirstOrThrow({ orderBy: [{ receivedAt: "desc" }, { id: "desc" }] });

    const oversized: Array<{ params: Params; code: string; msg: RegExp }> = [
      { params: "signed", code: "000002", msg: /too large.*signature not checked/ },
      { params: "no-signature", code: "000001", msg: /missing signature/ },
      { params: "bare", code: "000002", msg: /missing timestamp/ },
      { params: "stale", code: "000001", msg: /stale timestamp/ },
    ];
    for (const c of oversized) {
      it(`an oversized base call with ${c.params} parameters answers ${c.code} and logs a preview only`, async () => {
        const body = bigOrder(3 * LIMIT);
        const res = await answer(await marketplacePOST(baseRequest(body, c.params)));
        assert.equal(res.resultCode, c.code);
        assert.match(res.resultMsg, c.msg);
        const row = await lastCall();
        assert.equal(row.resultCode, c.code);
        assert.ok(row.completedAt);
        assert.equal(row.requestBody, null, "an unparsed preview is not stored as JSON");
        assert.ok(row.rawBody!.length <= PREVIEW_MAX_CHARS, `preview of ${row.rawBody!.length} chars`);
        assert.ok(body.startsWith(row.rawBody!.slice(0, 100)));
        assert.equal(row.requestBytes, Buffer.byteLength(body), "the declared size is kept");
      });
    }

    it("leaves the nonce of an unverifiable oversized call unused", async () => {
      const nonce = randomBytes(16).toString("hex");
      assert.equal((await answer(await marketplacePOST(baseRequest(bigOrder(2 * LIMIT), "signed", nonce)))).resultCode, "000002");
      const retry = await answer(await marketplacePOST(baseRequest(JSON.stringify(newOrder()), "signed", nonce)));
      assert.equal(retry.resultCode, "000000");
    });

    it("judges a body without Content-Length by the bytes it reads", async () => {
      const chunk = new TextEncoder().encode(" ".repeat(4096));
      let sent = 0;
      const stream = new ReadableStream<Uint8Array>({
        pull(c) {
          if (sent === 0) c.enqueue(new TextEncoder().encode('{"activity":"newInstance","x":"'));
          if (sent >= 10 * LIMIT) return c.close();
          sent += chunk.length;
          c.enqueue(chunk);
        },
      });
      const req = baseRequest("{}", "no-signature");
      const streamed = new Request(req.url, { method: "POST", body: stream, duplex: "half" } as RequestInit);
      assert.equal(streamed.headers.get("content-length"), null);
      assert.equal((await answer(await marketplacePOST(streamed))).resultCode, "000001");
      const row = await lastCall();
      assert.ok(row.requestBytes! > LIMIT && row.requestBytes! <= LIMIT + 2 * chunk.length, `requestBytes ${row.requestBytes}`);
      assert.equal(row.activity, null, "nothing is parsed from a cut body");
    });

    it("applies the same rule to the Kit routes", async () => {
      const body = JSON.stringify({ tenantId: "t-big", tenantCode: "c", name: "n", domainName: "https://d.example.com", flag: 1, testFlag: 0, timeStamp: kitTimeStamp(), padding: "p".repeat(2 * LIMIT) });
      assert.equal((await answer(await kitPOST(kitRequest(body, "signed")))).resultCode, "000002");
      assert.equal((await answer(await kitPOST(kitRequest(body, "no-signature")))).resultCode, "000001");
      const row = await lastCall();
      assert.equal(row.channel, "kit");
      assert.ok(row.rawBody!.length <= PREVIEW_MAX_CHARS);
    });

    it("stores a verified call whole and only a preview of an unverified one", async () => {
      const order = { ...newOrder(), padding: "p".repeat(LIMIT / 2) };
      assert.equal((await answer(await marketplacePOST(baseRequest(JSON.stringify(order), "signed")))).resultCode, "000000");
      const verified = await lastCall();
      assert.equal((verified.requestBody as { padding: string }).padding.length, LIMIT / 2);
      assert.equal(verified.rawBody, null);

      // 20 refused calls just under the limit: each keeps metadata and a preview, not its body.
      for (let i = 0; i < 20; i++) {
        const refused = { ...newOrder(), padding: "p".repeat(LIMIT - 500) };
        assert.equal((await answer(await marketplacePOST(baseRequest(JSON.stringify(refused), "no-signature")))).resultCode, "000001");
      }
      const rows = await h.db.prisma.marketplaceCall.findMany({ where: { resultCode: "000001", requestBytes: { gt: LIMIT - 500, lte: LIMIT } } });
      assert.equal(rows.length, 20);
      for (const r of rows) {
        assert.ok(JSON.stringify(r.requestBody).length <= PREVIEW_MAX_CHARS, "preview within bounds");
        assert.ok(r.orderId, "metadata is kept");
      }
    });

    it("tRPC answers an oversized POST with 413 in its error shape, without reading it", async () => {
      const body = JSON.stringify({ 0: { json: { id: "00000000-0000-4000-8000-000000000000", pad: "p".repeat(2 * LIMIT) } } });
      const res = await trpcPOST(
        new Request("http://app.test/api/trpc/usageAdmin.requeue?batch=1", { method: "POST", body, headers: { "content-type": "application/json" } }),
      );
      assert.equal(res.status, 413);
      const json = (await res.json()) as Array<{ error: { json: { data: { code: string; httpStatus: number; appError: { code: string } } } } }>;
      assert.equal(json[0]!.error.json.data.code, "PAYLOAD_TOO_LARGE");
      assert.equal(json[0]!.error.json.data.appError.code, "BODY_TOO_LARGE");
    });

    it("tRPC still receives a POST within the limit", async () => {
      // The route's own context reads the next-auth cookie (needs Next.js); a staff context shows
      // that the limited copy of the request reaches the procedure with its input.
      const body = JSON.stringify({ json: { id: "00000000-0000-4000-8000-000000000000" } });
      const { req } = await limitRequestBody(
        new Request("http://app.test/api/trpc/usageAdmin.requeue", { method: "POST", body, headers: { "content-type": "application/json" } }),
        LIMIT,
      );
      const res = await fetchRequestHandler({ endpoint: "/api/trpc", req, router: appRouter, createContext: () => createContextInner({ session: staffSession }) });
      const json = (await res.json()) as { error: { json: { data: { appError: { code: string } } } } };
      assert.equal(res.status, 404);
      assert.equal(json.error.json.data.appError.code, "NOT_FOUND", "the input arrived and was looked up");
    });
  });
}

/**
 * The staff call-log API through its public seam, `createCaller(createContextInner(...))`, on
 * PGlite and PostgreSQL: ordering, filters, paging, the shared select, and who may call it.
 * The error shape is checked over HTTP (fetch adapter) because the formatter only runs there.
 */
import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import { TRPCError, type inferProcedureInput } from "@trpc/server";
import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import type { Session } from "next-auth";
import { appRouter, createCaller, type AppRouter } from "~/server/api/root";
import { callLogSelect } from "~/server/api/routers/call-log.schema";
import { createContextInner, type Context } from "~/server/api/trpc";
import { handleBaseCall } from "~/server/marketplace/base-interface";
import { testTargets, useTestDatabase } from "../helpers/databases";
import { testConfig } from "../helpers/marketplace";
import { assertAppError } from "../helpers/trpc";

type ListInput = inferProcedureInput<AppRouter["callLog"]["list"]>;

const EXPIRES = new Date(Date.now() + 3600_000).toISOString();
const staffSession: Session = { expires: EXPIRES, user: { kind: "staff", name: "admin", role: "owner" } };
const strangerSession: Session = {
  expires: EXPIRES,
  user: { kind: "customer", name: "Mallory", tenantId: "t-1", userName: "mallory", role: "admin", instanceId: "i-1" },
};

const asStaff = () => createCaller(createContextInner({ session: staffSession }));


/** Calls the HTTP handler with a hand-made context and returns the (superjson) error JSON. */
async function httpError(path: string, input: unknown, ctx: Context) {
  const url = `http://test.local/api/trpc/${path}?input=${encodeURIComponent(JSON.stringify({ json: input }))}`;
  const res = await fetchRequestHandler({
    endpoint: "/api/trpc",
    req: new Request(url),
    router: appRouter,
    createContext: () => ctx,
    onError: () => {},
  });
  const text = await res.text();
  const body = JSON.parse(text) as { error: { json: { message: string; data: Record<string, unknown> } } };
  return { status: res.status, text, error: body.error.json };
}

/** Calls a query over the HTTP handler (so superjson serialises the answer) as staff. */
async function httpQuery(path: string, input: unknown) {
  const url = `http://test.local/api/trpc/${path}?input=${encodeURIComponent(JSON.stringify({ json: input }))}`;
  const res = await fetchRequestHandler({
    endpoint: "/api/trpc",
    req: new Request(url),
    router: appRouter,
    createContext: () => createContextInner({ session: staffSession }),
    onError: () => {},
  });
  return { status: res.status, text: await res.text() };
}

for (const target of testTargets()) {
  describe(`call-log router on ${target.name}`, { skip: target.skip }, () => {
    const h = useTestDatabase(target);
    const t0 = Date.parse("2026-01-01T00:00:00Z");
    // Oldest first; `receivedAt` set explicitly so "newest first" is checked, not insertion order.
    const seed = [
      { key: "new-1", channel: "base", activity: "newInstance", resultCode: "000000", isTest: false },
      { key: "query-1", channel: "base", activity: "queryInstance", resultCode: "000003", isTest: false },
      { key: "new-test", channel: "base", activity: "newInstance", resultCode: "000000", isTest: true },
      { key: "kit-1", channel: "kit", activity: "tenantSync", resultCode: "000000", isTest: false },
      { key: "bad-sig", channel: "base", activity: null, resultCode: "000001", isTest: false },
    ] as const;
    const ids: Record<string, string> = {};

    before(async () => {
      for (const [i, s] of seed.entries()) {
        const row = await h.db.prisma.marketplaceCall.create({
          data: {
            channel: s.channel,
            activity: s.activity,
            path: s.channel === "kit" ? "/api/marketplace/produceAPI/v2/tenantSync" : "/api/marketplace",
            orderId: `order-${s.key}`,
            orderLineId: `line-${s.key}`,
            instanceId: `inst-${s.key}`,
            nonce: `nonce-${s.key}`,
            isTest: s.isTest,
            requestBody: { activity: s.activity, orderId: `order-${s.key}`, password: "[redacted]" },
            rawBody: `raw secret ${s.key}`,
            resultCode: s.resultCode,
            resultMsg: "msg",
            responseBody: { resultCode: s.resultCode },
            httpStatus: 200,
            latencyMs: 5 + i,
            receivedAt: new Date(t0 + i * 1000),
            completedAt: new Date(t0 + i * 1000 + 5),
          },
        });
        ids[s.key] = row.id;
      }
    });

    const keysOf = async (input: ListInput) => (await asStaff().callLog.list(input)).items.map((c) => c.orderId);

    it("lists every call newest first for staff", async () => {
      const { items, nextCursor } = await asStaff().callLog.list({});
      assert.deepEqual(
        items.map((c) => c.orderId),
        ["order-bad-sig", "order-kit-1", "order-new-test", "order-query-1", "order-new-1"],
      );
      assert.equal(nextCursor, null);
      assert.ok(items[0]!.receivedAt instanceof Date);
    });

    it("filters by activity, resultCode and channel, and can hide test calls", async () => {
      assert.deepEqual(await keysOf({ activity: "newInstance" }), ["order-new-test", "order-new-1"]);
      assert.deepEqual(await keysOf({ activity: "newInstance", includeTest: false }), ["order-new-1"]);
      assert.deepEqual(await keysOf({ resultCode: "000003" }), ["order-query-1"]);
      assert.deepEqual(await keysOf({ resultCode: "000001" }), ["order-bad-sig"]);
      assert.deepEqual(await keysOf({ channel: "kit" }), ["order-kit-1"]);
      assert.deepEqual(await keysOf({ channel: "base", resultCode: "000000" }), ["order-new-test", "order-new-1"]);
      assert.deepEqual(await keysOf({ activity: "releaseInstance" }), []);
    });

    it("pages with a cursor without skipping or repeating calls", async () => {
      const caller = asStaff();
      const seen: string[] = [];
      let cursor: string | undefined;
      for (let page = 0; page < 10; page++) {
        const res = await caller.callLog.list({ limit: 2, cursor });
        seen.push(...res.items.map((c) => c.orderId!));
        if (!res.nextCursor) break;
        cursor = res.nextCursor;
      }
      assert.deepEqual(seen, ["order-bad-sig", "order-kit-1", "order-new-test", "order-query-1", "order-new-1"]);
    });

    it("returns exactly the shared select: no nonce, no unredacted raw body", async () => {
      const expected = Object.keys(callLogSelect).sort();
      const { items } = await asStaff().callLog.list({});
      for (const item of items) assert.deepEqual(Object.keys(item).sort(), expected);
      const one = await asStaff().callLog.byId({ id: ids["kit-1"]! });
      assert.deepEqual(Object.keys(one).sort(), expected);
      assert.equal(one.orderId, "order-kit-1");
      const json = JSON.stringify([items, one]);
      assert.doesNotMatch(json, /nonce-|raw secret/);
    });

    it("byId of an unknown call is NOT_FOUND", async () => {
      await assertAppError(asStaff().callLog.byId({ id: "00000000-0000-4000-8000-000000000000" }), "NOT_FOUND", "NOT_FOUND");
    });

    it("refuses a signed-out caller (UNAUTHENTICATED) and a non-staff session (FORBIDDEN)", async () => {
      const signedOut = createCaller(createContextInner({ session: null }));
      await assertAppError(signedOut.callLog.list({}), "UNAUTHORIZED", "UNAUTHENTICATED");
      await assertAppError(signedOut.callLog.byId({ id: ids["new-1"]! }), "UNAUTHORIZED", "UNAUTHENTICATED");
      const noUser = createCaller(createContextInner({ session: { expires: EXPIRES } }));
      await assertAppError(noUser.callLog.list({}), "UNAUTHORIZED", "UNAUTHENTICATED");
      const stranger = createCaller(createContextInner({ session: strangerSession }));
      await assertAppError(stranger.callLog.list({}), "FORBIDDEN", "FORBIDDEN");
      await assertAppError(stranger.callLog.byId({ id: ids["new-1"]! }), "FORBIDDEN", "FORBIDDEN");
    });

    it("rejects out-of-range input before touching the database", async () => {
      for (const input of [{ limit: 0 }, { limit: 201 }, { resultCode: "0" }, { cursor: "not-a-uuid" }]) {
        await assert.rejects(asStaff().callLog.list(input as ListInput), (err: unknown) => {
          assert.ok(err instanceof TRPCError);
          assert.equal(err.code, "BAD_REQUEST");
          return true;
        });
      }
    });

    it("renders mapped errors over HTTP with appError in zh and en", async () => {
      const out = await httpError("callLog.list", {}, createContextInner({ session: strangerSession }));
      assert.equal(out.status, 403);
      assert.deepEqual(out.error.data.appError, {
        code: "FORBIDDEN",
        message: { zh: "无权执行此操作", en: "you may not do this" },
      });
      const anon = await httpError("callLog.list", {}, createContextInner({ session: null }));
      assert.equal(anon.status, 401);
      assert.equal((anon.error.data.appError as { code: string }).code, "UNAUTHENTICATED");
      const bad = await httpError("callLog.list", { limit: 0 }, createContextInner({ session: staffSession }));
      assert.equal(bad.status, 400);
      assert.equal((bad.error.data.appError as { code: string }).code, "INVALID_INPUT");
      assert.ok(bad.error.data.zodError, "input errors carry field messages");
    });

    it("hides the text and stack of unexpected errors", async () => {
      // A database that fails with an internal message that must not reach the client.
      const broken = new Proxy({} as Context["db"], {
        get: () => new Proxy({}, { get: () => () => Promise.reject(new Error("connection to 10.0.0.5 refused: password=hunter2")) }),
      });
      const out = await httpError("callLog.list", {}, { session: staffSession, clientAddress: null, db: broken });
      assert.equal(out.status, 500);
      assert.equal(out.error.message, "internal error");
      assert.deepEqual(out.error.data.appError, { code: "INTERNAL", message: { zh: "其它服务内部错误", en: "internal error" } });
      assert.doesNotMatch(out.text, /hunter2|10\.0\.0\.5|stack/);
    });
  });

  describe(`call-log router on ${target.name}: bodies with keys superjson refuses`, { skip: target.skip }, () => {
    const h = useTestDatabase(target);

    // superjson refuses to send an object with any of these keys; one stored call holding one
    // made the whole call-log list and the call's detail answer 500.
    const bodies: [string, string][] = [
      ["constructor at the top", '{"activity":"newInstance","constructor":{"x":1}}'],
      ["constructor nested in an array", '{"activity":"newInstance","a":[{"b":{"constructor":"s"}}]}'],
      ["prototype", '{"prototype":{"constructor":1},"orderId":"o"}'],
      ["__proto__", '{"__proto__":{"x":1}}'],
    ];
    for (const [name, rawBody] of bodies) {
      it(`an unsigned call with ${name} is logged and shown`, async () => {
        const nowMs = Date.now();
        const query = new URLSearchParams({ signature: "00", timestamp: String(nowMs), nonce: `n-${name}-${nowMs}` });
        const res = await handleBaseCall(h.db.prisma, testConfig(), { rawBody, query, path: "/api/marketplace", nowMs });
        assert.equal((JSON.parse(res.body) as { resultCode: string }).resultCode, "000001");
        const row = await h.db.prisma.marketplaceCall.findFirstOrThrow({ where: { nonce: query.get("nonce")! } });
        assert.doesNotMatch(JSON.stringify(row.requestBody), /"(constructor|prototype|__proto__)"/);
        const list = await httpQuery("callLog.list", {});
        assert.equal(list.status, 200, list.text);
        const detail = await httpQuery("callLog.detail", { id: row.id });
        assert.equal(detail.status, 200, detail.text);
        assert.match(detail.text, /\[(constructor|prototype|__proto__)\]/);
      });
    }

    it("a call stored with such keys before they were renamed is still shown", async () => {
      const row = await h.db.prisma.marketplaceCall.create({
        data: {
          channel: "base",
          path: "/api/marketplace",
          requestBody: { constructor: { prototype: 1 }, list: [{ constructor: "x" }] },
          responseBody: { resultCode: "000001", constructor: 1 },
          resultCode: "000001",
          receivedAt: new Date(),
        },
      });
      const list = await httpQuery("callLog.list", {});
      assert.equal(list.status, 200, list.text);
      for (const path of ["callLog.detail", "callLog.byId"]) {
        const one = await httpQuery(path, { id: row.id });
        assert.equal(one.status, 200, one.text);
        assert.match(one.text, /"\[constructor\]":\{"\[prototype\]":1\}/);
      }
    });
  });
}

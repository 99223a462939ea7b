/**
 * Requests tRPC itself refuses before any procedure runs — a GET to a mutation, a POST to a
 * query, a body that is not JSON — are the caller's mistake: the API answers them with the
 * error table's INVALID_INPUT ("invalid request parameter" / 请求参数不合法), never as an
 * INTERNAL "internal error" (其它服务内部错误) that reads like a server fault. Run through the
 * real router and fetch adapter, as /api/trpc does. Input that cannot be decoded at all (JSON or
 * superjson) is INVALID_INPUT too, worded by the table, never in the decoder's own words.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { appRouter } from "~/server/api/root";

interface ErrorBody {
  error: { json: { message: string; data: { httpStatus: number; appError: { code: string; message: { en: string; zh: string } } } } };
}

async function call(path: string, init: RequestInit): Promise<{ status: number; body: ErrorBody }> {
  const res = await fetchRequestHandler({
    endpoint: "/api/trpc",
    req: new Request(`http://localhost/api/trpc/${path}`, init),
    router: appRouter,
    // Never reached for these requests' procedures; a signed-out context is enough.
    createContext: () => ({ headers: new Headers(), session: null, db: undefined }) as never,
  });
  return { status: res.status, body: (await res.json()) as ErrorBody };
}

describe("tRPC transport refusals", () => {
  const cases: [string, string, RequestInit, number][] = [
    ["GET to a mutation", "project.create", { method: "GET" }, 405],
    ["POST to a query", "callLog.list", { method: "POST", headers: { "content-type": "application/json" }, body: "{}" }, 405],
    ["a text/plain body", "project.create", { method: "POST", headers: { "content-type": "text/plain" }, body: "x" }, 415],
  ];
  for (const [label, path, init, status] of cases) {
    it(`${label}: HTTP ${status}, invalid request parameter`, async () => {
      const res = await call(path, init);
      assert.equal(res.status, status);
      const { message, data } = res.body.error.json;
      assert.equal(data.httpStatus, status);
      assert.equal(data.appError.code, "INVALID_INPUT");
      assert.deepEqual(data.appError.message, { en: "invalid request parameter", zh: "请求参数不合法" });
      assert.notEqual(message, "internal error");
    });
  }
});

describe("tRPC input that cannot be decoded (JSON or superjson)", () => {
  const N = 20_000;
  const json = (body: string): RequestInit => ({ method: "POST", headers: { "content-type": "application/json" }, body });
  const cases: [string, RequestInit][] = [
    ["an unknown superjson transformation", json(JSON.stringify({ json: { name: "x" }, meta: { values: { name: ["bogus"] } } }))],
    ["an unknown superjson class", json(JSON.stringify({ json: { name: "x" }, meta: { values: { name: [["class", "Nope"]] } } }))],
    ["a hostile nesting of superjson paths (the decoder's stack overflows)", json(`{"json":{"name":"x"},"meta":{"values":{"name":${'["map",'.repeat(N)}1${"]".repeat(N)}}}}`)],
    ["a __proto__ path", json(JSON.stringify({ json: { name: "x" }, meta: { values: { "__proto__.x": ["undefined"] } } }))],
    ["a body cut short", json('{"json": {"name": ')],
  ];
  for (const [label, init] of cases) {
    it(`${label}: HTTP 400, invalid request parameter, in the table's words and not the decoder's`, async () => {
      const res = await call("project.create", init);
      assert.equal(res.status, 400);
      const { message, data } = res.body.error.json;
      assert.equal(data.appError.code, "INVALID_INPUT");
      assert.deepEqual(data.appError.message, {
        en: "invalid request parameter: the input could not be decoded (tRPC's JSON with superjson)",
        zh: "请求参数不合法：无法解码请求的输入（tRPC 的 JSON 与 superjson 格式）",
      });
      assert.equal(message, data.appError.message.en);
      assert.doesNotMatch(JSON.stringify(res.body), /superjson\/issues|Maximum call stack|Unknown transformation|__proto__ is not allowed|Unexpected end/);
    });
  }
});

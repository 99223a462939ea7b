/**
 * Requests tRPC itself refuses before any procedure runs — a GET to a mutation, a POST to a
 * query, a body that is not JSON — are the caller's mistake: the API answers them with the
 * error table's INVALID_INPUT ("invalid request parameter" / 请求参数不合法), never as an
 * INTERNAL "internal error" (其它服务内部错误) that reads like a server fault. Run through the
 * real router and fetch adapter, as /api/trpc does.
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

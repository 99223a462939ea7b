/**
 * A local stand-in for the marketplace open API on 127.0.0.1 (port 0 = any free port by default),
 * for tests, e2e and the dev quickstart (as its own process: `npm run mock:openapi`):
 *   GET  /api/mkp-openapi-public/global/v1/order/query   AK/SK-verified 查询订单 (MOCK… ids + added orders)
 *   POST /api/mkp-openapi-public/global/v1/isv/usage-data signature-verified usage push
 *   POST …/v1/license/activate, …/v1/license/heartbeat     License open APIs with test codes (licenses.ts)
 *   /__mock/*                                             the mock's own admin API (admin.ts): health,
 *                                                         register orders, read usage, inject faults
 *
 * It remembers every usage record by metering_sn (first delivery in `received`, later ones in
 * `redelivered`), and can be told to misbehave per route: answer 500, refuse records (400), answer
 * an unknown or duplicate code, hang before or after storing (so the client times out), or answer
 * slowly. Responses use {"resultCode","resultMsg"} with "MKT.0000" for success (format unconfirmed).
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { QUERY_ORDER_PATH } from "../query-order";
import { USAGE_PUSH_PATH } from "../usage-push";
import { MOCK_ADMIN_PREFIX, parseFaultsInput, parseOrderInput } from "./admin";
import { createLicenseMock } from "./licenses";
import { marketplaceMockOrders, type MockOrder } from "./orders";
import { checkUsageBody, verifyApig, verifyUsagePushSignature } from "./verify";

export const MOCK_DUPLICATE_CODE = "MOCK.DUPLICATE_SN";

export type Fault = "http500" | "reject400" | "unknown-code" | "duplicate-code" | "hang-before-store" | "hang-after-store";
type Route = "order" | "usage";

export interface MockOpenApiOptions {
  ak: string;
  sk: string;
  usagePushKey: string;
  /** TCP port; 0 (default) = any free port. */
  port?: number;
  /** Address to listen on (default 127.0.0.1). The admin API is unauthenticated: keep it local. */
  host?: string;
  /** Answer a re-delivered metering_sn with MOCK_DUPLICATE_CODE instead of success. */
  duplicateCodeOnRedelivery?: boolean;
}

export interface MockOpenApi {
  url: string;
  /** First delivery of each metering_sn. */
  received: Map<string, Record<string, string>>;
  /** Every later delivery of an already received metering_sn. */
  redelivered: string[];
  /** Every request: route, HTTP status answered (0 = hung), and the refusal reason if any. */
  log: Array<{ route: Route; status: number; reason?: string }>;
  addOrder(order: MockOrder): void;
  /** Ids of every order 查询订单 answers (the MOCK… ones first). */
  orderIds(): string[];
  /** Queue faults for the next requests of a route, in order. */
  inject(route: Route, ...faults: Fault[]): void;
  setLatency(route: Route, ms: number): void;
  stop(): Promise<void>;
}

function reply(res: ServerResponse, status: number, body: object): void {
  res.writeHead(status, { "content-type": "application/json;charset=UTF-8" });
  res.end(JSON.stringify(body));
}

export async function startMockOpenApi(opts: MockOpenApiOptions): Promise<MockOpenApi> {
  const orders = new Map(marketplaceMockOrders(Date.now()).map((o) => [o.orderId, o]));
  const faults: Record<Route, Fault[]> = { order: [], usage: [] };
  const latency: Record<Route, number> = { order: 0, usage: 0 };
  const sockets = new Set<Socket>();
  const seenNonces = new Set<string>();
  const state = { received: new Map<string, Record<string, string>>(), redelivered: [] as string[], log: [] as MockOpenApi["log"] };
  const licenses = createLicenseMock(opts);

  function answer(route: Route, res: ServerResponse, status: number, body: object, reason?: string): void {
    state.log.push({ route, status, ...(reason ? { reason } : {}) });
    reply(res, status, body);
  }

  function handleOrder(req: IncomingMessage, body: string, res: ServerResponse, fault: Fault | undefined): void {
    const problem = verifyApig({ method: req.method ?? "GET", url: req.url ?? "/", headers: req.headers, body }, opts, Date.now());
    if (problem) return answer("order", res, 401, { resultCode: "MOCK.AUTH", resultMsg: problem }, problem);
    if (fault === "http500") return answer("order", res, 500, { resultCode: "MOCK.ERROR", resultMsg: "injected" }, "injected 500");
    if (fault?.startsWith("hang")) return void state.log.push({ route: "order", status: 0, reason: "hung" });
    const orderId = new URL(req.url ?? "/", "http://x").searchParams.get("orderId") ?? "";
    const order = orders.get(orderId);
    if (!order) return answer("order", res, 200, { resultCode: "MOCK.NO_ORDER", resultMsg: `no order ${orderId}` }, "unknown order");
    answer("order", res, 200, { resultCode: "MKT.0000", resultMsg: "success", orderInfo: order });
  }

  function handleUsage(req: IncomingMessage, body: string, res: ServerResponse, fault: Fault | undefined): void {
    const problem = verifyUsagePushSignature(req.headers, body, opts.usagePushKey, Date.now());
    if (problem) return answer("usage", res, 401, { resultCode: "MOCK.AUTH", resultMsg: problem }, problem);
    const nonce = String(req.headers.nonce);
    if (seenNonces.has(nonce)) return answer("usage", res, 401, { resultCode: "MOCK.REPLAY", resultMsg: "nonce reused" }, "nonce reused");
    seenNonces.add(nonce);
    const checked = checkUsageBody(body);
    if (typeof checked === "string") return answer("usage", res, 400, { resultCode: "MOCK.INVALID", resultMsg: checked }, checked);
    if (fault === "http500") return answer("usage", res, 500, { resultCode: "MOCK.ERROR", resultMsg: "injected" }, "injected 500");
    if (fault === "reject400") return answer("usage", res, 400, { resultCode: "MOCK.INVALID", resultMsg: "injected" }, "injected 400");
    if (fault === "unknown-code") return answer("usage", res, 200, { resultCode: "MOCK.BUSY", resultMsg: "try later" }, "injected unknown code");
    if (fault === "hang-before-store") return void state.log.push({ route: "usage", status: 0, reason: "hung before storing" });
    let redelivery = false;
    for (const r of checked.records) {
      if (state.received.has(r.metering_sn!)) {
        state.redelivered.push(r.metering_sn!);
        redelivery = true;
      } else state.received.set(r.metering_sn!, r);
    }
    if (fault === "hang-after-store") return void state.log.push({ route: "usage", status: 0, reason: "hung after storing" });
    if (fault === "duplicate-code" || (redelivery && opts.duplicateCodeOnRedelivery)) {
      return answer("usage", res, 200, { resultCode: MOCK_DUPLICATE_CODE, resultMsg: "metering_sn already received" });
    }
    answer("usage", res, 200, { resultCode: "MKT.0000", resultMsg: "success" });
  }

  /** The /__mock/* admin API (admin.ts): not signed, not logged, no faults or latency. */
  function handleAdmin(req: IncomingMessage, path: string, body: string, res: ServerResponse): void {
    const route = `${req.method} ${path.slice(MOCK_ADMIN_PREFIX.length)}`;
    if (route === "GET /health") return reply(res, 200, { ok: true });
    if (route === "GET /orders") return reply(res, 200, { orderIds: [...orders.keys()] });
    if (route === "GET /usage") return reply(res, 200, { received: [...state.received.values()], redelivered: state.redelivered });
    if (route !== "POST /orders" && route !== "POST /faults") return reply(res, 404, { error: `no admin route ${req.method} ${path}` });
    let json: unknown;
    try {
      json = JSON.parse(body);
    } catch {
      return reply(res, 400, { error: "body is not JSON" });
    }
    if (route === "POST /orders") {
      const parsed = parseOrderInput(json, Date.now());
      if ("error" in parsed) return reply(res, 400, { error: parsed.error });
      const replaced = orders.has(parsed.order.orderId);
      orders.set(parsed.order.orderId, parsed.order);
      return reply(res, 200, { ok: true, replaced, order: parsed.order });
    }
    const f = parseFaultsInput(json);
    if ("error" in f) return reply(res, 400, { error: f.error });
    if (f.faults) faults[f.route].push(...f.faults);
    if (f.latencyMs !== undefined) latency[f.route] = f.latencyMs;
    reply(res, 200, { ok: true, queued: { order: faults.order.length, usage: faults.usage.length }, latencyMs: { ...latency } });
  }

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const body = Buffer.concat(chunks).toString("utf8");
      const path = new URL(req.url ?? "/", "http://x").pathname;
      if (path === MOCK_ADMIN_PREFIX || path.startsWith(`${MOCK_ADMIN_PREFIX}/`)) return handleAdmin(req, path, body, res);
      if (licenses.handles(path)) return licenses.handle(req, path, body, res); // License open APIs (licenses.ts)
      const route: Route | undefined =
        req.method === "GET" && path === QUERY_ORDER_PATH ? "order" : req.method === "POST" && path === USAGE_PUSH_PATH ? "usage" : undefined;
      if (!route) return reply(res, 404, { resultCode: "MOCK.NOT_FOUND", resultMsg: `${req.method} ${path}` });
      const fault = faults[route].shift();
      const run = () => (route === "order" ? handleOrder(req, body, res, fault) : handleUsage(req, body, res, fault));
      if (latency[route] > 0) setTimeout(run, latency[route]);
      else run();
    });
  });
  server.on("connection", (s) => {
    sockets.add(s);
    s.on("close", () => sockets.delete(s));
  });
  const host = opts.host ?? "127.0.0.1";
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(opts.port ?? 0, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  // A wildcard address is reached through loopback (the app's open-API client allows http only there).
  const urlHost = host === "0.0.0.0" || host === "::" ? "127.0.0.1" : host.includes(":") ? `[${host}]` : host;

  return {
    url: `http://${urlHost}:${port}`,
    ...state,
    addOrder: (o) => void orders.set(o.orderId, o),
    orderIds: () => [...orders.keys()],
    inject: (route, ...f) => void faults[route].push(...f),
    setLatency: (route, ms) => void (latency[route] = ms),
    stop: async () => {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/**
 * A local stand-in for the marketplace open API on 127.0.0.1 (port 0 = any free port by default),
 * for tests, e2e and the dev quickstart (as its own process: `npm run mock:openapi`):
 *   GET  /api/mkp-openapi-public/global/v1/order/query   AK/SK-verified 查询订单 (every MOCK… id + added orders)
 *   POST /api/mkp-openapi-public/global/v1/isv/usage-data signature-verified usage push
 *   POST …/v1/license/activate, …/v1/license/heartbeat     License open APIs with test codes (licenses.ts)
 *   /__mock/*                                             the mock's own admin API (admin.ts): health,
 *                                                         register orders and instances, read usage,
 *                                                         inject faults
 *
 * Answers are the marketplace's (docs/billing.md §2, §6): 查询订单 {"resultCode","resultMsg",
 * "orderInfo"}, the usage push {"error_code":"MKT.0000","error_msg":"success"}; a bad signature is
 * MKT.0102, a bad ts/nonce MKT.0154, bad fields MKT.0101, more records than allowed MKT.9003,
 * begin_time older than 21 days MKT.9004. Accepted records go through the marketplace's
 * background check (usage-checks.ts: per-record problems 005/010/011/012/017/018). It can be told
 * to misbehave per route: any MKT.* / APIGW.* answer on demand, a bare HTTP 500, an unknown code,
 * hang before or after storing (so the client times out), or answer slowly.
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { parseUsageTime } from "~/koogallery/time";
import { mktCode } from "../mkt-codes";
import { QUERY_ORDER_PATH } from "../query-order";
import { USAGE_PUSH_PATH } from "../usage-push";
import { MOCK_ADMIN_PREFIX, parseFaultsInput, parseInstanceInput, parseOrderInput } from "./admin";
import type { Fault } from "./faults";
import { createLicenseMock } from "./licenses";
import { marketplaceMockOrders, type MockOrder } from "./orders";
import { UsageLedger, type MockInstance, type RecordProblem } from "./usage-checks";
import { checkUsageBody, verifyApig, verifyUsagePushSignature } from "./verify";

export { isFault, MOCK_ERROR_CODES, NAMED_FAULTS, type Fault } from "./faults";

type Route = "order" | "usage";
const DAY = 86_400_000;

export interface MockOpenApiOptions {
  ak: string;
  sk: string;
  usagePushKey: string;
  /** TCP port; 0 (default) = any free port. */
  port?: number;
  /** Address to listen on (default 127.0.0.1). The admin API is unauthenticated: keep it local. */
  host?: string;
  /** Records per usage push before it answers MKT.9003 (default 1,000, as documented). */
  maxRecordsPerPush?: number;
}

export interface MockOpenApi {
  url: string;
  /** First delivery of each metering_sn. */
  received: Map<string, Record<string, string>>;
  /** Every later delivery of an already received metering_sn. */
  redelivered: string[];
  /** The background check's per-record problems (usage-checks.ts). */
  problems: RecordProblem[];
  /** Every request: route, HTTP status answered (0 = hung), and the refusal reason if any. */
  log: Array<{ route: Route; status: number; reason?: string }>;
  addOrder(order: MockOrder): void;
  /** Ids of every order 查询订单 answers (the MOCK… ones first). */
  orderIds(): string[];
  /** Tells the background check what an instance is (package of which on-demand instance …). */
  registerInstance(instance: MockInstance): void;
  /** Queue faults for the next requests of a route, in order. */
  inject(route: Route, ...faults: Fault[]): void;
  setLatency(route: Route, ms: number): void;
  stop(): Promise<void>;
}

/**
 * Every answer closes its connection: a kept-alive socket the mock's idle timer closes just as the
 * client reuses it fails with ECONNRESET on a busy machine, which would read as a marketplace fault.
 */
function reply(res: ServerResponse, status: number, body: object): void {
  res.writeHead(status, { "content-type": "application/json;charset=UTF-8", connection: "close" });
  res.end(JSON.stringify(body));
}

export async function startMockOpenApi(opts: MockOpenApiOptions): Promise<MockOpenApi> {
  const orders = new Map(marketplaceMockOrders(Date.now()).map((o) => [o.orderId, o]));
  const faults: Record<Route, Fault[]> = { order: [], usage: [] };
  const latency: Record<Route, number> = { order: 0, usage: 0 };
  const sockets = new Set<Socket>();
  const seenNonces = new Set<string>();
  const ledger = new UsageLedger();
  const state = { received: ledger.received, redelivered: ledger.redelivered, problems: ledger.problems, log: [] as MockOpenApi["log"] };
  const maxRecords = opts.maxRecordsPerPush ?? 1000;
  const licenses = createLicenseMock(opts);

  function answer(route: Route, res: ServerResponse, status: number, body: object, reason?: string): void {
    state.log.push({ route, status, ...(reason ? { reason } : {}) });
    reply(res, status, body);
  }

  /** An MKT.* / APIGW.* error in the route's own spelling (查询订单: resultCode; push and gateway: error_code). */
  function answerCode(route: Route, res: ServerResponse, code: string, detail?: string): void {
    const known = mktCode(code);
    const status = known?.httpStatus ?? 503;
    const msg = `${known?.meaning ?? "gateway error"}${detail ? `: ${detail}` : ""}`;
    const body = route === "order" && known ? { resultCode: code, resultMsg: msg } : { error_code: code, error_msg: msg };
    answer(route, res, status, body, `${code} ${detail ?? msg}`);
  }

  /** Named and code faults common to both routes, before anything is stored; true when the request was answered (or hung). */
  function misbehave(route: Route, res: ServerResponse, fault: Fault | undefined): boolean {
    switch (fault) {
      case undefined:
        return false;
      case "hang-after-store":
        if (route === "usage") return false;
      // 查询订单 stores nothing: hanging after "storing" is hanging.
      // falls through
      case "hang-before-store":
        state.log.push({ route, status: 0, reason: "hung" });
        return true;
      case "http500":
        answer(route, res, 500, { error_code: "MOCK.ERROR", error_msg: "injected" }, "injected 500");
        return true;
      case "reject400":
        answerCode(route, res, "MKT.0101", "injected");
        return true;
      case "unknown-code":
        answer(route, res, 200, { error_code: "MOCK.BUSY", error_msg: "try later" }, "injected unknown code");
        return true;
      default:
        answerCode(route, res, fault, "injected");
        return true;
    }
  }

  function handleOrder(req: IncomingMessage, body: string, res: ServerResponse, fault: Fault | undefined): void {
    const problem = verifyApig({ method: req.method ?? "GET", url: req.url ?? "/", headers: req.headers, body }, opts, Date.now());
    if (problem) return answer("order", res, 401, { error_code: "APIGW.0301", error_msg: `Incorrect app authentication information: ${problem}` }, problem);
    if (misbehave("order", res, fault)) return;
    const orderId = new URL(req.url ?? "/", "http://x").searchParams.get("orderId") ?? "";
    const order = orders.get(orderId);
    if (!order) return answerCode("order", res, "MKT.0101", `no order ${orderId}`);
    answer("order", res, 200, { resultCode: "MKT.0000", resultMsg: "Success", orderInfo: order });
  }

  function handleUsage(req: IncomingMessage, body: string, res: ServerResponse, fault: Fault | undefined): void {
    const problem = verifyUsagePushSignature(req.headers, body, opts.usagePushKey, Date.now());
    if (problem === "signature mismatch") return answerCode("usage", res, "MKT.0102", problem);
    if (problem) return answerCode("usage", res, "MKT.0154", problem);
    const nonce = String(req.headers.nonce);
    if (seenNonces.has(nonce)) return answerCode("usage", res, "MKT.0154", "nonce reused");
    seenNonces.add(nonce);
    const checked = checkUsageBody(body, maxRecords);
    if (checked === "too many records") return answerCode("usage", res, "MKT.9003", `more than ${maxRecords} records`);
    if (typeof checked === "string") return answerCode("usage", res, "MKT.0101", checked);
    if (misbehave("usage", res, fault)) return;
    const tooOld = checked.records.find((r) => parseUsageTime(r.begin_time!).getTime() < Date.now() - 21 * DAY);
    if (tooOld) return answerCode("usage", res, "MKT.9004", `record ${tooOld.metering_sn}`);
    ledger.accept(checked.records);
    if (fault === "hang-after-store") return void state.log.push({ route: "usage", status: 0, reason: "hung after storing" });
    answer("usage", res, 200, { error_code: "MKT.0000", error_msg: "success" });
  }

  /** The /__mock/* admin API (admin.ts): not signed, not logged, no faults or latency. */
  function handleAdmin(req: IncomingMessage, path: string, body: string, res: ServerResponse): void {
    const route = `${req.method} ${path.slice(MOCK_ADMIN_PREFIX.length)}`;
    if (route === "GET /health") return reply(res, 200, { ok: true });
    if (route === "GET /orders") return reply(res, 200, { orderIds: [...orders.keys()] });
    if (route === "GET /usage") return reply(res, 200, { received: [...state.received.values()], redelivered: state.redelivered, problems: state.problems });
    if (route !== "POST /orders" && route !== "POST /faults" && route !== "POST /instances") return reply(res, 404, { error: `no admin route ${req.method} ${path}` });
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
    if (route === "POST /instances") {
      const parsed = parseInstanceInput(json);
      if ("error" in parsed) return reply(res, 400, { error: parsed.error });
      ledger.instances.set(parsed.instanceId, parsed);
      return reply(res, 200, { ok: true, instance: parsed });
    }
    const f = parseFaultsInput(json);
    if ("error" in f) return reply(res, 400, { error: f.error });
    if (f.faults) faults[f.route].push(...f.faults);
    if (f.latencyMs !== undefined) latency[f.route] = f.latencyMs;
    reply(res, 200, { ok: true, queued: { order: faults.order.length, usage: faults.usage.length }, latencyMs: { ...latency } });
  }

  const server = createServer((req, res) => {
    // One connection per request: a kept-alive socket the server closes while the client reuses
    // it gives ECONNRESET on a loaded machine (a stand-in needs no connection reuse).
    res.shouldKeepAlive = false;
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
    registerInstance: (i) => void ledger.instances.set(i.instanceId, i),
    inject: (route, ...f) => void faults[route].push(...f),
    setLatency: (route, ms) => void (latency[route] = ms),
    stop: async () => {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

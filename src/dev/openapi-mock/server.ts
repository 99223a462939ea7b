/**
 * A local stand-in for the marketplace open API on 127.0.0.1 (port 0 = any free port by default),
 * for tests, e2e and the dev quickstart (as its own process: `npm run mock:openapi`). This file
 * routes; each endpoint it emulates has its own file:
 *   GET  /api/mkp-openapi-public/global/v1/order/query    order-query.ts  AK/SK-verified 查询订单
 *   POST /api/mkp-openapi-public/global/v1/isv/usage-data usage-push.ts   signature-verified usage push
 *   POST …/v1/license/activate, …/v1/license/heartbeat     licenses.ts     License open APIs with test codes
 *   /__mock/*                                             admin.ts        the mock's own admin API: health,
 *                                                                         register orders and instances,
 *                                                                         read usage, inject faults
 *
 * Answers are the marketplace's (docs/billing.md §2, §6). It can be told to misbehave per route
 * (faults.ts, state.ts): any MKT.* / APIGW.* answer on demand, a bare HTTP 500, an unknown code,
 * hang before or after storing (so the client times out), or answer slowly.
 *
 * A development tool: production code never imports src/dev (eslint.config.mjs).
 */
import { createServer } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { QUERY_ORDER_PATH } from "~/server/openapi/query-order";
import { USAGE_PUSH_PATH } from "~/server/openapi/usage-push";
import { handleAdmin, isAdminPath } from "./admin";
import type { Fault } from "./faults";
import { createLicenseMock } from "./licenses";
import { handleOrderQuery } from "./order-query";
import { marketplaceMockOrders, type MockOrder } from "./orders";
import { createMockState, reply, type LogEntry, type Route } from "./state";
import { handleUsagePush } from "./usage-push";
import type { MockInstance, RecordProblem } from "./usage-checks";

export { isFault, MOCK_ERROR_CODES, NAMED_FAULTS, type Fault } from "./faults";

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
  log: LogEntry[];
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

export async function startMockOpenApi(opts: MockOpenApiOptions): Promise<MockOpenApi> {
  const state = createMockState(marketplaceMockOrders(Date.now()), opts.maxRecordsPerPush ?? 1000);
  const { orders, faults, latency, ledger } = state;
  const sockets = new Set<Socket>();
  const licenses = createLicenseMock(opts);

  const server = createServer((req, res) => {
    // One connection per request: a kept-alive socket the server closes while the client reuses
    // it gives ECONNRESET on a loaded machine (a stand-in needs no connection reuse).
    res.shouldKeepAlive = false;
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const body = Buffer.concat(chunks).toString("utf8");
      const path = new URL(req.url ?? "/", "http://x").pathname;
      if (isAdminPath(path)) return handleAdmin(state, req, path, body, res);
      if (licenses.handles(path)) return licenses.handle(req, path, body, res);
      const route: Route | undefined =
        req.method === "GET" && path === QUERY_ORDER_PATH ? "order" : req.method === "POST" && path === USAGE_PUSH_PATH ? "usage" : undefined;
      if (!route) return reply(res, 404, { resultCode: "MOCK.NOT_FOUND", resultMsg: `${req.method} ${path}` });
      const fault = faults[route].shift();
      const run = () =>
        route === "order" ? handleOrderQuery(state, opts, req, body, res, fault) : handleUsagePush(state, opts.usagePushKey, req, body, res, fault);
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
    received: ledger.received,
    redelivered: ledger.redelivered,
    problems: ledger.problems,
    log: state.log,
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

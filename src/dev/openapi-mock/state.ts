/**
 * The mock's state and the answers every route shares: what it received, which orders 查询订单
 * knows, the faults and latency queued per route, the request log, and how an MKT.* / APIGW.*
 * code or an injected misbehaviour is answered. One MockState per startMockOpenApi() (server.ts).
 */
import type { ServerResponse } from "node:http";
import { mktCode } from "~/server/openapi/mkt-codes";
import type { Fault } from "./faults";
import type { MockOrder } from "./orders";
import { UsageLedger } from "./usage-checks";

export type Route = "order" | "usage";

export interface LogEntry {
  route: Route;
  /** HTTP status answered (0 = hung). */
  status: number;
  reason?: string;
}

export interface MockState {
  orders: Map<string, MockOrder>;
  faults: Record<Route, Fault[]>;
  latency: Record<Route, number>;
  seenNonces: Set<string>;
  ledger: UsageLedger;
  log: LogEntry[];
  maxRecords: number;
}

export function createMockState(orders: MockOrder[], maxRecords: number): MockState {
  return {
    orders: new Map(orders.map((o) => [o.orderId, o])),
    faults: { order: [], usage: [] },
    latency: { order: 0, usage: 0 },
    seenNonces: new Set(),
    ledger: new UsageLedger(),
    log: [],
    maxRecords,
  };
}

/**
 * Every answer closes its connection: a kept-alive socket the mock's idle timer closes just as the
 * client reuses it fails with ECONNRESET on a busy machine, which would read as a marketplace fault.
 */
export function reply(res: ServerResponse, status: number, body: object): void {
  res.writeHead(status, { "content-type": "application/json;charset=UTF-8", connection: "close" });
  res.end(JSON.stringify(body));
}

/** A logged answer of a marketplace route. */
export function answer(state: MockState, route: Route, res: ServerResponse, status: number, body: object, reason?: string): void {
  state.log.push({ route, status, ...(reason ? { reason } : {}) });
  reply(res, status, body);
}

/** An MKT.* / APIGW.* error in the route's own spelling (查询订单: resultCode; push and gateway: error_code). */
export function answerCode(state: MockState, route: Route, res: ServerResponse, code: string, detail?: string): void {
  const known = mktCode(code);
  const status = known?.httpStatus ?? 503;
  const msg = `${known?.meaning ?? "gateway error"}${detail ? `: ${detail}` : ""}`;
  const body = route === "order" && known ? { resultCode: code, resultMsg: msg } : { error_code: code, error_msg: msg };
  answer(state, route, res, status, body, `${code} ${detail ?? msg}`);
}

/** Named and code faults common to both routes, before anything is stored; true when the request was answered (or hung). */
export function misbehave(state: MockState, route: Route, res: ServerResponse, fault: Fault | undefined): boolean {
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
      answer(state, route, res, 500, { error_code: "MOCK.ERROR", error_msg: "injected" }, "injected 500");
      return true;
    case "reject400":
      answerCode(state, route, res, "MKT.0101", "injected");
      return true;
    case "unknown-code":
      answer(state, route, res, 200, { error_code: "MOCK.BUSY", error_msg: "try later" }, "injected unknown code");
      return true;
    default:
      answerCode(state, route, res, fault, "injected");
      return true;
  }
}

/**
 * The mock's own admin API (no marketplace counterpart), so other processes — Playwright specs,
 * the seed, a developer with curl — can drive a mock started with `npm run mock:openapi`:
 *
 *   GET  /__mock/health     {"ok":true}
 *   GET  /__mock/orders     {"orderIds":[…]}
 *   POST /__mock/orders     register (or replace) an order 查询订单 then answers:
 *                           a full MockOrder, or the short form
 *                           {orderId, orderType, chargingMode, skuCode, validDays?, customerId?, lines?, productId?, linearValue?}
 *                           built with mockOrder(); → {"ok":true,"replaced":bool,"order":{…}}
 *   POST /__mock/instances  tell the background check what an instance is:
 *                           {instanceId, kind:"on-demand"|"package", stopWhenUsedUp?, onDemandInstanceId?}
 *   GET  /__mock/usage      {"received":[record…],"redelivered":[metering_sn…],"problems":[{metering_sn,instance_id,code,message}…]}
 *   POST /__mock/faults     {route:"order"|"usage", faults?:[Fault…], latencyMs?} → queued faults per route;
 *                           a fault is a name (http500, reject400, unknown-code, hang-before-store,
 *                           hang-after-store) or an answer code: any documented MKT.* error or APIGW.nnnn
 *
 * Bad input is answered 400 {"error":"…"}; unknown admin paths 404. Admin calls are not signed, not
 * logged in MockOpenApi.log, and never hit by injected faults or latency. The mock listens on
 * 127.0.0.1 by default: these endpoints are for a developer machine, never expose them.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { parseFaultsInput, parseInstanceInput, parseOrderInput } from "./admin-input";
import { reply, type MockState } from "./state";

export const MOCK_ADMIN_PREFIX = "/__mock";
export const MOCK_HEALTH_PATH = `${MOCK_ADMIN_PREFIX}/health`;

export function isAdminPath(path: string): boolean {
  return path === MOCK_ADMIN_PREFIX || path.startsWith(`${MOCK_ADMIN_PREFIX}/`);
}

/** One admin request: not signed, not logged, no faults or latency. */
export function handleAdmin(state: MockState, req: IncomingMessage, path: string, body: string, res: ServerResponse): void {
  const { orders, ledger, faults, latency } = state;
  const route = `${req.method} ${path.slice(MOCK_ADMIN_PREFIX.length)}`;
  if (route === "GET /health") return reply(res, 200, { ok: true });
  if (route === "GET /orders") return reply(res, 200, { orderIds: [...orders.keys()] });
  if (route === "GET /usage") return reply(res, 200, { received: [...ledger.received.values()], redelivered: ledger.redelivered, problems: ledger.problems });
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

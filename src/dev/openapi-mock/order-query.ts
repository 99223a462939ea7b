/**
 * GET /api/mkp-openapi-public/global/v1/order/query — 查询订单 as the marketplace answers it
 * (docs/billing.md §2): AK/SK-verified (APIG SDK-HMAC-SHA256), then {"resultCode","resultMsg",
 * "orderInfo"} for every MOCK… id and every order added to the mock; MKT.0101 for an unknown id.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Fault } from "./faults";
import { answer, answerCode, misbehave, type MockState } from "./state";
import { verifyApig } from "./verify";

export function handleOrderQuery(
  state: MockState,
  creds: { ak: string; sk: string },
  req: IncomingMessage,
  body: string,
  res: ServerResponse,
  fault: Fault | undefined,
): void {
  const problem = verifyApig({ method: req.method ?? "GET", url: req.url ?? "/", headers: req.headers, body }, creds, Date.now());
  if (problem) return answer(state, "order", res, 401, { error_code: "APIGW.0301", error_msg: `Incorrect app authentication information: ${problem}` }, problem);
  if (misbehave(state, "order", res, fault)) return;
  const orderId = new URL(req.url ?? "/", "http://x").searchParams.get("orderId") ?? "";
  const order = state.orders.get(orderId);
  if (!order) return answerCode(state, "order", res, "MKT.0101", `no order ${orderId}`);
  answer(state, "order", res, 200, { resultCode: "MKT.0000", resultMsg: "Success", orderInfo: order });
}

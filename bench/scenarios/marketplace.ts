/**
 * The signed production-interface scenarios, the same requests to the app and to the baseline:
 * newInstance of new orders, redelivery of those orders (same body, new nonce and timestamp), and
 * queryInstance of the instances created — each answer checked (checks.ts).
 */
import { randomBytes } from "node:crypto";
import { signedBaseRequest } from "~/koogallery/client";
import { checkNewInstance, checkQueryInstance } from "../checks";
import { post, type Op } from "../load";
import { BENCH_SECRETS } from "../secrets";

export interface Order {
  body: { activity: "newInstance"; orderId: string; orderLineId: string; businessId: string };
  /** The instance the first delivery created (= businessId, the app's rule). */
  instanceId: string;
}

/** What one side (app or baseline) has created so far. */
export interface SideOrders {
  who: string;
  baseUrl: string;
  orders: Order[];
  /** Round-robin position of redeliveries and queries. */
  next: number;
}

const runStamp = `${Date.now().toString(36)}${randomBytes(2).toString("hex")}`.toUpperCase();
let sequence = 0;

async function send(side: SideOrders, agent: Parameters<Op>[1], body: Record<string, unknown>) {
  const s = signedBaseRequest({ baseUrl: `${side.baseUrl}/api/marketplace`, accessKey: BENCH_SECRETS.KOOGALLERY_ACCESS_KEY, body });
  return post(agent, s.url, s.body, s.headers);
}

function nextOrder(side: SideOrders): Order {
  if (side.orders.length === 0) throw new Error(`${side.who}: no orders yet (newInstance runs first)`);
  return side.orders[side.next++ % side.orders.length]!;
}

export function newInstanceOp(side: SideOrders): Op {
  return async (_caller, agent) => {
    const orderId = `CSBENCH${runStamp}${(++sequence).toString(36).toUpperCase()}`;
    const businessId = randomBytes(16).toString("hex");
    const body = { activity: "newInstance" as const, orderId, orderLineId: `${orderId}-000001`, businessId };
    checkNewInstance(`${side.who} newInstance ${orderId}`, await send(side, agent, body), businessId);
    side.orders.push({ body, instanceId: businessId });
  };
}

export function redeliveryOp(side: SideOrders): Op {
  return async (_caller, agent) => {
    const order = nextOrder(side);
    checkNewInstance(`${side.who} redelivered newInstance ${order.body.orderId}`, await send(side, agent, order.body), order.instanceId);
  };
}

export function queryInstanceOp(side: SideOrders): Op {
  return async (_caller, agent) => {
    const { instanceId } = nextOrder(side);
    checkQueryInstance(`${side.who} queryInstance ${instanceId}`, await send(side, agent, { activity: "queryInstance", instanceId }), instanceId);
  };
}

/**
 * 查询订单 client: GET {endpoint}/api/mkp-openapi-public/global/v1/order/query?orderId=…&orderLineId=…
 * signed with APIG SDK-HMAC-SHA256 (AK/SK).
 *
 * Response (https://support.huaweicloud.com/accessg-marketplace/zh-cn_topic_0070649350.html, read
 * 2024-04-26 version): resultCode (16), resultMsg (1024), orderInfo { orderId, orderType
 * (NEW|TRIAL|TRIAL_TO_FORMAL|UNSUBSCRIBE|RENEW|CHANGE), createTime (yyyyMMddHHmmss), orderLine[]
 * { orderLineId, chargingMode (ON_DEMAND|ONE_TIME|PERIOD|ON_DEMAND_PKG), expireTime (O) … },
 * buyerInfo (O), extendParams (O) }. The rest of OrderLine could not be read; where the SKU sits
 * is inferred from the V2 signing example (orderLine productInfo[{productId, skuCode, linearValue}])
 * and also accepted at line level. The success code is unconfirmed: "MKT.0000" and "000000" pass.
 */
import { z } from "zod";
import { signApigRequest } from "~/koogallery/open-api-signing";
import { parseCompactUtc } from "~/koogallery/time";
import { openApiRequest } from "./http";

export const QUERY_ORDER_PATH = "/api/mkp-openapi-public/global/v1/order/query";

const str = z.string().max(1024);
const productInfo = z.object({ productId: str.optional(), skuCode: str.optional(), linearValue: z.unknown().optional() }).loose();
const orderLine = z
  .object({
    orderLineId: str,
    chargingMode: str,
    expireTime: str.optional().nullable(),
    productId: str.optional(),
    skuCode: str.optional(),
    productInfo: z.array(productInfo).optional(),
  })
  .loose();
const responseSchema = z
  .object({
    resultCode: str,
    resultMsg: str.optional(),
    orderInfo: z
      .object({
        orderId: str,
        orderType: str,
        createTime: str.optional(),
        orderLine: z.array(orderLine),
        buyerInfo: z.object({ customerId: str.optional() }).loose().optional().nullable(),
      })
      .loose()
      .optional()
      .nullable(),
  })
  .loose();

export interface OrderLineInfo {
  orderId: string;
  orderLineId: string;
  orderType: string;
  chargingMode: string;
  productId?: string;
  skuCode?: string;
  createdAt?: Date;
  expireAt?: Date;
  customerId?: string;
}

export class OpenApiError extends Error {
  constructor(
    message: string,
    /** transient: timeout, network, 5xx — the caller should let the marketplace retry. */
    public readonly transient: boolean,
    public readonly code?: string,
  ) {
    super(message);
    this.name = "OpenApiError";
  }
}

export interface QueryOrderConfig {
  endpoint: string;
  ak?: string;
  sk?: string;
  queryOrderTimeoutMs: number;
}

const SUCCESS = new Set(["MKT.0000", "000000"]);

function parseTime(v: string | null | undefined): Date | undefined {
  if (!v) return undefined;
  try {
    return parseCompactUtc(v);
  } catch {
    return undefined;
  }
}

export async function queryOrder(cfg: QueryOrderConfig, ref: { orderId: string; orderLineId?: string }): Promise<OrderLineInfo> {
  if (!cfg.ak || !cfg.sk) throw new OpenApiError("KOOGALLERY_OPENAPI_AK/SK are not set", false);
  const url = new URL(cfg.endpoint.replace(/\/+$/, "") + QUERY_ORDER_PATH);
  url.searchParams.set("orderId", ref.orderId);
  if (ref.orderLineId) url.searchParams.set("orderLineId", ref.orderLineId);
  const signed = signApigRequest({ method: "GET", url: url.toString(), ak: cfg.ak, sk: cfg.sk, headers: { "Content-Type": "application/json" } });
  const out = await openApiRequest(url, { method: "GET", headers: signed.headers }, cfg.queryOrderTimeoutMs);
  if (out.kind === "timeout") throw new OpenApiError(`查询订单 timed out after ${cfg.queryOrderTimeoutMs} ms`, true);
  if (out.kind === "network") throw new OpenApiError(`查询订单 failed: ${out.message}`, true);
  if (out.status >= 500 || out.status === 429) throw new OpenApiError(`查询订单 answered HTTP ${out.status}`, true);

  let body: z.infer<typeof responseSchema>;
  try {
    body = responseSchema.parse(JSON.parse(out.text));
  } catch {
    throw new OpenApiError(`查询订单 answered HTTP ${out.status} with an unreadable body`, out.status >= 500);
  }
  if (!SUCCESS.has(body.resultCode) || !body.orderInfo) {
    throw new OpenApiError(`查询订单 refused: ${body.resultCode} ${body.resultMsg ?? ""}`.trim(), false, body.resultCode);
  }
  const info = body.orderInfo;
  const lines = info.orderLine;
  const line = ref.orderLineId ? lines.find((l) => l.orderLineId === ref.orderLineId) : lines[0];
  if (!line) throw new OpenApiError(`order ${ref.orderId} has no line ${ref.orderLineId}`, false);
  const product = line.productInfo?.[0];
  return {
    orderId: info.orderId,
    orderLineId: line.orderLineId,
    orderType: info.orderType,
    chargingMode: line.chargingMode,
    productId: line.productId ?? product?.productId,
    skuCode: line.skuCode ?? product?.skuCode,
    createdAt: parseTime(info.createTime),
    expireAt: parseTime(line.expireTime),
    customerId: info.buyerInfo?.customerId || undefined,
  };
}

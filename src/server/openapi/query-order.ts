/**
 * 查询订单 client: GET {endpoint}/api/mkp-openapi-public/global/v1/order/query?orderId=…&orderLineId=…
 * signed with APIG SDK-HMAC-SHA256 (AK/SK), HTTPS with strict certificate checks (http.ts).
 *
 * The answer (docs/billing.md §2): resultCode ("MKT.0000" = success), resultMsg, orderInfo {
 *   orderId, orderType NEW|TRIAL|TRIAL_TO_FORMAL|UNSUBSCRIBE|RENEW|CHANGE, createTime yyyyMMddHHmmss,
 *   orderLine[] { orderLineId, chargingMode ON_DEMAND|ONE_TIME|PERIOD|ON_DEMAND_PKG, periodType,
 *     periodNumber, expireTime, productInfo[] { productId, skuCode, linearValue, productName },
 *     extendParams[] {name, value}, currency, currencyAfterDiscount (strings) },
 *   buyerInfo { mobilePhone, email, customerId, customerName, customerRealName, customerType,
 *     userId, userName — any of them may be null }, extendParams[] }.
 * Failures come back as OpenApiError: `transient` when asking again later may work (timeout,
 * network, 5xx, gateway errors, MKT.0999, MKT.0250). After MKT.0250 this process backs off
 * (backoff.ts). When the host cannot be reached the documented fallback host is tried.
 */
import { z } from "zod";
import { signApigRequest } from "~/koogallery/open-api-signing";
import { parseCompactUtc } from "~/koogallery/time";
import { RateLimitBackoff } from "./backoff";
import { openApiRequestWithFallback, openApiUrls } from "./http";
import { describeAnswer, isAuthStatus, isGatewayCode, mktCode, MKT_RATE_LIMITED, MKT_SUCCESS, readAnswer, type OpenApiAnswer } from "./mkt-codes";

export const QUERY_ORDER_PATH = "/api/mkp-openapi-public/global/v1/order/query";

const str = z.string().max(1024);
const opt = <T extends z.ZodType>(t: T) => t.nullable().optional();
/** Amounts are documented as strings ("100"); a number is read as its text. */
const money = z.union([z.string().max(64), z.number().transform(String)]);
/** A number; a numeric string is read as the number. */
const numeric = z.union([z.number(), z.string().regex(/^-?\d+(\.\d+)?$/).transform(Number)]);
const nameValue = z.object({ name: str, value: opt(z.string().max(4096)) }).loose();

export const ZProductInfo = z
  .object({ productId: str, skuCode: str, linearValue: opt(numeric), productName: opt(str) })
  .loose();
export const ZOrderLine = z
  .object({
    orderLineId: str,
    chargingMode: str,
    periodType: opt(str),
    periodNumber: opt(z.number().int()),
    expireTime: opt(str),
    productInfo: z.array(ZProductInfo).min(1),
    extendParams: opt(z.array(nameValue)),
    currency: opt(money),
    currencyAfterDiscount: opt(money),
  })
  .loose();
export const ZBuyerInfo = z
  .object({
    mobilePhone: opt(str),
    email: opt(str),
    customerId: opt(str),
    customerName: opt(str),
    customerRealName: opt(str),
    customerType: opt(z.number().int()),
    userId: opt(str),
    userName: opt(str),
  })
  .loose();
export const ZOrderInfo = z
  .object({
    orderId: str,
    orderType: str,
    createTime: opt(str),
    orderLine: z.array(ZOrderLine).min(1),
    buyerInfo: opt(ZBuyerInfo),
    extendParams: opt(z.array(nameValue)),
  })
  .loose();
export const ZQueryOrderAnswer = z.object({ resultCode: str, resultMsg: opt(str), orderInfo: opt(ZOrderInfo) }).loose();

export type QueryOrderAnswer = z.infer<typeof ZQueryOrderAnswer>;

export interface NameValue {
  name: string;
  value: string | null;
}

/** What provisioning needs from one order line, flattened. */
export interface OrderLineInfo {
  orderId: string;
  orderLineId: string;
  orderType: string;
  chargingMode: string;
  periodType?: string;
  periodNumber?: number;
  productId: string;
  skuCode: string;
  productName?: string;
  /** productInfo.linearValue: e.g. the number of users bought (drives a plan's `linearQuota`). */
  linearValue?: number;
  createdAt?: Date;
  expireAt?: Date;
  customerId?: string;
  customerName?: string;
  /** The line's extendParams, then the order's (a name in both: the line's wins). */
  extendParams: NameValue[];
  currency?: string;
  currencyAfterDiscount?: string;
}

export class OpenApiError extends Error {
  constructor(
    message: string,
    /** transient: asking again later may work — the caller should let the marketplace retry. */
    public readonly transient: boolean,
    public readonly code?: string,
  ) {
    super(message);
    this.name = "OpenApiError";
  }
}

export interface QueryOrderConfig {
  endpoint: string;
  /** Tried when the endpoint cannot be reached (docs: https://mkt.myhuaweicloud.cn). */
  fallbackEndpoint?: string;
  ak?: string;
  sk?: string;
  queryOrderTimeoutMs: number;
}

/** This process's MKT.0250 back-off for 查询订单. */
export const queryOrderBackoff = new RateLimitBackoff();

function parseTime(v: string | null | undefined): Date | undefined {
  if (!v) return undefined;
  try {
    return parseCompactUtc(v);
  } catch {
    return undefined;
  }
}

/** The error for a failed call: transient when asking again later may help. */
function failure(a: OpenApiAnswer): OpenApiError {
  const what = `查询订单 ${describeAnswer(a)}`;
  if (a.kind !== "response") return new OpenApiError(what, true);
  const known = mktCode(a.code);
  const gateway = isGatewayCode(a.code) && !isAuthStatus(a.httpStatus);
  const transient = known ? known.transient : gateway || a.httpStatus >= 500 || a.httpStatus === 429;
  return new OpenApiError(what, transient, a.code);
}

/** Parses an answer body; throws OpenApiError for an unreadable or unsuccessful one. */
export function parseQueryOrderAnswer(httpStatus: number, text: string): z.infer<typeof ZOrderInfo> {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw failure(readAnswer(httpStatus, text));
  }
  const code = readAnswer(httpStatus, text);
  if (code.code !== MKT_SUCCESS) throw failure(code);
  const parsed = ZQueryOrderAnswer.safeParse(json);
  if (!parsed.success) throw new OpenApiError(`查询订单 answer is not readable: ${z.prettifyError(parsed.error).replace(/\n\s*/g, " ")}`, false);
  if (!parsed.data.orderInfo) throw new OpenApiError("查询订单 answered MKT.0000 without orderInfo", false);
  return parsed.data.orderInfo;
}

/** One line of a parsed order, flattened for provisioning. */
export function orderLineInfo(info: z.infer<typeof ZOrderInfo>, orderLineId?: string): OrderLineInfo {
  const line = orderLineId ? info.orderLine.find((l) => l.orderLineId === orderLineId) : info.orderLine[0];
  if (!line) throw new OpenApiError(`order ${info.orderId} has no line ${orderLineId}`, false);
  const product = line.productInfo[0]!;
  const params = new Map<string, NameValue>();
  for (const p of [...(info.extendParams ?? []), ...(line.extendParams ?? [])]) params.set(p.name, { name: p.name, value: p.value ?? null });
  const buyer = info.buyerInfo;
  return {
    orderId: info.orderId,
    orderLineId: line.orderLineId,
    orderType: info.orderType,
    chargingMode: line.chargingMode,
    ...(line.periodType ? { periodType: line.periodType } : {}),
    ...(line.periodNumber != null ? { periodNumber: line.periodNumber } : {}),
    productId: product.productId,
    skuCode: product.skuCode,
    ...(product.productName ? { productName: product.productName } : {}),
    ...(product.linearValue != null && Number.isFinite(product.linearValue) ? { linearValue: product.linearValue } : {}),
    createdAt: parseTime(info.createTime),
    expireAt: parseTime(line.expireTime),
    ...(buyer?.customerId ? { customerId: buyer.customerId } : {}),
    ...(buyer?.customerName ? { customerName: buyer.customerName } : {}),
    extendParams: [...params.values()],
    ...(line.currency != null ? { currency: line.currency } : {}),
    ...(line.currencyAfterDiscount != null ? { currencyAfterDiscount: line.currencyAfterDiscount } : {}),
  };
}

export async function queryOrder(
  cfg: QueryOrderConfig,
  ref: { orderId: string; orderLineId?: string },
  opts: { backoff?: RateLimitBackoff; clock?: () => number } = {},
): Promise<OrderLineInfo> {
  if (!cfg.ak || !cfg.sk) throw new OpenApiError("KOOGALLERY_OPENAPI_AK/SK are not set", false);
  const { ak, sk } = cfg;
  const backoff = opts.backoff ?? queryOrderBackoff;
  const clock = opts.clock ?? Date.now;
  const wait = backoff.remainingMs(clock());
  if (wait > 0) throw new OpenApiError(`查询订单 paused for ${wait} ms after ${MKT_RATE_LIMITED} (access frequency overlimit)`, true, MKT_RATE_LIMITED);

  const query = new URLSearchParams({ orderId: ref.orderId, ...(ref.orderLineId ? { orderLineId: ref.orderLineId } : {}) });
  const out = await openApiRequestWithFallback(
    openApiUrls(cfg.endpoint, cfg.fallbackEndpoint, `${QUERY_ORDER_PATH}?${query.toString()}`),
    (url) => ({ method: "GET", headers: signApigRequest({ method: "GET", url: url.toString(), ak, sk, headers: { "Content-Type": "application/json" } }).headers }),
    cfg.queryOrderTimeoutMs,
    clock,
  );
  if (out.kind === "timeout") throw failure({ kind: "timeout", timeoutMs: cfg.queryOrderTimeoutMs });
  if (out.kind === "network") throw failure(out);
  try {
    const info = parseQueryOrderAnswer(out.status, out.text);
    backoff.succeeded();
    return orderLineInfo(info, ref.orderLineId);
  } catch (err) {
    if (err instanceof OpenApiError && err.code === MKT_RATE_LIMITED) backoff.limited(clock());
    throw err;
  }
}

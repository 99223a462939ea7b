/**
 * What an order bought: the plan, SKU, expiry, trial and buyer — from 查询订单 when
 * KOOGALLERY_QUERY_ORDER is on, otherwise the configured default plan (V2 newInstance carries only
 * order ids). A 查询订单 failure becomes ORDER_UNAVAILABLE (resultCode 000005) before anything is
 * written, so the marketplace retries the call and no half-provisioned instance exists.
 */
import { AppError } from "~/server/errors";
import { OpenApiError, queryOrder } from "~/server/openapi/query-order";
import { customerAccountKey, ownAccountKey } from "./account";
import { findPlanForOrder, USAGE_MODES } from "./catalog-types";
import { activeCatalog, billingConfig } from "./config";
import { logger } from "~/server/observability/logger";

export interface Provision {
  planId: string;
  productId: string | null;
  skuCode: string | null;
  chargingMode: string | null;
  orderType: string | null;
  expireAt: Date | null;
  trialEndsAt: Date | null;
  customerId: string | null;
  orderCreatedAt: Date | null;
  /** productInfo.linearValue (e.g. users bought), for a plan's linearQuota. */
  linearValue: number | null;
  source: "query-order" | "default";
}

const DAY = 86_400_000;

function planFor(line: { productId?: string | null; skuCode?: string | null }, fallback: string, context: string): string {
  const catalog = activeCatalog();
  const found = findPlanForOrder(catalog, line);
  if (found) return found;
  if (line.productId || line.skuCode) {
    logger("billing").warn(`${context}: productId=${line.productId ?? "-"} skuCode=${line.skuCode ?? "-"} matches no plan in the catalog; using ${fallback}`);
  }
  return fallback;
}

/** The default plan, nothing else known (查询订单 off or not asked). */
export function defaultProvision(planId = billingConfig().defaultPlanId): Provision {
  return {
    planId,
    productId: null,
    skuCode: null,
    chargingMode: null,
    orderType: null,
    expireAt: null,
    trialEndsAt: null,
    customerId: null,
    orderCreatedAt: null,
    linearValue: null,
    source: "default",
  };
}

/**
 * @param hint productId/skuCode sent in the request itself (V1-style upgrade), used when
 *             查询订单 is off.
 */
export async function resolveOrder(
  ref: { orderId: string; orderLineId: string },
  nowMs: number,
  hint: { productId?: string; skuCode?: string; fallbackPlanId?: string } = {},
): Promise<Provision> {
  const cfg = billingConfig();
  const fallback = hint.fallbackPlanId ?? cfg.defaultPlanId;
  if (!cfg.queryOrder) {
    return {
      ...defaultProvision(planFor(hint, fallback, `order ${ref.orderId}`)),
      productId: hint.productId ?? null,
      skuCode: hint.skuCode ?? null,
    };
  }
  let line;
  try {
    line = await queryOrder(cfg.openApi, ref);
  } catch (err) {
    if (err instanceof OpenApiError) throw new AppError("ORDER_UNAVAILABLE", `查询订单 ${ref.orderId}: ${err.message}`);
    throw err;
  }
  const planId = planFor(line, fallback, `order ${ref.orderId}`);
  const trialDays = activeCatalog().plans[planId]?.trial?.days ?? 7;
  const trial = line.orderType === "TRIAL";
  return {
    planId,
    productId: line.productId ?? null,
    skuCode: line.skuCode ?? null,
    chargingMode: line.chargingMode,
    orderType: line.orderType,
    expireAt: line.expireAt ?? null,
    trialEndsAt: trial ? (line.expireAt ?? new Date(nowMs + trialDays * DAY)) : null,
    customerId: line.customerId ?? null,
    orderCreatedAt: line.createdAt ?? null,
    linearValue: line.linearValue ?? null,
    source: "query-order",
  };
}

/**
 * The account an instance joins (see account.ts). A debug instance (testFlag=1) is always its own
 * account: the seller console's debug orders may name a real buyer, and a debug package must never
 * top up, nor a debug on-demand instance bill, that buyer's real account.
 */
export function accountKeyFor(p: Pick<Provision, "planId" | "customerId">, instanceId: string, isTest = false): string {
  const plan = activeCatalog().plans[p.planId];
  if (plan && p.customerId && !isTest && USAGE_MODES.has(plan.billingMode)) return customerAccountKey(p.customerId, plan.product);
  return ownAccountKey(instanceId);
}

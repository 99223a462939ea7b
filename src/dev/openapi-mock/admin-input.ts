/**
 * The bodies the mock's admin API (admin.ts) accepts, checked with zod: an order (full MockOrder
 * or the short form built with mockOrder()), an instance for the background check, faults.
 */
import { z } from "zod";
import { isFault, type Fault } from "./faults";
import { mockOrder, type MockOrder } from "./orders";
import type { MockInstance } from "./usage-checks";

const ORDER_TYPES = ["NEW", "TRIAL", "TRIAL_TO_FORMAL", "UNSUBSCRIBE", "RENEW", "CHANGE"] as const;
const CHARGING_MODES = ["PERIOD", "ONE_TIME", "ON_DEMAND", "ON_DEMAND_PKG"] as const;

const id = z.string().min(1).max(64);
const compactTime = z.string().regex(/^\d{14}$/, "must be yyyyMMddHHmmss (UTC)");

const fullOrder = z
  .object({
    orderId: id,
    orderType: z.enum(ORDER_TYPES),
    createTime: compactTime,
    orderLine: z
      .array(
        z
          .object({
            orderLineId: id,
            chargingMode: z.enum(CHARGING_MODES),
            expireTime: compactTime.optional(),
            periodType: z.string().max(16).optional(),
            periodNumber: z.number().int().optional(),
            productInfo: z
              .array(z.object({ productId: id, skuCode: id, linearValue: z.number().optional(), productName: z.string().max(256).optional() }).loose())
              .min(1),
            currency: z.string().max(64).optional(),
            currencyAfterDiscount: z.string().max(64).optional(),
          })
          .loose(),
      )
      .min(1)
      .max(30),
    // The marketplace answers nulls in buyerInfo; only customerId is needed (the buyer's account).
    buyerInfo: z.object({ customerId: id, customerName: z.string().max(256).nullable().optional() }).loose().optional(),
  })
  // Extra fields (extendParams …) are served back as given.
  .loose();

const shortOrder = z.strictObject({
  orderId: id,
  orderType: z.enum(ORDER_TYPES),
  chargingMode: z.enum(CHARGING_MODES),
  skuCode: id,
  /** Days until the lines' expireTime (negative: already expired); omitted = no expireTime. */
  validDays: z.number().int().min(-3650).max(3650).optional(),
  customerId: id.optional(),
  productId: id.optional(),
  lines: z.number().int().min(1).max(30).optional(),
  linearValue: z.number().min(0).max(1e9).optional(),
});

export type ShortMockOrder = z.infer<typeof shortOrder>;

export const faultsInput = z
  .strictObject({
    route: z.enum(["order", "usage"]),
    faults: z
      .array(z.string().refine(isFault, "must be a fault name or a documented MKT.* / APIGW.nnnn code"))
      .max(100)
      .optional(),
    latencyMs: z.number().int().min(0).max(60_000).optional(),
  })
  .refine((v) => v.faults !== undefined || v.latencyMs !== undefined, "give faults and/or latencyMs");

function problem(err: z.ZodError): string {
  return z.prettifyError(err).replace(/✖ /g, "").replace(/\n\s*/g, " ");
}

/** A MockOrder from a POST /__mock/orders body, or the reason it is not one. */
export function parseOrderInput(body: unknown, nowMs: number): { order: MockOrder } | { error: string } {
  if (typeof body !== "object" || body === null || Array.isArray(body)) return { error: "body must be a JSON object" };
  if ("orderLine" in body) {
    const full = fullOrder.safeParse(body);
    return full.success ? { order: full.data as MockOrder } : { error: `not a MockOrder: ${problem(full.error)}` };
  }
  const s = shortOrder.safeParse(body);
  if (!s.success) return { error: `not an order: ${problem(s.error)}` };
  const { orderId, orderType, chargingMode, skuCode, ...opts } = s.data;
  return { order: mockOrder(orderId, orderType, chargingMode, skuCode, nowMs, opts) };
}

export function parseFaultsInput(body: unknown): { route: "order" | "usage"; faults?: Fault[]; latencyMs?: number } | { error: string } {
  const f = faultsInput.safeParse(body);
  return f.success ? { ...f.data, faults: f.data.faults as Fault[] | undefined } : { error: problem(f.error) };
}

const instanceInput = z.strictObject({
  instanceId: id,
  kind: z.enum(["on-demand", "package"]),
  stopWhenUsedUp: z.boolean().optional(),
  onDemandInstanceId: id.optional(),
});

/** A MockInstance from a POST /__mock/instances body, or the reason it is not one. */
export function parseInstanceInput(body: unknown): MockInstance | { error: string } {
  const i = instanceInput.safeParse(body);
  return i.success ? i.data : { error: problem(i.error) };
}

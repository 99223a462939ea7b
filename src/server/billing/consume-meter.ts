/**
 * consumeMeter(): consume() for app code, with the meter checked against the catalog at compile
 * time (catalog-keys.ts). consume() itself takes any string — it validates at run time — so
 * callers with a meter from data (tests, scripts) still use it directly.
 *
 *   await consumeMeter(ctx.db, { instanceId, meter: "api_calls", amount: 1, idempotencyKey });
 */
import type { PrismaClient } from "~/generated/prisma/client";
import type { MeterKeyOf, ShippedCatalog } from "./catalog-keys";
import type { Catalog } from "./catalog-types";
import { consume, type ConsumeInput, type ConsumeResult } from "./consume";

export type MeterInput<C extends Catalog = ShippedCatalog> = Omit<ConsumeInput, "meter"> & { meter: MeterKeyOf<C> };

export function consumeMeter<C extends Catalog = ShippedCatalog>(prisma: PrismaClient, input: MeterInput<C>): Promise<ConsumeResult> {
  return consume(prisma, input);
}

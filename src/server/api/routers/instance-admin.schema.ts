/** Inputs and shared selects of the staff instance view (no credential ever leaves the server). */
import { z } from "zod";
import type { Prisma } from "~/generated/prisma/client";
import { zOffsetPage, zSearch, zWindow } from "./list-window";

export const ZInstanceListInput = z.object({
  status: z.enum(["ACTIVE", "FROZEN", "RELEASED"]).optional(),
  /** Part of the instance, order or line id, product or SKU, or of a bound tenant's name or code. */
  search: zSearch,
  /** createdAt in [from, to). */
  ...zWindow,
  includeTest: z.boolean().default(true),
  ...zOffsetPage,
});
export type InstanceListInput = z.input<typeof ZInstanceListInput>;

/** An instance's latest calls on its detail page. */
export const INSTANCE_RECENT_CALLS = 20;

export const ZInstanceDetailInput = z.object({ id: z.string().min(1).max(64) });

/** adminPasswordEnc is deliberately absent. */
export const instanceSelect = {
  id: true,
  orderId: true,
  orderLineId: true,
  productId: true,
  skuCode: true,
  chargingMode: true,
  /** The catalog plan chosen when the instance was created (src/server/billing). */
  planId: true,
  status: true,
  expireAt: true,
  isTest: true,
  adminUserName: true,
  createdAt: true,
  updatedAt: true,
  frozenAt: true,
  releasedAt: true,
} satisfies Prisma.InstanceSelect;

export const orderSelect = {
  activity: true,
  scene: true,
  orderId: true,
  orderLineId: true,
  productId: true,
  expireAt: true,
  isTest: true,
  appliedAt: true,
} satisfies Prisma.InstanceOrderSelect;

export const transitionSelect = {
  id: true,
  event: true,
  fromStatus: true,
  toStatus: true,
  accepted: true,
  reason: true,
  reasonCode: true,
  callId: true,
  createdAt: true,
} satisfies Prisma.InstanceTransitionSelect;

/** Inputs and shared selects of the staff instance view (no credential ever leaves the server). */
import { z } from "zod";
import type { Prisma } from "~/generated/prisma/client";

export const ZInstanceListInput = z.object({
  status: z.enum(["ACTIVE", "FROZEN", "RELEASED"]).optional(),
  search: z.string().trim().max(64).optional(),
  includeTest: z.boolean().default(true),
  limit: z.number().int().min(1).max(200).default(100),
});

export const ZInstanceDetailInput = z.object({ id: z.string().min(1).max(64) });

/** adminPasswordEnc is deliberately absent. */
export const instanceSelect = {
  id: true,
  orderId: true,
  orderLineId: true,
  productId: true,
  skuCode: true,
  chargingMode: true,
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
  callId: true,
  createdAt: true,
} satisfies Prisma.InstanceTransitionSelect;

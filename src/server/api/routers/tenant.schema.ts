/**
 * What the tenant home may show: explicit selects, so a new column (a secret, a billing field)
 * never reaches a customer by accident.
 */
import type { Prisma } from "~/generated/prisma/client";

export const meUserSelect = {
  userName: true,
  name: true,
  role: true,
  orgCode: true,
} as const satisfies Prisma.TenantUserSelect;

export const meInstanceSelect = {
  id: true,
  status: true,
  expireAt: true,
  isTest: true,
} as const satisfies Prisma.InstanceSelect;

/** Inputs and shared selects of the staff tenant directory (no secret ever leaves the server). */
import { z } from "zod";
import type { Prisma } from "~/generated/prisma/client";
import { zOffsetPage, zSearch, zWindow } from "./list-window";

export const ZTenantListInput = z.object({
  /** Part of the name, tenantId, tenant code, OneAccess domain, instance or order id. */
  search: zSearch,
  /** createdAt (first sync) in [from, to). */
  ...zWindow,
  includeDeleted: z.boolean().default(false),
  includeTest: z.boolean().default(true),
  ...zOffsetPage,
});
export type TenantListInput = z.input<typeof ZTenantListInput>;

export const ZTenantDetailInput = z.object({ tenantId: z.string().min(1).max(64) });

export const tenantSelect = {
  tenantId: true,
  tenantCode: true,
  name: true,
  domainName: true,
  instanceId: true,
  orderId: true,
  isTest: true,
  createdAt: true,
  updatedAt: true,
  deletedAt: true,
} satisfies Prisma.TenantSelect;

/** clientSecretEnc is deliberately absent: staff see that a secret exists, never its value. */
export const applicationSelect = {
  appId: true,
  clientId: true,
  instanceId: true,
  isTest: true,
  updatedAt: true,
  deletedAt: true,
} satisfies Prisma.ApplicationSelect;

export const departmentSelect = {
  orgCode: true,
  orgName: true,
  parentCode: true,
  removedAt: true,
} satisfies Prisma.DepartmentSelect;

export const userSelect = {
  userName: true,
  name: true,
  orgCode: true,
  role: true,
  enabled: true,
  position: true,
  employeeCode: true,
  mobile: true,
  email: true,
  deletedAt: true,
  updatedAt: true,
  grants: { select: { appId: true } },
} satisfies Prisma.TenantUserSelect;

export const instanceSummarySelect = {
  id: true,
  status: true,
  expireAt: true,
  productId: true,
  skuCode: true,
  isTest: true,
} satisfies Prisma.InstanceSelect;

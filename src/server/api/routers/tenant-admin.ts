/**
 * The staff view of 联营 tenants synced through the Kit: each tenant with its instance, app
 * credentials (secret presence only), department tree and users.
 */
import type { Prisma } from "~/generated/prisma/client";
import { createTRPCRouter, staffProcedure } from "~/server/api/trpc";
import { containsText, pageSlice, windowWhere } from "./list-window";
import { AppError } from "~/server/errors";
import {
  applicationSelect,
  departmentSelect,
  instanceSummarySelect,
  tenantSelect,
  userSelect,
  ZTenantDetailInput,
  ZTenantListInput,
} from "./tenant-admin.schema";

export interface DepartmentNode {
  orgCode: string;
  orgName: string;
  removed: boolean;
  children: DepartmentNode[];
}

/** Builds the tree from parentCode links; orphans (parent unknown) are shown as roots. */
export function departmentTree(rows: Array<{ orgCode: string; orgName: string; parentCode: string | null; removedAt: Date | null }>): DepartmentNode[] {
  const nodes = new Map(rows.map((r) => [r.orgCode, { orgCode: r.orgCode, orgName: r.orgName, removed: r.removedAt !== null, children: [] as DepartmentNode[] }]));
  const roots: DepartmentNode[] = [];
  for (const r of rows) {
    const node = nodes.get(r.orgCode)!;
    const parent = r.parentCode && r.parentCode !== r.orgCode ? nodes.get(r.parentCode) : undefined;
    (parent ? parent.children : roots).push(node);
  }
  const sort = (list: DepartmentNode[]) => {
    list.sort((a, b) => a.orgCode.localeCompare(b.orgCode));
    list.forEach((n) => sort(n.children));
    return list;
  };
  return sort(roots);
}

export const tenantAdminRouter = createTRPCRouter({
  list: staffProcedure.input(ZTenantListInput).query(async ({ ctx, input }) => {
    const text = input.search ? containsText(input.search) : undefined;
    const where: Prisma.TenantWhereInput = {
      createdAt: windowWhere(input),
      ...(input.includeDeleted ? {} : { deletedAt: null }),
      ...(input.includeTest ? {} : { isTest: false }),
      ...(text ? { OR: [{ name: text }, { tenantId: text }, { tenantCode: text }, { domainName: text }, { instanceId: text }, { orderId: text }] } : {}),
    };
    const [tenants, total] = await Promise.all([
      ctx.db.tenant.findMany({ where, select: tenantSelect, orderBy: [{ createdAt: "desc" }, { tenantId: "desc" }], ...pageSlice(input) }),
      ctx.db.tenant.count({ where }),
    ]);
    const ids = tenants.map((t) => t.tenantId);
    const [instances, users, apps] = await Promise.all([
      ctx.db.instance.findMany({ where: { id: { in: tenants.flatMap((t) => (t.instanceId ? [t.instanceId] : [])) } }, select: instanceSummarySelect }),
      ctx.db.tenantUser.groupBy({ by: ["tenantId"], where: { tenantId: { in: ids }, deletedAt: null }, _count: { _all: true } }),
      ctx.db.application.groupBy({ by: ["tenantId"], where: { tenantId: { in: ids }, deletedAt: null }, _count: { _all: true } }),
    ]);
    const inst = new Map(instances.map((i) => [i.id, i]));
    const userCount = new Map(users.map((u) => [u.tenantId, u._count._all]));
    const appCount = new Map(apps.map((a) => [a.tenantId, a._count._all]));
    const items = tenants.map((t) => ({
      ...t,
      instance: t.instanceId ? (inst.get(t.instanceId) ?? null) : null,
      userCount: userCount.get(t.tenantId) ?? 0,
      applicationCount: appCount.get(t.tenantId) ?? 0,
    }));
    return { items, total };
  }),

  detail: staffProcedure.input(ZTenantDetailInput).query(async ({ ctx, input }) => {
    const tenant = await ctx.db.tenant.findUnique({ where: { tenantId: input.tenantId }, select: tenantSelect });
    if (!tenant) throw new AppError("NOT_FOUND", `tenant ${input.tenantId}`);
    const [instance, applications, departments, users] = await Promise.all([
      tenant.instanceId ? ctx.db.instance.findUnique({ where: { id: tenant.instanceId }, select: instanceSummarySelect }) : null,
      ctx.db.application.findMany({ where: { tenantId: tenant.tenantId }, select: applicationSelect, orderBy: { appId: "asc" } }),
      ctx.db.department.findMany({ where: { tenantId: tenant.tenantId }, select: departmentSelect }),
      ctx.db.tenantUser.findMany({ where: { tenantId: tenant.tenantId }, select: userSelect, orderBy: { userName: "asc" }, take: 1000 }),
    ]);
    return {
      tenant,
      instance,
      applications: applications.map((a) => ({ ...a, hasSecret: true })),
      departments: departmentTree(departments),
      users: users.map(({ grants, ...u }) => ({ ...u, apps: grants.map((g) => g.appId) })),
    };
  }),
});

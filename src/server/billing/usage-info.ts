/**
 * queryInstance's usageInfo (docs/protocol/base-interface.md#queryinstance): for an on-demand instance its
 * cumulative billed usage; for a package instance one UsageInfo per metered item with the amount
 * used and relatedInstanceId = the on-demand instance billing that item. usageValue is a number
 * with at most 4 decimals, statisticalTime is yyyyMMddHHmmssSSS (UTC). Read-only.
 */
import type { PrismaClient } from "~/generated/prisma/client";
import { formatCompactUtc } from "~/koogallery/time";
import { sqlToUnits, unitsToNumber } from "./amounts";
import { PACKAGE_MODES } from "./catalog-types";
import { activeCatalog } from "./config";
import { planOf } from "./plan-view";

export interface UsageInfo {
  relatedInstanceId?: string;
  usageValue: number;
  statisticalTime: string;
}

interface InstanceRef {
  id: string;
  planId: string | null;
  accountKey: string | null;
}

export async function usageInfoFor(prisma: PrismaClient, instances: InstanceRef[], nowMs: number): Promise<Map<string, UsageInfo[]>> {
  const catalog = activeCatalog();
  const statisticalTime = formatCompactUtc(new Date(nowMs));
  const out = new Map<string, UsageInfo[]>();
  const onDemand = instances.filter((i) => planOf(catalog, i).plan.billingMode === "ON_DEMAND");
  const packages = instances.filter((i) => PACKAGE_MODES.has(planOf(catalog, i).plan.billingMode));

  if (onDemand.length) {
    const sums = await prisma.usageEntry.groupBy({
      by: ["billedInstanceId"],
      where: { billedInstanceId: { in: onDemand.map((i) => i.id) } },
      _sum: { amount: true },
    });
    const byId = new Map(sums.map((s) => [s.billedInstanceId, sqlToUnits(s._sum.amount?.toFixed(4))]));
    for (const i of onDemand) out.set(i.id, [{ usageValue: unitsToNumber(byId.get(i.id) ?? 0), statisticalTime }]);
  }

  if (packages.length) {
    const grants = await prisma.meterGrant.findMany({
      where: { sourceInstanceId: { in: packages.map((i) => i.id) }, kind: "PACKAGE" },
      select: { sourceInstanceId: true, meter: true, used: true },
      orderBy: { grantKey: "asc" },
    });
    const accountKeys = [...new Set(packages.map((i) => i.accountKey).filter((k): k is string => !!k))];
    const members = accountKeys.length
      ? await prisma.instance.findMany({
          where: { accountKey: { in: accountKeys }, status: { not: "RELEASED" } },
          select: { id: true, planId: true, accountKey: true },
          orderBy: { createdAt: "asc" },
        })
      : [];
    for (const p of packages) {
      const related = (meter: string) =>
        members.find((m) => m.accountKey === p.accountKey && planOf(catalog, m).plan.billingMode === "ON_DEMAND" && planOf(catalog, m).plan.billedMeter === meter)?.id;
      out.set(
        p.id,
        grants
          .filter((g) => g.sourceInstanceId === p.id)
          .map((g) => {
            const relatedInstanceId = related(g.meter);
            return { ...(relatedInstanceId ? { relatedInstanceId } : {}), usageValue: unitsToNumber(sqlToUnits(g.used.toFixed(4))), statisticalTime };
          }),
      );
    }
  }
  return out;
}

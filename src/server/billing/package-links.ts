/**
 * The instance ↔ package mapping of the usage push (PackageLink, docs/billing.md §6).
 *
 * The marketplace bills usage on an on-demand instance: instance_id is always "the on-demand
 * instance id from the on-demand purchase, never a package's". For 用完即停 the record also names
 * the package drawn down (relate_pkg_instance), which must belong to that instance. So each
 * 用完即停 package is linked, per meter, to the on-demand instance its usage is pushed under:
 *
 *   KOOGALLERY_STOP_PKG_INSTANCE=on-demand (default): the buyer's on-demand instance of the same
 *     product billing that meter (same account, not released, not a debug instance; the oldest
 *     live one). None yet → no link, and the usage is never pushed with the package id instead.
 *   KOOGALLERY_STOP_PKG_INSTANCE=package: the package is its own on-demand instance — for a
 *     product whose 用完即停 order creates no separate on-demand instance (check the seller console).
 *
 * A link, once written, does not change: records already sent under it must stay consistent.
 */
import type { Prisma, PrismaClient } from "~/generated/prisma/client";
import type { Catalog } from "./catalog-types";
import { activeCatalog } from "./config";
import { planOf } from "./plan-view";

type Db = PrismaClient | Prisma.TransactionClient;

export type LinkSource = "ON_DEMAND_INSTANCE" | "PACKAGE_ITSELF";

interface Candidate {
  id: string;
  status: string;
  planId: string | null;
  accountKey: string | null;
  isTest: boolean;
  createdAt: Date;
}

/**
 * The on-demand instance that carries `meter` for a package of `product` among an account's
 * instances: ON_DEMAND plan billing the meter, same product, not released, not a debug instance;
 * an ACTIVE one before a FROZEN one, then the oldest.
 */
export function onDemandInstanceFor(catalog: Catalog, members: Candidate[], product: string, meter: string): string | undefined {
  const fits = members.filter((m) => {
    if (m.status === "RELEASED" || m.isTest) return false;
    const { plan } = planOf(catalog, m);
    return plan.billingMode === "ON_DEMAND" && plan.billedMeter === meter && plan.product === product;
  });
  fits.sort((a, b) => Number(b.status === "ACTIVE") - Number(a.status === "ACTIVE") || a.createdAt.getTime() - b.createdAt.getTime() || (a.id < b.id ? -1 : 1));
  return fits[0]?.id;
}

/**
 * Writes the missing links for these (package, meter) pairs; returns how many were written.
 * Idempotent and safe to run concurrently (primary key, skipDuplicates).
 */
export async function linkPackages(
  db: Db,
  pairs: Array<{ packageInstanceId: string; meter: string }>,
  mode: "on-demand" | "package",
): Promise<number> {
  if (pairs.length === 0) return 0;
  const catalog = activeCatalog();
  const packageIds = [...new Set(pairs.map((p) => p.packageInstanceId))];
  const packages = await db.instance.findMany({
    where: { id: { in: packageIds } },
    select: { id: true, status: true, planId: true, accountKey: true, isTest: true, createdAt: true },
  });
  const byId = new Map(packages.map((p) => [p.id, p]));
  const accountKeys = [...new Set(packages.flatMap((p) => (p.accountKey ? [p.accountKey] : [])))];
  const members =
    mode === "on-demand" && accountKeys.length
      ? await db.instance.findMany({
          where: { accountKey: { in: accountKeys } },
          select: { id: true, status: true, planId: true, accountKey: true, isTest: true, createdAt: true },
        })
      : [];
  const data: Array<{ packageInstanceId: string; meter: string; onDemandInstanceId: string; source: LinkSource }> = [];
  for (const { packageInstanceId, meter } of pairs) {
    const pkg = byId.get(packageInstanceId);
    if (!pkg || pkg.isTest) continue;
    if (mode === "package") {
      data.push({ packageInstanceId, meter, onDemandInstanceId: packageInstanceId, source: "PACKAGE_ITSELF" });
      continue;
    }
    const product = planOf(catalog, pkg).plan.product;
    const carrier = onDemandInstanceFor(catalog, members.filter((m) => m.accountKey === pkg.accountKey), product, meter);
    if (carrier) data.push({ packageInstanceId, meter, onDemandInstanceId: carrier, source: "ON_DEMAND_INSTANCE" });
  }
  if (data.length === 0) return 0;
  const { count } = await db.packageLink.createMany({ data, skipDuplicates: true });
  return count;
}

/**
 * Setup & health: the first page staff see at /admin. One line per setting that can silently go
 * wrong between this app and the KooGallery seller console — OK, warning or problem, with the
 * fix in one sentence — the addresses to register, and what actually arrived. Data comes from the
 * staff-only setupAdmin.overview procedure (src/server/setup-health.ts); no secret reaches it.
 */
import type { Metadata } from "next";
import { api } from "~/trpc/server";
import { AREA_TITLES, CHECK_AREAS } from "~/server/setup-health";
import { CheckList } from "./overview/check-list";
import { TrafficCards } from "./overview/traffic-cards";
import { requireStaff } from "./require-staff";

export const metadata: Metadata = { title: "Setup & health" };

export default async function AdminOverview() {
  await requireStaff();
  const overview = await api.setupAdmin.overview();
  const { counts } = overview;

  return (
    <main>
      <h1 className="text-2xl font-bold">Setup &amp; health</h1>
      <p className="mt-1 text-sm text-slate-600">
        Keys, addresses and settings the KooGallery seller console depends on, and what has arrived. Times in UTC.{" "}
        <span className="font-medium">{overview.production ? "Production server." : "Development server: some checks are relaxed."}</span>
      </p>
      <p
        role={counts.problem > 0 ? "alert" : "status"}
        className={`mt-3 text-sm font-medium ${counts.problem > 0 ? "text-red-800" : counts.warn > 0 ? "text-amber-900" : "text-green-800"}`}
        data-testid="overview-counts"
      >
        {counts.problem} problem(s) · {counts.warn} warning(s) · {counts.ok} OK
      </p>

      <div className="mt-4 rounded-lg border border-blue-200 bg-blue-50 p-4" data-testid="production-address">
        <p className="text-xs font-semibold uppercase text-slate-500">Production address (生产系统接口地址)</p>
        <p className="mt-1 font-mono text-lg break-all select-all">{overview.productionAddress}</p>
        <p className="mt-2 text-xs font-semibold uppercase text-slate-500">Login callback URL (应用凭证)</p>
        <p className="mt-1 font-mono text-sm break-all select-all">{overview.loginCallbackUrl}</p>
      </div>

      <div className="mt-4">
        <TrafficCards overview={overview} />
      </div>

      {CHECK_AREAS.map((area) => (
        <CheckList key={area} area={area} title={AREA_TITLES[area]} checks={overview.checks.filter((c) => c.area === area)} />
      ))}
    </main>
  );
}

/**
 * Setup & health: the first page staff see at /admin. One line per setting that can silently go
 * wrong between this app and the KooGallery seller console — OK, warning or problem, with the
 * fix in one sentence — the addresses to register (with copy buttons), and what actually arrived.
 * Data comes from the staff-only setupAdmin.overview procedure (src/server/setup-health.ts); no
 * secret reaches it. Each check carries its texts as keys with parameters, worded here in the
 * console's language (i18n/admin/setup.ts).
 */
import type { Metadata } from "next";
import { getAdminI18n } from "~/i18n/server";
import { api } from "~/trpc/server";
import { CHECK_AREAS } from "~/server/setup-health";
import { Copyable, ZoneNote } from "./list-parts";
import { CheckList } from "./overview/check-list";
import { TrafficCards } from "./overview/traffic-cards";
import { requireStaff } from "./require-staff";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getAdminI18n();
  return { title: t("overview.title") };
}

export default async function AdminOverview() {
  await requireStaff();
  const { t } = await getAdminI18n();
  const overview = await api.setupAdmin.overview();
  const { counts } = overview;

  return (
    <main className="min-w-0">
      <h1 className="text-2xl font-bold">{t("overview.title")}</h1>
      <p className="mt-1 text-sm text-slate-600">
        {t("overview.intro")} <ZoneNote />{" "}
        <span className="font-medium">{overview.production ? t("overview.production") : t("overview.development")}</span>
      </p>
      <p
        role={counts.problem > 0 ? "alert" : "status"}
        className={`mt-3 text-sm font-medium ${counts.problem > 0 ? "text-red-800" : counts.warn > 0 ? "text-amber-900" : "text-green-800"}`}
        data-testid="overview-counts"
      >
        {t("overview.counts", { problem: counts.problem, warn: counts.warn, ok: counts.ok })}
      </p>

      <div className="mt-4 rounded-lg border border-blue-200 bg-blue-50 p-4" data-testid="production-address">
        <p className="text-xs font-semibold uppercase text-slate-500">{t("overview.productionAddress")}</p>
        <p className="mt-1 font-mono text-base sm:text-lg">
          <Copyable value={overview.productionAddress} testId="copy-production-address" />
        </p>
        <p className="mt-2 text-xs font-semibold uppercase text-slate-500">{t("overview.loginCallback")}</p>
        <p className="mt-1 font-mono text-sm">
          <Copyable value={overview.loginCallbackUrl} testId="copy-login-callback" />
        </p>
        <p className="mt-2 text-xs font-semibold uppercase text-slate-500">{t("overview.licenseAddress")}</p>
        <p className="mt-1 font-mono text-sm">
          <Copyable value={overview.licenseAddress} testId="copy-license-address" />
        </p>
      </div>

      <div className="mt-4">
        <TrafficCards overview={overview} t={t} />
      </div>

      {CHECK_AREAS.map((area) => (
        <CheckList key={area} area={area} title={t(`overview.area.${area}`)} checks={overview.checks.filter((c) => c.area === area)} t={t} />
      ))}
    </main>
  );
}

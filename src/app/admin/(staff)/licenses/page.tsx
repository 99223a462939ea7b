/**
 * Staff list of License codes (联营License 授权码): what the marketplace's callbacks and this app's
 * activations and heartbeats established about each code, newest first, with links to each code's
 * callbacks in the call log. Filters are in the query string (?status=…&q=…&hideTest=1).
 */
import type { Metadata } from "next";
import Link from "next/link";
import { getAdminI18n } from "~/i18n/server";
import { api } from "~/trpc/server";
import { LICENSE_CODE_STATUSES } from "~/server/api/routers/license-admin.schema";
import { AdminTime } from "../admin-time";
import { consoleOffsetMinutes } from "../console-offset";
import { DataTable, emptyOfPage, ExportLink, FilterForm, PageNav, StatusAndTestFilters, WindowFields, ZoneNote } from "../list-parts";
import type { RawSearchParams } from "../query-params";
import { requireStaff } from "../require-staff";
import { LicenseApiActions } from "./api-actions";
import { heartbeatClass, licenseCallsHref, licenseHref, STATUS_BADGE } from "./format";
import { openApiUnavailable } from "./open-api";
import { licenseListHref, licenseListInput, licenseListParams, parseLicenseListView } from "./search-params";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getAdminI18n();
  return { title: t("licenses.title") };
}

export default async function LicensesPage({ searchParams }: { searchParams: Promise<RawSearchParams> }) {
  await requireStaff();
  const { locale, t } = await getAdminI18n();
  const view = parseLicenseListView(await searchParams);
  const { items: rows, total } = await api.licenseAdmin.list(licenseListInput(view, consoleOffsetMinutes()));
  const filtered = Boolean(view.q || view.from || view.to || view.status || view.hideTest);
  const columns = [
    t("licenses.col.code"),
    t("licenses.col.status"),
    t("licenses.col.expires"),
    t("licenses.col.activated"),
    t("licenses.col.heartbeat"),
    t("licenses.col.callbacks"),
    t("licenses.col.refused"),
    t("licenses.col.product"),
  ];

  return (
    <main className="min-w-0">
      <h1 className="text-2xl font-bold">{t("licenses.title")}</h1>
      <p className="mt-1 text-sm text-slate-600">
        {t("licenses.intro")} <ZoneNote />
      </p>
      <section className="mt-4 rounded-lg border border-slate-200 bg-white p-4" aria-label={t("licenses.try")}>
        <h2 className="text-sm font-semibold">{t("licenses.try")}</h2>
        <p className="mb-2 text-xs text-slate-600">{t("licenses.tryHint")}</p>
        <LicenseApiActions unavailable={openApiUnavailable(await api.licenseAdmin.openApi(), locale)} />
      </section>
      <div className="mt-4">
        <FilterForm action="/admin/licenses" label={t("licenses.filterLabel")}>
          <WindowFields view={view} placeholder={t("licenses.searchPlaceholder")} />
          <StatusAndTestFilters
            statusLabel={t("licenses.status")}
            anyLabel={t("common.all")}
            statuses={LICENSE_CODE_STATUSES.map((s) => ({ value: s, label: t(`common.status.${s}`) }))}
            value={view.status}
            hideTest={view.hideTest}
            hideTestLabel={t("licenses.hideTest")}
          />
        </FilterForm>
      </div>
      <div className="mt-4 flex justify-end">
        <ExportLink list="licenses" params={licenseListParams(view)} />
      </div>
      <DataTable className="mt-2" columns={columns} testId="license-table" isEmpty={rows.length === 0} empty={emptyOfPage({ rows: rows.length, page: view.page, pageSize: view.size, total, firstPageHref: licenseListHref(view, 1) }, filtered ? t("licenses.noMatch") : t("licenses.empty"))} emptyTestId="no-licenses">
        <tbody>
          {rows.map((r) => (
            <tr key={r.license} className="border-t border-slate-100 align-top" data-testid="license-row" data-license={r.license}>
              <td className="max-w-56 px-3 py-2 font-mono text-xs [overflow-wrap:anywhere]">
                <Link href={licenseHref(r.license)} className="text-blue-700 underline">
                  {r.license}
                </Link>
                {r.isTest ? <span className="ml-2 rounded bg-amber-100 px-1.5 font-sans text-xs text-amber-800">{t("common.test")}</span> : null}
              </td>
              <td className="px-3 py-2">
                <span className={`rounded px-1.5 text-xs ${STATUS_BADGE[r.status]}`} data-testid="license-status" data-status={r.status}>
                  {t(`common.status.${r.status}`)}
                </span>
              </td>
              <td className="px-3 py-2 text-xs"><AdminTime at={r.expireAt} /></td>
              <td className="px-3 py-2 text-xs" data-testid="license-activated"><AdminTime at={r.activatedAt} /></td>
              <td className="px-3 py-2 text-xs" data-testid="license-heartbeat-cell">
                {r.lastHeartbeatAt ? (
                  <>
                    <span className={heartbeatClass(r.lastHeartbeatStatus)}>{r.lastHeartbeatStatus ?? r.lastHeartbeatCode}</span>
                    <div className="text-slate-500"><AdminTime at={r.lastHeartbeatAt} /></div>
                  </>
                ) : (
                  "—"
                )}
              </td>
              <td className="px-3 py-2 text-xs">
                <Link href={licenseCallsHref(r.license)} className="text-blue-700 underline" data-testid="license-callbacks">
                  {r.callbacks}
                </Link>
                {r.lastCallbackAt ? <div className="text-slate-500"><AdminTime at={r.lastCallbackAt} /></div> : null}
              </td>
              <td className="px-3 py-2 text-xs">{r.refusedTransitions > 0 ? <span className="text-red-700">{r.refusedTransitions}</span> : "0"}</td>
              <td className="max-w-48 px-3 py-2 font-mono text-xs [overflow-wrap:anywhere]">
                {r.productId ?? "—"}
                <br />
                {r.orderId ?? ""}
              </td>
            </tr>
          ))}
        </tbody>
      </DataTable>
      <PageNav page={view.page} pageSize={view.size} total={total} href={(p) => licenseListHref(view, p)} />
    </main>
  );
}

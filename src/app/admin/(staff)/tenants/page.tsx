/** Staff directory of 联营 tenants synced through the Kit (tenantSync & co). */
import type { Metadata } from "next";
import Link from "next/link";
import { getAdminI18n } from "~/i18n/server";
import { api } from "~/trpc/server";
import { AdminTime } from "../admin-time";
import { consoleOffsetMinutes } from "../console-offset";
import { instanceHref, tenantHref } from "../links";
import { DataTable, emptyOfPage, ExportLink, FilterForm, PageNav, WRAP_CELL, WindowFields, ZoneNote } from "../list-parts";
import type { RawSearchParams } from "../query-params";
import { requireStaff } from "../require-staff";
import { parseTenantListView, tenantListHref, tenantListInput, tenantListParams } from "./search-params";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getAdminI18n();
  return { title: t("tenants.title") };
}

export default async function TenantsPage({ searchParams }: { searchParams: Promise<RawSearchParams> }) {
  await requireStaff();
  const { t } = await getAdminI18n();
  const view = parseTenantListView(await searchParams);
  const { items, total } = await api.tenantAdmin.list(tenantListInput(view, consoleOffsetMinutes()));
  const filtered = Boolean(view.q || view.from || view.to);
  const columns = [t("tenants.col.tenant"), t("tenants.col.ids"), t("tenants.col.domain"), t("tenants.col.instance"), t("tenants.col.apps"), t("tenants.col.users"), t("tenants.col.synced")];

  return (
    <main className="min-w-0">
      <h1 className="text-2xl font-bold">{t("tenants.title")}</h1>
      <p className="mt-1 text-sm text-slate-600">
        {t("tenants.intro")} <ZoneNote />
      </p>
      <div className="mt-4">
        <FilterForm action="/admin/tenants" label={t("tenants.filterLabel")}>
          <WindowFields view={view} placeholder={t("tenants.searchPlaceholder")} />
          <label className="flex items-center gap-2 pb-2 text-sm">
            <input type="checkbox" name="deleted" value="1" defaultChecked={view.includeDeleted} /> {t("tenants.showDeleted")}
          </label>
        </FilterForm>
      </div>
      <div className="mt-4 flex justify-end">
        <ExportLink list="tenants" params={tenantListParams(view)} />
      </div>
      <DataTable className="mt-2" columns={columns} testId="tenant-table" isEmpty={items.length === 0} empty={emptyOfPage({ rows: items.length, page: view.page, pageSize: view.size, total, firstPageHref: tenantListHref(view, 1) }, filtered ? t("tenants.noMatch") : t("tenants.empty"))} emptyTestId="no-tenants">
        <tbody>
          {items.map((tn) => (
            <tr key={tn.tenantId} className="border-t border-slate-100 align-top" data-testid="tenant-row">
              <td className={`${WRAP_CELL} max-w-56 px-3 py-2 [overflow-wrap:anywhere]`}>
                {/* At least 8 characters a line on a phone; a very long name shows 3 lines, whole on hover. */}
                <Link className="line-clamp-3 font-medium text-blue-700 underline" href={tenantHref(tn.tenantId)} title={tn.name}>
                  {tn.name}
                </Link>
                {tn.isTest ? <span className="ml-2 rounded bg-amber-100 px-1.5 text-xs text-amber-800">{t("common.test")}</span> : null}
                {tn.deletedAt ? <span className="ml-2 rounded bg-red-100 px-1.5 text-xs text-red-800">{t("common.deleted")}</span> : null}
              </td>
              <td className="max-w-48 px-3 py-2 font-mono text-xs [overflow-wrap:anywhere]">
                {tn.tenantId}
                <br />
                {tn.tenantCode}
              </td>
              <td className="max-w-48 px-3 py-2 font-mono text-xs [overflow-wrap:anywhere]">{tn.domainName}</td>
              <td className="max-w-56 px-3 py-2 text-xs [overflow-wrap:anywhere]" data-testid="tenant-instance">
                {tn.instance ? (
                  <>
                    <Link href={instanceHref(tn.instance.id)} className="font-mono text-blue-700 underline">
                      {tn.instance.id}
                    </Link>
                    <br />
                    {t(`common.status.${tn.instance.status}`)}
                    {tn.instance.expireAt ? <> · {t("tenants.until")} <AdminTime at={tn.instance.expireAt} /></> : null}
                  </>
                ) : tn.instanceId ? (
                  <span className="text-amber-700">
                    {tn.instanceId} {t("tenants.notCreated")}
                  </span>
                ) : (
                  <span className="text-slate-400">—</span>
                )}
              </td>
              <td className="px-3 py-2">{tn.applicationCount}</td>
              <td className="px-3 py-2">{tn.userCount}</td>
              <td className="px-3 py-2 text-xs text-slate-600"><AdminTime at={tn.updatedAt} /></td>
            </tr>
          ))}
        </tbody>
      </DataTable>
      <PageNav page={view.page} pageSize={view.size} total={total} href={(p) => tenantListHref(view, p)} />
    </main>
  );
}

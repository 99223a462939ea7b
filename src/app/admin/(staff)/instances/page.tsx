/** Staff list of purchased instances (newInstance results), newest first, with tenant and plan. */
import type { Metadata } from "next";
import Link from "next/link";
import { getAdminI18n } from "~/i18n/server";
import { api } from "~/trpc/server";
import { AdminTime } from "../admin-time";
import { consoleOffsetMinutes } from "../console-offset";
import { instanceHref, tenantHref } from "../links";
import { DataTable, emptyOfPage, ExportLink, FilterForm, PageNav, StatusAndTestFilters, WRAP_CELL, WindowFields, ZoneNote } from "../list-parts";
import type { RawSearchParams } from "../query-params";
import { requireStaff } from "../require-staff";
import { INSTANCE_STATUSES, instanceListHref, instanceListInput, instanceListParams, parseInstanceListView } from "./search-params";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getAdminI18n();
  return { title: t("instances.title") };
}

const STATUS_BADGE: Record<string, string> = {
  ACTIVE: "bg-green-100 text-green-800",
  FROZEN: "bg-sky-100 text-sky-800",
  RELEASED: "bg-slate-200 text-slate-700",
};

export default async function InstancesPage({ searchParams }: { searchParams: Promise<RawSearchParams> }) {
  await requireStaff();
  const { t } = await getAdminI18n();
  const view = parseInstanceListView(await searchParams);
  const { items, total } = await api.instanceAdmin.list(instanceListInput(view, consoleOffsetMinutes()));
  const filtered = Boolean(view.q || view.from || view.to || view.status || view.hideTest);
  const columns = [
    t("instances.col.instance"),
    t("instances.col.tenant"),
    t("instances.col.plan"),
    t("instances.col.status"),
    t("instances.col.expires"),
    t("instances.col.order"),
    t("instances.col.product"),
    t("instances.col.refused"),
    t("instances.col.created"),
  ];

  return (
    <main className="min-w-0">
      <h1 className="text-2xl font-bold">{t("instances.title")}</h1>
      <p className="mt-1 text-sm text-slate-600">
        {t("instances.intro")} <ZoneNote />
      </p>
      <div className="mt-4">
        <FilterForm action="/admin/instances" label={t("instances.filterLabel")}>
          <WindowFields view={view} placeholder={t("instances.searchPlaceholder")} />
          <StatusAndTestFilters
            statusLabel={t("instances.status")}
            anyLabel={t("common.any")}
            statuses={INSTANCE_STATUSES.map((s) => ({ value: s, label: t(`common.status.${s}`) }))}
            value={view.status}
            hideTest={view.hideTest}
            hideTestLabel={t("instances.hideTest")}
          />
        </FilterForm>
      </div>
      <div className="mt-4 flex justify-end">
        <ExportLink list="instances" params={instanceListParams(view)} />
      </div>
      <DataTable className="mt-2" columns={columns} testId="instance-table" isEmpty={items.length === 0} empty={emptyOfPage({ rows: items.length, page: view.page, pageSize: view.size, total, firstPageHref: instanceListHref(view, 1) }, filtered ? t("instances.noMatch") : t("instances.empty"))} emptyTestId="no-instances">
        <tbody>
          {items.map((i) => (
            <tr key={i.id} className="border-t border-slate-100 align-top" data-testid="instance-row" data-instance-id={i.id}>
              <td className="max-w-56 px-3 py-2 font-mono text-xs [overflow-wrap:anywhere]">
                <Link href={instanceHref(i.id)} className="text-blue-700 underline">
                  {i.id}
                </Link>
                {i.isTest ? <span className="ml-2 rounded bg-amber-100 px-1.5 font-sans text-xs text-amber-800">{t("common.test")}</span> : null}
              </td>
              <td className={`${WRAP_CELL} px-3 py-2 text-xs`} data-testid="instance-tenant">
                {i.tenants.length
                  ? i.tenants.map((tn) => (
                      <div key={tn.tenantId}>
                        <Link href={tenantHref(tn.tenantId)} className={`text-blue-700 underline ${tn.deleted ? "line-through" : ""}`}>
                          {tn.name}
                        </Link>
                      </div>
                    ))
                  : "—"}
              </td>
              <td className="px-3 py-2 font-mono text-xs" data-testid="instance-plan">{i.planId ?? "—"}</td>
              <td className="px-3 py-2">
                <span className={`rounded px-1.5 text-xs ${STATUS_BADGE[i.status]}`}>{t(`common.status.${i.status}`)}</span>
              </td>
              <td className="px-3 py-2 text-xs"><AdminTime at={i.expireAt} /></td>
              <td className="max-w-48 px-3 py-2 font-mono text-xs [overflow-wrap:anywhere]">
                {i.orderId}
                <br />
                <span className="text-slate-500">{i.orderLineId}</span>
              </td>
              <td className="max-w-40 px-3 py-2 font-mono text-xs [overflow-wrap:anywhere]">
                {i.productId ?? "—"}
                <br />
                {i.skuCode ?? ""}
              </td>
              <td className="px-3 py-2 text-xs">{i.refusedTransitions > 0 ? <span className="text-red-700">{i.refusedTransitions}</span> : "0"}</td>
              <td className="px-3 py-2 text-xs text-slate-600"><AdminTime at={i.createdAt} /></td>
            </tr>
          ))}
        </tbody>
      </DataTable>
      <PageNav page={view.page} pageSize={view.size} total={total} href={(p) => instanceListHref(view, p)} />
    </main>
  );
}

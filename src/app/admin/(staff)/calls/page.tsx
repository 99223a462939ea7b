/**
 * Staff view of the marketplace call log, newest first. Search, date range, filters and the page
 * cursor are in the query string (see search-params.ts); data comes through the staff-only tRPC
 * procedure. The same view exports as CSV (/admin/export/calls).
 */
import type { Metadata } from "next";
import { getAdminI18n } from "~/i18n/server";
import { api } from "~/trpc/server";
import { consoleOffsetMinutes } from "../console-offset";
import { DataTable, ExportLink, Pager, ZoneNote } from "../list-parts";
import { requireStaff } from "../require-staff";
import { CallRow } from "./call-row";
import { CallLogFilters } from "./filters";
import { callLogHref, callLogInput, callLogParams, parseCallLogView, type RawSearchParams } from "./search-params";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getAdminI18n();
  return { title: t("calls.title") };
}

export default async function CallsPage({ searchParams }: { searchParams: Promise<RawSearchParams> }) {
  await requireStaff();
  const { locale, t } = await getAdminI18n();
  const view = parseCallLogView(await searchParams);
  const { items, nextCursor } = await api.callLog.list(callLogInput(view, consoleOffsetMinutes()));
  const columns = [t("calls.col.received"), t("calls.col.channel"), t("calls.col.activity"), t("calls.col.order"), t("calls.col.subject"), t("calls.col.result"), t("calls.col.latency"), ""];

  return (
    <main className="min-w-0">
      <h1 className="text-2xl font-bold">{t("calls.title")}</h1>
      <p className="mt-1 text-sm text-slate-600">
        {t("calls.intro")} <ZoneNote />
      </p>
      <div className="mt-4">
        <CallLogFilters view={view} />
      </div>
      <div className="mt-4 flex justify-end">
        <ExportLink list="calls" params={callLogParams(view)} />
      </div>
      <DataTable className="mt-2" columns={columns} isEmpty={items.length === 0} empty={t("calls.empty")} emptyTestId="no-calls">
        {items.map((call) => (
          <CallRow key={call.id} call={call} t={t} locale={locale} />
        ))}
      </DataTable>
      <Pager cursor={view.cursor} nextCursor={nextCursor} href={(cursor) => callLogHref({ ...view, cursor })} />
    </main>
  );
}

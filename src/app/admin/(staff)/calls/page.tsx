/**
 * Staff view of the marketplace call log, newest first. Filters and the page cursor are in
 * the query string (see search-params.ts); data comes through the staff-only tRPC procedure.
 */
import type { Metadata } from "next";
import { api } from "~/trpc/server";
import { DataTable, Pager } from "../list-parts";
import { requireStaff } from "../require-staff";
import { CallRow } from "./call-row";
import { CallLogFilters } from "./filters";
import { callLogHref, parseCallLogView, type RawSearchParams } from "./search-params";

export const metadata: Metadata = { title: "Call log" };

const PAGE_SIZE = 50;

const COLUMNS = ["Received", "Channel", "Activity", "Order / line", "Instance", "Result", "Latency", ""];

export default async function CallsPage({ searchParams }: { searchParams: Promise<RawSearchParams> }) {
  await requireStaff();
  const view = parseCallLogView(await searchParams);
  const { items, nextCursor } = await api.callLog.list({
    activity: view.activity,
    resultCode: view.resultCode,
    channel: view.channel,
    instanceId: view.instanceId,
    requestId: view.requestId,
    includeTest: !view.hideTest,
    cursor: view.cursor,
    limit: PAGE_SIZE,
  });

  return (
    <main>
      <h1 className="text-2xl font-bold">Marketplace call log</h1>
      <p className="mt-1 text-sm text-slate-600">
        Every call KooGallery made to this app, newest first. Secrets and personal data in bodies are redacted.
      </p>
      <div className="mt-4">
        <CallLogFilters view={view} />
      </div>
      <DataTable className="mt-6" columns={COLUMNS} isEmpty={items.length === 0} empty="No calls match these filters." emptyTestId="no-calls">
        {items.map((call) => (
          <CallRow key={call.id} call={call} />
        ))}
      </DataTable>
      <Pager cursor={view.cursor} nextCursor={nextCursor} href={(cursor) => callLogHref({ ...view, cursor })} />
    </main>
  );
}

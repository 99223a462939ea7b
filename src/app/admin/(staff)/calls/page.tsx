/**
 * Staff view of the marketplace call log, newest first. Filters and the page cursor are in
 * the query string (see search-params.ts); data comes through the staff-only tRPC procedure.
 */
import type { Metadata } from "next";
import Link from "next/link";
import { api } from "~/trpc/server";
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
      <div className="mt-6 overflow-x-auto rounded-lg border border-slate-200 bg-white">
        <table className="min-w-full text-left text-sm">
          <thead className="bg-slate-100 text-xs uppercase text-slate-600">
            <tr>
              {COLUMNS.map((c, i) => (
                <th key={i} className="px-3 py-2 font-semibold">
                  {c}
                </th>
              ))}
            </tr>
          </thead>
          {items.map((call) => (
            <CallRow key={call.id} call={call} />
          ))}
        </table>
        {items.length === 0 ? (
          <p className="px-3 py-8 text-center text-sm text-slate-500" data-testid="no-calls">
            No calls match these filters.
          </p>
        ) : null}
      </div>
      <nav className="mt-4 flex gap-4 text-sm">
        {view.cursor ? (
          <Link className="text-blue-700 underline" href={callLogHref({ ...view, cursor: undefined })}>
            ← Newest
          </Link>
        ) : null}
        {nextCursor ? (
          <Link className="text-blue-700 underline" href={callLogHref({ ...view, cursor: nextCursor })}>
            Older →
          </Link>
        ) : null}
      </nav>
    </main>
  );
}

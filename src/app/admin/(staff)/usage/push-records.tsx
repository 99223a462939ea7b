/**
 * The usage push outbox: what was (or will be) sent for each billed instance, package, meter and
 * hour, and what the marketplace answered last. FAILED rows carry a Retry button.
 */
import Link from "next/link";
import type { RouterOutputs } from "~/trpc/types";
import { PUSH_STATUSES } from "~/server/api/routers/usage-admin.schema";
import { DataTable, fieldClass, FilterForm } from "../list-parts";
import { badgeClass, hourRange, utc } from "./format";
import { RetryButton } from "./retry-button";
import type { UsageView } from "./search-params";

type PushRecord = RouterOutputs["usageAdmin"]["pushRecords"]["items"][number];

const COLUMNS = ["Hour", "metering_sn", "Instance / package", "Meter", "Usage", "Status", "Attempts", "Next attempt", "Last answer", "Sent", ""];

export function PushRecordFilters({ view }: { view: UsageView }) {
  return (
    <FilterForm action="/admin/usage" label="Filter push records">
      <label className="text-sm">
        Status
        <select name="status" defaultValue={view.status ?? ""} className={fieldClass}>
          <option value="">All</option>
          {PUSH_STATUSES.map((s) => (
            <option key={s} value={s}>
              {s}
            </option>
          ))}
        </select>
      </label>
      <label className="text-sm">
        Instance
        <input name="instance" defaultValue={view.instance} placeholder="billed or package instance id" className={`${fieldClass} w-72 font-mono`} />
      </label>
    </FilterForm>
  );
}

function LastAnswer({ r }: { r: PushRecord }) {
  if (!r.lastError && !r.lastResultCode) return <span className="text-slate-400">{r.attempts === 0 ? "not tried yet" : "—"}</span>;
  return (
    <div className="max-w-xs text-xs">
      <div className="font-mono">
        {r.lastHttpStatus !== null ? `HTTP ${r.lastHttpStatus}` : null}
        {r.lastHttpStatus !== null && r.lastResultCode ? " · " : null}
        {r.lastResultCode}
      </div>
      {r.lastError ? <div className="mt-0.5 break-words text-slate-600">{r.lastError}</div> : null}
    </div>
  );
}

export function PushRecordTable({ items }: { items: PushRecord[] }) {
  return (
    <DataTable
      columns={COLUMNS}
      testId="push-record-table"
      isEmpty={items.length === 0}
      empty="No usage records match. Records appear here once an hour of billed usage has closed."
      emptyTestId="no-push-records"
    >
      <tbody>
        {items.map((r) => (
          <tr key={r.id} className="border-t border-slate-100 align-top" data-testid="push-record-row" data-status={r.status}>
            <td className="whitespace-nowrap px-3 py-2 text-xs">
              {hourRange(r.hourStart, r.hourEnd)}
              {r.seq > 1 ? <div className="text-slate-500">supplementary #{r.seq}</div> : null}
            </td>
            <td className="px-3 py-2 font-mono text-xs break-all">{r.meteringSn}</td>
            <td className="px-3 py-2 font-mono text-xs">
              <Link className="text-blue-700 underline" href={`/admin/instances/${encodeURIComponent(r.instanceId)}`}>
                {r.instanceId}
              </Link>
              {r.packageInstanceId ? <div className="text-slate-500">pkg {r.packageInstanceId}</div> : null}
            </td>
            <td className="px-3 py-2">{r.meter}</td>
            <td className="px-3 py-2 text-right font-mono">{r.usageValue}</td>
            <td className="px-3 py-2">
              <span className={badgeClass(r.status)}>{r.status}</span>
              {r.leaseUntil && r.status === "PENDING" ? <div className="mt-1 text-xs text-slate-500">claimed until {utc(r.leaseUntil)}</div> : null}
            </td>
            <td className="px-3 py-2 text-right">{r.attempts}</td>
            <td className="whitespace-nowrap px-3 py-2 text-xs">{r.status === "PENDING" ? utc(r.nextAttemptAt) : "—"}</td>
            <td className="px-3 py-2">
              <LastAnswer r={r} />
            </td>
            <td className="whitespace-nowrap px-3 py-2 text-xs">{utc(r.sentAt)}</td>
            <td className="px-3 py-2">{r.status === "FAILED" ? <RetryButton id={r.id} meteringSn={r.meteringSn} /> : null}</td>
          </tr>
        ))}
      </tbody>
    </DataTable>
  );
}

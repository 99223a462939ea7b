/**
 * The usage push outbox: what was (or will be) sent for each instance, 用完即停 package, meter and
 * hour — with the begin/end window actually sent — and what the marketplace answered last. Dead
 * letters (FAILED) that can still be billed carry a Re-queue button.
 */
import Link from "next/link";
import type { RouterOutputs } from "~/trpc/types";
import { PUSH_STATUSES } from "~/server/api/routers/usage-admin.schema";
import { DataTable, fieldClass, FilterForm } from "../list-parts";
import { badgeClass, hourRange, utc } from "./format";
import { RequeueButton } from "./requeue-button";
import type { UsageView } from "./search-params";

type PushRecord = RouterOutputs["usageAdmin"]["pushRecords"]["items"][number];

const COLUMNS = ["Hour", "metering_sn", "Instance / package", "Meter", "Usage", "Status", "Attempts", "Next attempt", "Last answer", "Sent", ""];

/** instance_id (a link), or why there is none yet; then relate_pkg_instance. */
export function InstanceCell({ r }: { r: Pick<PushRecord, "instanceId" | "packageInstanceId"> }) {
  return (
    <>
      {r.instanceId ? (
        <Link className="text-blue-700 underline" href={`/admin/instances/${encodeURIComponent(r.instanceId)}`}>
          {r.instanceId}
        </Link>
      ) : (
        <span className="text-red-700">no on-demand instance</span>
      )}
      {r.packageInstanceId ? <div className="text-slate-500">pkg {r.packageInstanceId}</div> : null}
    </>
  );
}

/** The window sent as begin_time–end_time (differs from the hour for a second record of one instance). */
export function WindowCell({ r }: { r: Pick<PushRecord, "hourStart" | "hourEnd" | "beginTime" | "endTime" | "seq"> }) {
  const shifted = r.endTime && r.endTime.getTime() !== r.hourEnd.getTime();
  return (
    <>
      {hourRange(r.hourStart, r.hourEnd)}
      {r.seq > 1 ? <div className="text-slate-500">supplementary #{r.seq}</div> : null}
      {shifted ? <div className="text-slate-500">sent as …–{utc(r.endTime).slice(11)}</div> : null}
    </>
  );
}

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

export function LastAnswer({ r }: { r: Pick<PushRecord, "lastError" | "lastResultCode" | "lastHttpStatus" | "attempts" | "answerMeaning"> }) {
  if (!r.lastError && !r.lastResultCode) return <span className="text-slate-400">{r.attempts === 0 ? "not tried yet" : "—"}</span>;
  return (
    <div className="max-w-xs text-xs">
      <div className="font-mono">
        {r.lastHttpStatus !== null ? `HTTP ${r.lastHttpStatus}` : null}
        {r.lastHttpStatus !== null && r.lastResultCode ? " · " : null}
        {r.lastResultCode}
      </div>
      {r.answerMeaning ? <div className="text-slate-600">{r.answerMeaning}</div> : null}
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
              <WindowCell r={r} />
            </td>
            <td className="px-3 py-2 font-mono text-xs break-all">{r.meteringSn}</td>
            <td className="px-3 py-2 font-mono text-xs">
              <InstanceCell r={r} />
            </td>
            <td className="px-3 py-2">{r.meter}</td>
            <td className="px-3 py-2 text-right font-mono">{r.usageValue}</td>
            <td className="px-3 py-2">
              <span className={badgeClass(r.status)}>{r.status}</span>
              {r.deadReason ? <div className="mt-1 text-xs text-red-800">{r.deadReason}</div> : null}
              {r.leaseUntil && r.status === "PENDING" ? <div className="mt-1 text-xs text-slate-500">claimed until {utc(r.leaseUntil)}</div> : null}
            </td>
            <td className="px-3 py-2 text-right">{r.attempts}</td>
            <td className="whitespace-nowrap px-3 py-2 text-xs">{r.status === "PENDING" ? utc(r.nextAttemptAt) : "—"}</td>
            <td className="px-3 py-2">
              <LastAnswer r={r} />
            </td>
            <td className="whitespace-nowrap px-3 py-2 text-xs">{utc(r.sentAt)}</td>
            <td className="px-3 py-2">{r.status === "FAILED" && !r.notRequeueable ? <RequeueButton id={r.id} meteringSn={r.meteringSn} /> : null}</td>
          </tr>
        ))}
      </tbody>
    </DataTable>
  );
}

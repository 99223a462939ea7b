/**
 * The usage push outbox: what was (or will be) sent for each instance, 用完即停 package, meter and
 * hour — with the begin/end window actually sent — and what the marketplace answered last. Dead
 * letters (FAILED) that can still be billed carry a Re-queue button.
 */
import Link from "next/link";
import type { RouterOutputs } from "~/trpc/types";
import { AdminTime } from "../admin-time";
import { PUSH_STATUSES } from "~/server/api/routers/usage-admin.schema";
import type { AdminTranslate } from "~/i18n/admin/dictionary";
import { rich } from "~/i18n/rich";
import { getAdminI18n } from "~/i18n/server";
import { DataTable, fieldClass, FilterForm, labelClass, WindowFields } from "../list-parts";
import { instanceHref } from "../links";
import { badgeClass, mktMeaning } from "./format";
import { RequeueButton } from "./requeue-button";
import type { UsageView } from "./search-params";

type PushRecord = RouterOutputs["usageAdmin"]["pushRecords"]["items"][number];


/** instance_id (a link), or why there is none yet; then relate_pkg_instance. */
export function InstanceCell({ r, t }: { r: Pick<PushRecord, "instanceId" | "packageInstanceId">; t: AdminTranslate }) {
  return (
    <>
      {r.instanceId ? (
        <Link className="text-blue-700 underline" href={instanceHref(r.instanceId)}>
          {r.instanceId}
        </Link>
      ) : (
        <span className="font-sans text-red-700">{t("usage.noOnDemand")}</span>
      )}
      {r.packageInstanceId ? <div className="text-slate-500">{t("usage.pkg", { id: r.packageInstanceId })}</div> : null}
    </>
  );
}

/** The window sent as begin_time–end_time (differs from the hour for a second record of one instance). */
export function WindowCell({ r, t }: { r: Pick<PushRecord, "hourStart" | "hourEnd" | "beginTime" | "endTime" | "seq">; t: AdminTranslate }) {
  const shifted = r.endTime && r.endTime.getTime() !== r.hourEnd.getTime();
  return (
    <>
      <AdminTime at={r.hourStart} /> {t("usage.hourPlusOne")}
      {r.seq > 1 ? <div className="text-slate-500">{t("usage.supplementary", { seq: r.seq })}</div> : null}
      {shifted ? <div className="text-slate-500">{rich(t("usage.sentAs"), { at: <AdminTime at={r.endTime} /> })}</div> : null}
    </>
  );
}

export async function PushRecordFilters({ view }: { view: UsageView }) {
  const { t } = await getAdminI18n();
  return (
    <FilterForm action="/admin/usage" label={t("usage.filterRecords")}>
      <WindowFields view={view} placeholder={t("usage.searchRecords")} />
      <label className={labelClass}>
        {t("usage.status")}
        <select name="status" defaultValue={view.status ?? ""} className={fieldClass}>
          <option value="">{t("common.all")}</option>
          {PUSH_STATUSES.map((s) => (
            <option key={s} value={s}>
              {s}
            </option>
          ))}
        </select>
      </label>
      <label className={labelClass}>
        {t("usage.instance")}
        <input name="instance" defaultValue={view.instance} placeholder={t("usage.instancePlaceholder")} className={`${fieldClass} font-mono sm:w-72`} />
      </label>
    </FilterForm>
  );
}

export function LastAnswer({ r, t }: { r: Pick<PushRecord, "lastError" | "lastResultCode" | "lastHttpStatus" | "attempts" | "answerMeaning">; t: AdminTranslate }) {
  if (!r.lastError && !r.lastResultCode) return <span className="text-slate-400">{r.attempts === 0 ? t("usage.notTried") : "—"}</span>;
  return (
    <div className="min-w-48 max-w-xs whitespace-normal text-xs">
      <div className="font-mono">
        {r.lastHttpStatus !== null ? `HTTP ${r.lastHttpStatus}` : null}
        {r.lastHttpStatus !== null && r.lastResultCode ? " · " : null}
        {r.lastResultCode}
      </div>
      {r.answerMeaning ? <div className="text-slate-600">{mktMeaning(t, r.lastResultCode, r.answerMeaning)}</div> : null}
      {/* The marketplace's (or the network's) own words, as received. */}
      {r.lastError ? <div className="mt-0.5 break-words text-slate-600" data-i18n-exempt="marketplace answer">{r.lastError}</div> : null}
    </div>
  );
}

export async function PushRecordTable({ items }: { items: PushRecord[] }) {
  const { t } = await getAdminI18n();
  const columns = [t("usage.col.hour"), "metering_sn", t("usage.col.instance"), t("usage.col.meter"), t("usage.col.usage"), t("usage.col.status"), t("usage.col.attempts"), t("usage.col.next"), t("usage.col.answer"), t("usage.col.sent"), ""];
  return (
    <DataTable
      columns={columns}
      testId="push-record-table"
      isEmpty={items.length === 0}
      empty={t("usage.emptyRecords")}
      emptyTestId="no-push-records"
    >
      <tbody>
        {items.map((r) => (
          <tr key={r.id} className="border-t border-slate-100 align-top" data-testid="push-record-row" data-status={r.status}>
            <td className="whitespace-nowrap px-3 py-2 text-xs">
              <WindowCell r={r} t={t} />
            </td>
            <td className="px-3 py-2 font-mono text-xs break-all">{r.meteringSn}</td>
            <td className="max-w-56 px-3 py-2 font-mono text-xs [overflow-wrap:anywhere]">
              <InstanceCell r={r} t={t} />
            </td>
            <td className="px-3 py-2">{r.meter}</td>
            <td className="px-3 py-2 text-right font-mono">{r.usageValue}</td>
            <td className="px-3 py-2">
              <span className={badgeClass(r.status)}>{r.status}</span>
              {r.deadReason ? <div className="mt-1 text-xs text-red-800">{r.deadReason}</div> : null}
              {r.leaseUntil && r.status === "PENDING" ? <div className="mt-1 text-xs text-slate-500">{rich(t("usage.claimedUntil"), { at: <AdminTime at={r.leaseUntil} /> })}</div> : null}
            </td>
            <td className="px-3 py-2 text-right">{r.attempts}</td>
            <td className="whitespace-nowrap px-3 py-2 text-xs">{r.status === "PENDING" ? <AdminTime at={r.nextAttemptAt} /> : "—"}</td>
            <td className="px-3 py-2">
              <LastAnswer r={r} t={t} />
            </td>
            <td className="whitespace-nowrap px-3 py-2 text-xs"><AdminTime at={r.sentAt} /></td>
            <td className="px-3 py-2">{r.status === "FAILED" && !r.notRequeueable ? <RequeueButton id={r.id} meteringSn={r.meteringSn} /> : null}</td>
          </tr>
        ))}
      </tbody>
    </DataTable>
  );
}

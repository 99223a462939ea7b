/**
 * The dead letters: usage records that will not be sent on their own — refused by the marketplace,
 * too old to bill, a debug instance's, a 用完即停 package without an on-demand instance, or given
 * up after too many unclear answers. Each shows why, the marketplace's last answer, who re-queued
 * it before and when, and a Re-queue button when the record can still be billed.
 */
import type { RouterOutputs } from "~/trpc/types";
import { AdminTime } from "../admin-time";
import { DEAD_REASONS, type DeadReason } from "~/server/api/routers/usage-admin.schema";
import type { AdminTranslate } from "~/i18n/admin/dictionary";
import { rich } from "~/i18n/rich";
import { getAdminI18n } from "~/i18n/server";
import { DataTable, FilterForm, WRAP_CELL, WindowFields, fieldClass, labelClass } from "../list-parts";
import { InstanceCell, LastAnswer, WindowCell } from "./push-records";
import { RequeueButton } from "./requeue-button";
import type { UsageView } from "./search-params";

type DeadLetter = RouterOutputs["usageAdmin"]["deadLetters"]["items"][number];

export async function DeadLetterFilters({ view }: { view: UsageView }) {
  const { t } = await getAdminI18n();
  return (
    <FilterForm action="/admin/usage" label={t("usage.filterDead")} resetHref="/admin/usage?tab=dead">
      <input type="hidden" name="tab" value="dead" />
      <WindowFields view={view} placeholder={t("usage.searchRecords")} />
      <label className={labelClass}>
        {t("usage.reason")}
        <select name="reason" defaultValue={view.reason ?? ""} className={fieldClass}>
          <option value="">{t("common.all")}</option>
          {DEAD_REASONS.map((r) => (
            <option key={r} value={r}>
              {r}
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

function Requeues({ r, t }: { r: DeadLetter; t: AdminTranslate }) {
  if (r.requeues.length === 0) return <span className="text-slate-400">{t("usage.requeue.never")}</span>;
  return (
    <ul className="text-xs" data-testid="requeue-history">
      {r.requeues.map((q) => (
        <li key={q.id}>
          {rich(t("usage.requeue.by"), { name: <span className="font-medium">{q.requeuedBy}</span>, at: <AdminTime at={q.requeuedAt} /> })}
          {q.deadReason ? <span className="text-slate-500"> {t("usage.requeue.was", { reason: q.deadReason })}</span> : null}
        </li>
      ))}
    </ul>
  );
}

/** What a dead-letter reason means and what to do about it. */
function reasonText(t: AdminTranslate, reason: string): string {
  return (DEAD_REASONS as readonly string[]).includes(reason) ? t(`usage.dead.${reason as DeadReason}`) : "";
}

export async function DeadLetterTable({ items }: { items: DeadLetter[] }) {
  const { t } = await getAdminI18n();
  const columns = [t("usage.col.deadSince"), t("usage.col.reason"), t("usage.col.hour"), "metering_sn", t("usage.col.instance"), t("usage.col.meter"), t("usage.col.usage"), t("usage.col.marketAnswer"), t("usage.col.requeued"), ""];
  return (
    <DataTable columns={columns} testId="dead-letter-table" isEmpty={items.length === 0} empty={t("usage.emptyDead")} emptyTestId="no-dead-letters">
      <tbody>
        {items.map((r) => (
          <tr key={r.id} className="border-t border-slate-100 align-top" data-testid="dead-letter-row" data-reason={r.deadReason ?? ""}>
            <td className="whitespace-nowrap px-3 py-2 text-xs"><AdminTime at={r.deadAt} /></td>
            <td className={`${WRAP_CELL} max-w-xs px-3 py-2 text-xs`}>
              <div className="font-mono font-medium text-red-800">{r.deadReason ?? "—"}</div>
              {r.deadReason ? <div className="mt-0.5 text-slate-600">{reasonText(t, r.deadReason)}</div> : null}
            </td>
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
              <LastAnswer r={r} t={t} />
            </td>
            <td className="px-3 py-2">
              <Requeues r={r} t={t} />
            </td>
            <td className="px-3 py-2">
              {r.notRequeueable ? <span className="text-xs text-slate-500">{t(`usage.notRequeueable.${r.notRequeueable}`)}</span> : <RequeueButton id={r.id} meteringSn={r.meteringSn} />}
            </td>
          </tr>
        ))}
      </tbody>
    </DataTable>
  );
}

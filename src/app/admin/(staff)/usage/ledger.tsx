/**
 * The usage ledger (one row per part of a debit) and, for one account, its balances: packages
 * and monthly allowances in the order consume() draws them.
 */
import Link from "next/link";
import type { RouterOutputs } from "~/trpc/types";
import { AdminTime } from "../admin-time";
import { adminMessageKey, type AdminTranslate } from "~/i18n/admin/dictionary";
import { rich } from "~/i18n/rich";
import { getAdminI18n } from "~/i18n/server";
import { DataTable, fieldClass, FilterForm, labelClass, WindowFields } from "../list-parts";
import { badgeClass } from "./format";
import { instanceHref } from "../links";
import { usageHref, type UsageView } from "./search-params";

type LedgerEntry = RouterOutputs["usageAdmin"]["ledger"]["items"][number];
type Grant = RouterOutputs["usageAdmin"]["grants"][number];

const inputClass = `${fieldClass} font-mono`;

export async function LedgerFilters({ view }: { view: UsageView }) {
  const { t } = await getAdminI18n();
  return (
    <FilterForm action="/admin/usage" label={t("usage.filterLedger")} resetHref={usageHref({ tab: "ledger" })}>
      <input type="hidden" name="tab" value="ledger" />
      <WindowFields view={view} placeholder={t("usage.searchLedger")} />
      <label className={labelClass}>
        {t("usage.account")}
        <input name="account" defaultValue={view.account} placeholder={t("usage.accountPlaceholder")} className={`${inputClass} sm:w-80`} />
      </label>
      <label className={labelClass}>
        {t("usage.instance")}
        <input name="instance" defaultValue={view.instance} placeholder={t("usage.instancePlaceholder")} className={`${inputClass} sm:w-72`} />
      </label>
    </FilterForm>
  );
}


function PushCell({ e, t }: { e: LedgerEntry; t: AdminTranslate }) {
  if (!e.pushRecord) return <span className="text-xs text-slate-500">{e.pushState === "AGGREGATED" ? "" : t(`usage.push.${e.pushState}`)}</span>;
  return (
    <div className="text-xs">
      <span className={badgeClass(e.pushRecord.status)}>{e.pushRecord.status}</span>
      <div className="mt-1 font-mono break-all text-slate-600">{e.pushRecord.meteringSn}</div>
    </div>
  );
}

export async function LedgerTable({ items }: { items: LedgerEntry[] }) {
  const { t } = await getAdminI18n();
  const columns = [t("usage.col.when"), t("usage.col.entry"), t("usage.col.account"), t("usage.instance"), t("usage.col.meter"), t("usage.col.amount"), t("usage.col.billed"), t("usage.col.pushRecord")];
  return (
    <DataTable columns={columns} testId="ledger-table" isEmpty={items.length === 0} empty={t("usage.emptyLedger")} emptyTestId="no-ledger-entries">
      <tbody>
        {items.map((e) => (
          <tr key={e.id} className="border-t border-slate-100 align-top" data-testid="ledger-row">
            <td className="whitespace-nowrap px-3 py-2 text-xs"><AdminTime at={e.createdAt} /></td>
            <td className="px-3 py-2 font-mono text-xs">
              #{e.id}
              <div className="text-slate-500">{e.debitId}</div>
            </td>
            <td className="px-3 py-2 font-mono text-xs break-all">
              <Link className="text-blue-700 underline" href={usageHref({ tab: "ledger", account: e.accountKey })}>
                {e.accountKey}
              </Link>
            </td>
            <td className="max-w-48 px-3 py-2 font-mono text-xs [overflow-wrap:anywhere]">
              <Link className="text-blue-700 underline" href={instanceHref(e.instanceId)}>
                {e.instanceId}
              </Link>
            </td>
            <td className="px-3 py-2">{e.meter}</td>
            <td className="px-3 py-2 text-right font-mono">{e.amount}</td>
            <td className="max-w-48 px-3 py-2 font-mono text-xs [overflow-wrap:anywhere]">
              {e.billedInstanceId ? (
                <Link className="text-blue-700 underline" href={instanceHref(e.billedInstanceId)}>
                  {e.billedInstanceId}
                </Link>
              ) : (
                <span className="font-sans text-slate-400">—</span>
              )}
              {e.packageInstanceId ? <div className="text-slate-500">{t("usage.pkg", { id: e.packageInstanceId })}</div> : null}
            </td>
            <td className="px-3 py-2">
              <PushCell e={e} t={t} />
            </td>
          </tr>
        ))}
      </tbody>
    </DataTable>
  );
}

const GRANT_STATE: Record<Grant["state"], string> = {
  DRAWABLE: "bg-green-100 text-green-800",
  USED_UP: "bg-red-100 text-red-800",
  EXPIRED: "bg-slate-200 text-slate-700",
  NOT_YET_VALID: "bg-sky-100 text-sky-800",
  SOURCE_INACTIVE: "bg-amber-100 text-amber-900",
};

const GRANT_COLUMNS = ["meter", "kind", "source", "quota", "used", "remaining", "validFrom", "validUntil", "state"] as const;

export async function GrantTable({ accountKey, grants }: { accountKey: string; grants: Grant[] }) {
  const { t } = await getAdminI18n();
  const kindLabel = (kind: string) => (kind === "PACKAGE" || kind === "ALLOWANCE" ? t(`usage.grantKind.${kind}`) : kind);
  return (
    <section aria-label={t("usage.balances")} className="mt-6">
      <h2 className="text-lg font-semibold">{rich(t("usage.balancesOf"), { account: <span className="font-mono text-base">{accountKey}</span> })}</h2>
      <p className="text-xs text-slate-600">{t("usage.balancesIntro")}</p>
      <DataTable
        className="mt-2"
        columns={GRANT_COLUMNS.map((c) => t(`usage.grant.${c}`))}
        testId="grant-table"
        isEmpty={grants.length === 0}
        empty={t("usage.noGrants")}
        emptyTestId="no-grants"
      >
        <tbody>
          {grants.map((g) => (
            <tr key={g.id} className="border-t border-slate-100" title={g.grantKey}>
              <td className="px-3 py-2">{g.meter}</td>
              <td className="px-3 py-2 text-xs">{kindLabel(g.kind)}</td>
              <td className="px-3 py-2 font-mono text-xs">
                {g.sourceInstanceId}
                {g.sourceInstanceStatus && g.sourceInstanceStatus !== "ACTIVE" ? <span className="ml-1 font-sans text-slate-500">({translateStatus(t, g.sourceInstanceStatus)})</span> : null}
              </td>
              <td className="px-3 py-2 text-right font-mono">{g.quota}</td>
              <td className="px-3 py-2 text-right font-mono">{g.used}</td>
              <td className="px-3 py-2 text-right font-mono font-semibold">{g.remaining}</td>
              <td className="whitespace-nowrap px-3 py-2 text-xs"><AdminTime at={g.validFrom} /></td>
              <td className="whitespace-nowrap px-3 py-2 text-xs">{g.validUntil ? <AdminTime at={g.validUntil} /> : t("usage.noExpiry")}</td>
              <td className="px-3 py-2">
                <span className={`rounded px-1.5 py-0.5 text-xs ${GRANT_STATE[g.state]}`}>{t(`usage.grantState.${g.state}`)}</span>
              </td>
            </tr>
          ))}
        </tbody>
      </DataTable>
    </section>
  );
}

/** An instance status (ACTIVE, FROZEN, RELEASED) in the console's language. */
function translateStatus(t: AdminTranslate, status: string): string {
  const key = adminMessageKey(`common.status.${status}`);
  return key ? t(key) : status;
}

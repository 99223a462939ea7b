/** Staff sign-in record: every attempt (who, from where, outcome) and the counters locked now, which owners can lift. */
import type { Metadata } from "next";
import { getAdminI18n } from "~/i18n/server";
import { ZSignInListInput } from "~/server/api/routers/sign-in-admin.schema";
import { SIGN_IN_OUTCOMES, type SignInOutcome } from "~/server/auth/staff-login-log";
import { rich } from "~/i18n/rich";
import { api } from "~/trpc/server";
import { DataTable, FilterForm, fieldClass } from "../list-parts";
import { first, valid, type RawSearchParams } from "../query-params";
import { requireStaff } from "../require-staff";
import { AdminTime } from "../admin-time";
import { UnlockButton } from "./unlock-button";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getAdminI18n();
  return { title: t("shell.nav.signIns") };
}

const isOutcome = (o: string): o is SignInOutcome => (SIGN_IN_OUTCOMES as readonly string[]).includes(o);
export default async function SignInsPage({ searchParams }: { searchParams: Promise<RawSearchParams> }) {
  await requireStaff();
  const sp = await searchParams;
  const outcome = valid(ZSignInListInput.shape.outcome, first(sp.outcome));
  const { attempts, locks } = await api.signInAdmin.list({ outcome, limit: 200 });
  const { t } = await getAdminI18n();
  const outcomeLabel = (o: string) => (isOutcome(o) ? t(`signIns.outcome.${o}`) : o);
  const scopeLabel = (scope: string) => (scope === "address" || scope === "user" ? t(`signIns.scope.${scope}`) : scope);
  const columns = [t("signIns.col.at"), t("signIns.col.user"), t("signIns.col.address"), t("signIns.col.outcome"), t("signIns.col.agent")];

  return (
    <main>
      <h1 className="text-2xl font-bold">{t("signIns.title")}</h1>
      <p className="mt-1 text-sm text-slate-600">{t("signIns.intro")}</p>
      {locks.length > 0 ? (
        <section role="status" data-testid="active-locks" className="mt-4 rounded border border-amber-200 bg-amber-50 px-4 py-3 text-sm text-amber-900">
          <h2 className="font-semibold">{t("signIns.lockedNow")}</h2>
          <ul className="mt-1 list-disc pl-5">
            {locks.map((l) => (
              <li key={`${l.scope}:${l.key}`}>
                {rich(t("signIns.lock"), { scope: scopeLabel(l.scope), key: <span className="font-mono">{l.key}</span>, until: <AdminTime at={l.lockedUntil} /> })}
                {l.scope === "address" || l.scope === "user" ? <UnlockButton scope={l.scope} lockKey={l.key} /> : null}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <div className="mt-4">
        <FilterForm action="/admin/sign-ins" label={t("signIns.filterLabel")}>
          <label className="text-sm">
            {t("signIns.outcome")}
            <select name="outcome" defaultValue={outcome ?? ""} className={fieldClass}>
              <option value="">{t("common.any")}</option>
              {SIGN_IN_OUTCOMES.map((o) => (
                <option key={o} value={o}>
                  {outcomeLabel(o)}
                </option>
              ))}
            </select>
          </label>
        </FilterForm>
      </div>
      <DataTable className="mt-6" columns={columns} testId="sign-in-table" isEmpty={attempts.length === 0} empty={t("signIns.empty")}>
        <tbody>
          {attempts.map((a) => (
            <tr key={a.id} className={`border-t border-slate-100 ${a.outcome === "success" ? "" : "text-red-800"}`} data-outcome={a.outcome}>
              <td className="px-3 py-2 text-xs"><AdminTime at={a.createdAt} /></td>
              <td className="px-3 py-2 font-mono text-xs">{a.userName || "—"}</td>
              <td className="px-3 py-2 font-mono text-xs">{a.clientAddress}</td>
              <td className="px-3 py-2">
                {outcomeLabel(a.outcome)}
                {a.retryAfterSeconds ? <span className="text-xs text-slate-500"> {t("signIns.wait", { n: a.retryAfterSeconds })}</span> : null}
              </td>
              <td className="max-w-xs truncate px-3 py-2 text-xs text-slate-500" title={a.userAgent ?? ""} data-i18n-exempt="user agent as sent">
                {a.userAgent ?? "—"}
              </td>
            </tr>
          ))}
        </tbody>
      </DataTable>
    </main>
  );
}

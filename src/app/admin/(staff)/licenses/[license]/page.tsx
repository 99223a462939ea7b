/**
 * One License code: its state, the open API's last answers (with Activate / Heartbeat), the orders
 * applied, the state machine's audit trail (refused transitions in red) and the callbacks received.
 */
import type { Metadata } from "next";
import Link from "next/link";
import { getAdminI18n } from "~/i18n/server";
import { api } from "~/trpc/server";
import { AdminTime } from "../../admin-time";
import { callHref } from "../../links";
import { Copyable, DataTable, WRAP_CELL } from "../../list-parts";
import { idParam, orNotFound } from "../../not-found-guard";
import { requireStaff } from "../../require-staff";
import { licenseReasonText, transitionText } from "../../transition-label";
import { LicenseApiActions } from "../api-actions";
import { heartbeatClass, licenseCallsHref, STATUS_BADGE } from "../format";
import { openApiUnavailable } from "../open-api";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getAdminI18n();
  return { title: t("ops.meta.license") };
}

const cell = "px-3 py-2";

export default async function LicensePage({ params }: { params: Promise<{ license: string }> }) {
  await requireStaff();
  const { locale, t } = await getAdminI18n();
  const { license } = await params;
  const c = await orNotFound(api.licenseAdmin.detail({ license: idParam(license) }));
  return (
    <main className="min-w-0 space-y-8">
      <div>
        <Link href="/admin/licenses" className="text-sm text-blue-700 underline">
          {t("licenses.back")}
        </Link>
        <h1 className="mt-2 font-mono text-xl font-bold" data-testid="license-code">
          {c.license}
        </h1>
        <Copyable value={c.license} testId="copy-license">{""}</Copyable>
        <dl className="mt-2 grid grid-cols-1 gap-x-4 gap-y-1 text-sm sm:grid-cols-[max-content_minmax(0,1fr)] [&>dd]:[overflow-wrap:anywhere]">
          <dt className="text-slate-500">{t("licenses.d.status")}</dt>
          <dd>
            <span className={`rounded px-1.5 text-xs ${STATUS_BADGE[c.status]}`} data-testid="license-status" data-status={c.status}>
              {t(`common.status.${c.status}`)}
            </span>
            {c.isTest ? ` ${t("licenses.d.testNote")}` : ""}
          </dd>
          <dt className="text-slate-500">{t("licenses.d.expires")}</dt>
          <dd><AdminTime at={c.expireAt} /></dd>
          <dt className="text-slate-500">{t("licenses.d.product")}</dt>
          <dd className="font-mono [overflow-wrap:anywhere]">
            {c.productId ?? "—"} / {c.orderId ?? "—"} {c.orderLineId ? `/ ${c.orderLineId}` : ""}
          </dd>
          <dt className="text-slate-500">{t("licenses.d.firstSeen")}</dt>
          <dd>{c.firstSeenVia}, <AdminTime at={c.createdAt} /></dd>
          <dt className="text-slate-500">{t("licenses.d.frozenReleased")}</dt>
          <dd>
            <AdminTime at={c.frozenAt} /> / <AdminTime at={c.releasedAt} />
          </dd>
          <dt className="text-slate-500">{t("licenses.d.activated")}</dt>
          <dd data-testid="license-activated">
            <AdminTime at={c.activatedAt} />
            {c.lastActivateAt ? <span className="text-slate-500"> ({t("licenses.d.lastAttempt")} <AdminTime at={c.lastActivateAt} />: {c.lastActivateCode})</span> : null}
          </dd>
          <dt className="text-slate-500">{t("licenses.d.heartbeat")}</dt>
          <dd data-testid="license-last-heartbeat">
            {c.lastHeartbeatAt ? (
              <>
                <span className={heartbeatClass(c.lastHeartbeatStatus)}>{c.lastHeartbeatStatus ?? t("licenses.d.refused")}</span> {c.lastHeartbeatCode}, <AdminTime at={c.lastHeartbeatAt} />
                <pre className="mt-1 max-w-2xl overflow-y-auto whitespace-pre-wrap [overflow-wrap:anywhere] rounded bg-slate-900 p-2 font-mono text-xs text-slate-100">{JSON.stringify(c.lastHeartbeatAnswer, null, 2)}</pre>
              </>
            ) : (
              t("licenses.d.never")
            )}
          </dd>
          <dt className="text-slate-500">{t("licenses.d.openApi")}</dt>
          <dd>
            <LicenseApiActions license={c.license} unavailable={openApiUnavailable(await api.licenseAdmin.openApi(), locale)} />
          </dd>
        </dl>
      </div>
      <section>
        <h2 className="text-lg font-semibold">{t("licenses.orders")}</h2>
        <DataTable className="mt-2" columns={[t("licenses.c.applied"), t("licenses.c.activity"), t("licenses.c.scene"), t("licenses.c.order"), t("licenses.c.expiry")]} isEmpty={c.orders.length === 0} empty="—">
          <tbody>
            {c.orders.map((o) => (
              <tr key={`${o.activity}${o.scene}${o.orderId}${o.orderLineId}`}>
                <td className="px-3 py-2 text-xs"><AdminTime at={o.appliedAt} /></td>
                <td className={cell}>{o.activity}</td>
                <td className={cell}>{o.scene}</td>
                <td className="px-3 py-2 font-mono text-xs">
                  {o.orderId} / {o.orderLineId}
                </td>
                <td className="px-3 py-2 text-xs"><AdminTime at={o.expireAt} /></td>
              </tr>
            ))}
          </tbody>
        </DataTable>
      </section>
      <section>
        <h2 className="text-lg font-semibold">{t("licenses.lifecycle")}</h2>
        <DataTable className="mt-2" testId="license-transitions" columns={[t("licenses.c.when"), t("licenses.c.callback"), t("licenses.c.fromTo"), t("licenses.c.outcome"), t("licenses.c.reason")]} isEmpty={c.transitions.length === 0} empty="—">
          <tbody>
            {c.transitions.map((tr) => (
              <tr key={tr.id} className={`border-t border-slate-100 ${tr.accepted ? "" : "text-red-700"}`}>
                <td className="px-3 py-2 text-xs"><AdminTime at={tr.createdAt} /></td>
                <td className={cell}>
                  {tr.activity}
                  {tr.isTest ? <span className="ml-1 text-xs text-amber-800">({t("common.test")})</span> : null}
                </td>
                <td className={cell}>
                  {transitionText(tr.fromStatus, tr.toStatus, t)}
                </td>
                <td className={cell}>{tr.accepted ? t("licenses.c.appliedOutcome") : t("licenses.c.refusedOutcome")}</td>
                <td className={`${WRAP_CELL} px-3 py-2 text-xs`}>{licenseReasonText(tr, t)}</td>
              </tr>
            ))}
          </tbody>
        </DataTable>
      </section>
      <section>
        <h2 className="text-lg font-semibold">{t("licenses.callbacks")}</h2>
        <p className="text-sm">
          <Link href={licenseCallsHref(c.license)} className="text-blue-700 underline" data-testid="license-calls-link">
            {t("licenses.openInLog")}
          </Link>{" "}
          {t("licenses.openInLogNote")}
        </p>
        <DataTable className="mt-2" testId="license-calls" columns={[t("licenses.c.received"), t("licenses.c.activity"), t("licenses.c.result"), t("licenses.c.address")]} isEmpty={c.calls.length === 0} empty="—">
          <tbody>
            {c.calls.map((call) => (
              <tr key={call.id}>
                <td className={`${cell} text-xs`}>
                  <Link href={callHref(call.id)} className="text-blue-700 underline">
                    <AdminTime at={call.receivedAt} />
                  </Link>
                </td>
                <td className={cell}>
                  {call.activity ?? "—"}
                  {call.isTest ? <span className="ml-1 text-xs text-amber-800">({t("common.test")})</span> : null}
                </td>
                <td className={`pr-6 font-mono text-xs ${call.resultCode === "000000" ? "" : "text-red-700"}`}>
                  {call.resultCode ?? "pending"} {call.resultMsg ?? ""}
                </td>
                <td className="px-3 py-2 font-mono text-xs">{call.path}</td>
              </tr>
            ))}
          </tbody>
        </DataTable>
      </section>
    </main>
  );
}

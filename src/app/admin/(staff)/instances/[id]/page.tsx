/** One instance: its tenants, plan, usage and latest calls (all linked), its orders and the state machine's audit trail (refused transitions in red). */
import type { Metadata } from "next";
import Link from "next/link";
import { getAdminI18n } from "~/i18n/server";
import { api } from "~/trpc/server";
import { AdminTime } from "../../admin-time";
import { callLogHref } from "../../calls/search-params";
import { callHref, tenantHref } from "../../links";
import { Copyable, DataTable, WRAP_CELL } from "../../list-parts";
import { idParam, orNotFound } from "../../not-found-guard";
import { requireStaff } from "../../require-staff";
import { eventText, transitionReasonText, transitionText } from "../../transition-label";
import { channelLabel } from "../../calls/call-row";
import { usageHref } from "../../usage/search-params";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getAdminI18n();
  return { title: t("ops.meta.instance") };
}

const cell = "px-3 py-2";

export default async function InstancePage({ params }: { params: Promise<{ id: string }> }) {
  await requireStaff();
  const { t } = await getAdminI18n();
  const { id } = await params;
  const i = await orNotFound(api.instanceAdmin.detail({ id: idParam(id) }));
  return (
    <main className="min-w-0 space-y-8">
      <div>
        <Link href="/admin/instances" className="text-sm text-blue-700 underline">
          {t("instances.back")}
        </Link>
        <h1 className="mt-2 font-mono text-xl font-bold" data-testid="instance-id">
          <Copyable value={i.id} testId="copy-instance-id">{i.id}</Copyable>
        </h1>
        <dl className="mt-2 grid grid-cols-1 gap-x-4 gap-y-1 text-sm sm:grid-cols-[max-content_minmax(0,1fr)] [&>dd]:min-w-0 [&>dd]:[overflow-wrap:anywhere]">
          <dt className="text-slate-500">{t("instances.d.status")}</dt>
          <dd data-testid="instance-status" data-status={i.status}>
            {t(`common.status.${i.status}`)}
            {i.isTest ? ` (${t("common.test")})` : ""}
          </dd>
          <dt className="text-slate-500">{t("instances.d.order")}</dt>
          <dd className="font-mono [overflow-wrap:anywhere]">
            {i.orderId} / {i.orderLineId}
          </dd>
          <dt className="text-slate-500">{t("instances.d.product")}</dt>
          <dd className="font-mono [overflow-wrap:anywhere]">
            {i.productId ?? "—"} / {i.skuCode ?? "—"} / {i.chargingMode ?? "—"}
          </dd>
          <dt className="text-slate-500">{t("instances.d.plan")}</dt>
          <dd className="font-mono" data-testid="instance-plan">{i.planId ?? "—"}</dd>
          <dt className="text-slate-500">{t("instances.d.expires")}</dt>
          <dd><AdminTime at={i.expireAt} /></dd>
          <dt className="text-slate-500">{t("instances.d.admin")}</dt>
          <dd className="font-mono [overflow-wrap:anywhere]">
            {i.adminUserName} {t("instances.d.adminNote")}
          </dd>
          <dt className="text-slate-500">{t("instances.d.usage")}</dt>
          <dd>
            <Link className="mr-3 text-blue-700 underline" href={usageHref({ instance: i.id })}>
              {t("instances.d.pushRecords")}
            </Link>
            <Link className="text-blue-700 underline" href={usageHref({ tab: "ledger", instance: i.id })}>
              {t("instances.d.ledger")}
            </Link>
          </dd>
          <dt className="text-slate-500">{t("instances.d.calls")}</dt>
          <dd>
            <Link className="text-blue-700 underline" href={callLogHref({ instanceId: i.id })} data-testid="instance-calls-link">
              {t("instances.d.allCalls")}
            </Link>
          </dd>
          <dt className="text-slate-500">{t("instances.d.frozenReleased")}</dt>
          <dd>
            <AdminTime at={i.frozenAt} /> / <AdminTime at={i.releasedAt} />
          </dd>
          <dt className="text-slate-500">{t("instances.d.tenants")}</dt>
          <dd>
            {i.tenants.length
              ? i.tenants.map((tn) => (
                  <Link key={tn.tenantId} className="mr-3 text-blue-700 underline" href={tenantHref(tn.tenantId)}>
                    {tn.name}
                  </Link>
                ))
              : "—"}
          </dd>
        </dl>
      </div>
      <section>
        <h2 className="text-lg font-semibold">{t("instances.recentCalls")}</h2>
        <DataTable
          className="mt-2"
          testId="instance-calls"
          columns={[t("instances.c.received"), t("instances.c.channel"), t("instances.c.activity"), t("instances.c.result"), t("instances.c.latency")]}
          isEmpty={i.calls.length === 0}
          empty={t("instances.noCalls")}
        >
          <tbody>
            {i.calls.map((c) => (
              <tr key={c.id} className="border-t border-slate-100">
                <td className={`${cell} text-xs`}>
                  <Link href={callHref(c.id)} className="text-blue-700 underline">
                    <AdminTime at={c.receivedAt} />
                  </Link>
                </td>
                <td className={cell}>{channelLabel(c.channel, t)}</td>
                <td className={cell}>{c.activity ?? "—"}</td>
                <td className={`${cell} font-mono text-xs`}>{c.resultCode ?? "—"}</td>
                <td className={`${cell} font-mono text-xs`}>{c.latencyMs === null ? "—" : `${c.latencyMs} ms`}</td>
              </tr>
            ))}
          </tbody>
        </DataTable>
      </section>
      <section>
        <h2 className="text-lg font-semibold">{t("instances.orders")}</h2>
        <DataTable
          className="mt-2"
          columns={[t("instances.o.applied"), t("instances.o.activity"), t("instances.o.scene"), t("instances.o.order"), t("instances.o.expiry")]}
          isEmpty={i.orders.length === 0}
          empty="—"
        >
          <tbody>
            {i.orders.map((o) => (
              <tr key={`${o.activity}${o.scene}${o.orderId}${o.orderLineId}`} className="border-t border-slate-100">
                <td className={`${cell} text-xs`}><AdminTime at={o.appliedAt} /></td>
                <td className={cell}>{o.activity}</td>
                <td className={cell}>{o.scene}</td>
                <td className={`${cell} font-mono text-xs [overflow-wrap:anywhere]`}>
                  {o.orderId} / {o.orderLineId}
                </td>
                <td className={`${cell} text-xs`}><AdminTime at={o.expireAt} /></td>
              </tr>
            ))}
          </tbody>
        </DataTable>
      </section>
      <section>
        <h2 className="text-lg font-semibold">{t("instances.lifecycle")}</h2>
        <DataTable
          className="mt-2"
          testId="transition-table"
          columns={[t("instances.l.when"), t("instances.l.event"), t("instances.l.fromTo"), t("instances.l.outcome"), t("instances.l.reason"), t("instances.l.call")]}
          isEmpty={i.transitions.length === 0}
          empty="—"
        >
          <tbody>
            {i.transitions.map((tr) => (
              <tr key={tr.id} className={`border-t border-slate-100 ${tr.accepted ? "" : "text-red-700"}`}>
                <td className={`${cell} text-xs`}><AdminTime at={tr.createdAt} /></td>
                <td className={cell} data-event={tr.event}>
                  {eventText(tr.event, t)}
                </td>
                <td className={`${cell} whitespace-nowrap`}>
                  {transitionText(tr.fromStatus, tr.toStatus, t)}
                </td>
                <td className={cell}>{tr.accepted ? t("instances.l.applied") : t("instances.l.refused")}</td>
                <td className={`${cell} ${WRAP_CELL} text-xs [overflow-wrap:anywhere]`}>{transitionReasonText(tr, t)}</td>
                <td className={`${cell} font-mono text-xs`}>
                  {tr.callId ? (
                    <Link href={callHref(tr.callId)} className="text-blue-700 underline">
                      {tr.callId.slice(0, 8)}
                    </Link>
                  ) : (
                    ""
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </DataTable>
      </section>
    </main>
  );
}

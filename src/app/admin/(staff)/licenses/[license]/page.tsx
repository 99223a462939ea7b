/**
 * One License code: its state, the open API's last answers (with Activate / Heartbeat), the orders
 * applied, the state machine's audit trail (refused transitions in red) and the callbacks received.
 */
import type { Metadata } from "next";
import Link from "next/link";
import { api } from "~/trpc/server";
import { requireStaff } from "../../require-staff";
import { LicenseApiActions } from "../api-actions";
import { heartbeatClass, licenseCallsHref, STATUS_BADGE, utc } from "../format";

export const metadata: Metadata = { title: "License code" };

const th = (cols: string[]) => (
  <thead className="text-left text-xs uppercase text-slate-500">
    <tr>
      {cols.map((c) => (
        <th key={c} className="pr-6">
          {c}
        </th>
      ))}
    </tr>
  </thead>
);

export default async function LicensePage({ params }: { params: Promise<{ license: string }> }) {
  await requireStaff();
  const { license } = await params;
  const c = await api.licenseAdmin.detail({ license: decodeURIComponent(license) });
  return (
    <main className="space-y-8">
      <div>
        <Link href="/admin/licenses" className="text-sm text-blue-700 underline">
          ← License codes
        </Link>
        <h1 className="mt-2 font-mono text-xl font-bold" data-testid="license-code">
          {c.license}
        </h1>
        <dl className="mt-2 grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1 text-sm">
          <dt className="text-slate-500">Status</dt>
          <dd>
            <span className={`rounded px-1.5 text-xs ${STATUS_BADGE[c.status]}`} data-testid="license-status">
              {c.status}
            </span>
            {c.isTest ? " (test: created by a debug call)" : ""}
          </dd>
          <dt className="text-slate-500">Expires</dt>
          <dd>{utc(c.expireAt)}</dd>
          <dt className="text-slate-500">Product / latest order</dt>
          <dd className="font-mono">
            {c.productId ?? "—"} / {c.orderId ?? "—"} {c.orderLineId ? `/ ${c.orderLineId}` : ""}
          </dd>
          <dt className="text-slate-500">First seen via</dt>
          <dd>{c.firstSeenVia}, {utc(c.createdAt)}</dd>
          <dt className="text-slate-500">Frozen / released</dt>
          <dd>
            {utc(c.frozenAt)} / {utc(c.releasedAt)}
          </dd>
          <dt className="text-slate-500">Activated</dt>
          <dd data-testid="license-activated">
            {utc(c.activatedAt)}
            {c.lastActivateAt ? <span className="text-slate-500"> (last attempt {utc(c.lastActivateAt)}: {c.lastActivateCode})</span> : null}
          </dd>
          <dt className="text-slate-500">Last heartbeat</dt>
          <dd data-testid="license-last-heartbeat">
            {c.lastHeartbeatAt ? (
              <>
                <span className={heartbeatClass(c.lastHeartbeatStatus)}>{c.lastHeartbeatStatus ?? "refused"}</span> {c.lastHeartbeatCode}, {utc(c.lastHeartbeatAt)}
                <pre className="mt-1 max-w-2xl overflow-auto rounded bg-slate-900 p-2 font-mono text-xs text-slate-100">{JSON.stringify(c.lastHeartbeatAnswer, null, 2)}</pre>
              </>
            ) : (
              "never"
            )}
          </dd>
          <dt className="text-slate-500">Open API</dt>
          <dd>
            <LicenseApiActions license={c.license} />
          </dd>
        </dl>
      </div>
      <section>
        <h2 className="text-lg font-semibold">Orders applied</h2>
        <table className="mt-2 text-sm">
          {th(["applied", "activity", "scene", "order / line", "new expiry"])}
          <tbody>
            {c.orders.map((o) => (
              <tr key={`${o.activity}${o.scene}${o.orderId}${o.orderLineId}`}>
                <td className="pr-6 text-xs">{utc(o.appliedAt)}</td>
                <td className="pr-6">{o.activity}</td>
                <td className="pr-6">{o.scene}</td>
                <td className="pr-6 font-mono text-xs">
                  {o.orderId} / {o.orderLineId}
                </td>
                <td className="pr-6 text-xs">{utc(o.expireAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <section>
        <h2 className="text-lg font-semibold">Lifecycle</h2>
        <table className="mt-2 text-sm" data-testid="license-transitions">
          {th(["when", "callback", "from → to", "outcome", "reason"])}
          <tbody>
            {c.transitions.map((t) => (
              <tr key={t.id} className={t.accepted ? "" : "text-red-700"}>
                <td className="pr-6 text-xs">{utc(t.createdAt)}</td>
                <td className="pr-6">
                  {t.activity}
                  {t.isTest ? <span className="ml-1 text-xs text-amber-800">(test)</span> : null}
                </td>
                <td className="pr-6">
                  {t.fromStatus ?? "∅"} → {t.toStatus ?? "✕"}
                </td>
                <td className="pr-6">{t.accepted ? "applied" : "refused"}</td>
                <td className="pr-6 text-xs">{t.reason ?? ""}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <section>
        <h2 className="text-lg font-semibold">Callbacks received</h2>
        <p className="text-sm">
          <Link href={licenseCallsHref(c.license)} className="text-blue-700 underline" data-testid="license-calls-link">
            Open in the call log
          </Link>{" "}
          (request and response bodies).
        </p>
        <table className="mt-2 text-sm" data-testid="license-calls">
          {th(["received", "activity", "result", "address"])}
          <tbody>
            {c.calls.map((call) => (
              <tr key={call.id}>
                <td className="pr-6 text-xs">{utc(call.receivedAt)}</td>
                <td className="pr-6">
                  {call.activity ?? "—"}
                  {call.isTest ? <span className="ml-1 text-xs text-amber-800">(test)</span> : null}
                </td>
                <td className={`pr-6 font-mono text-xs ${call.resultCode === "000000" ? "" : "text-red-700"}`}>
                  {call.resultCode ?? "pending"} {call.resultMsg ?? ""}
                </td>
                <td className="pr-6 font-mono text-xs">{call.path}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </main>
  );
}

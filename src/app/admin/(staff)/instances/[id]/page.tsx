/** One instance: its orders and the state machine's audit trail (refused transitions in red). */
import type { Metadata } from "next";
import Link from "next/link";
import { api } from "~/trpc/server";
import { idParam, orNotFound } from "../../not-found-guard";
import { requireStaff } from "../../require-staff";
import { usageHref } from "../../usage/search-params";

export const metadata: Metadata = { title: "Instance" };
const ts = (d: Date | null) => (d ? d.toISOString().replace("T", " ").slice(0, 19) : "—");

export default async function InstancePage({ params }: { params: Promise<{ id: string }> }) {
  await requireStaff();
  const { id } = await params;
  const i = await orNotFound(api.instanceAdmin.detail({ id: idParam(id) }));
  return (
    <main className="space-y-8">
      <div>
        <Link href="/admin/instances" className="text-sm text-blue-700 underline">← Instances</Link>
        <h1 className="mt-2 font-mono text-xl font-bold" data-testid="instance-id">{i.id}</h1>
        <dl className="mt-2 grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1 text-sm">
          <dt className="text-slate-500">Status</dt><dd data-testid="instance-status">{i.status}{i.isTest ? " (test)" : ""}</dd>
          <dt className="text-slate-500">Order</dt><dd className="font-mono">{i.orderId} / {i.orderLineId}</dd>
          <dt className="text-slate-500">Product / SKU / mode</dt><dd className="font-mono">{i.productId ?? "—"} / {i.skuCode ?? "—"} / {i.chargingMode ?? "—"}</dd>
          <dt className="text-slate-500">Expires</dt><dd>{ts(i.expireAt)}</dd>
          <dt className="text-slate-500">Admin account</dt><dd className="font-mono">{i.adminUserName} (password stored encrypted)</dd>
          <dt className="text-slate-500">Usage</dt><dd><Link className="mr-3 text-blue-700 underline" href={usageHref({ instance: i.id })}>push records</Link><Link className="text-blue-700 underline" href={usageHref({ tab: "ledger", instance: i.id })}>ledger</Link></dd>
          <dt className="text-slate-500">Frozen / released</dt><dd>{ts(i.frozenAt)} / {ts(i.releasedAt)}</dd>
          <dt className="text-slate-500">Tenants</dt>
          <dd>{i.tenants.length ? i.tenants.map((t) => <Link key={t.tenantId} className="mr-3 text-blue-700 underline" href={`/admin/tenants/${encodeURIComponent(t.tenantId)}`}>{t.name}</Link>) : "—"}</dd>
        </dl>
      </div>
      <section>
        <h2 className="text-lg font-semibold">Orders applied</h2>
        <table className="mt-2 text-sm">
          <thead className="text-left text-xs uppercase text-slate-500"><tr>{["applied", "activity", "scene", "order / line", "new expiry"].map((c) => <th key={c} className="pr-6">{c}</th>)}</tr></thead>
          <tbody>
            {i.orders.map((o) => (
              <tr key={`${o.activity}${o.scene}${o.orderId}${o.orderLineId}`}>
                <td className="pr-6 text-xs">{ts(o.appliedAt)}</td><td className="pr-6">{o.activity}</td><td className="pr-6">{o.scene}</td>
                <td className="pr-6 font-mono text-xs">{o.orderId} / {o.orderLineId}</td><td className="pr-6 text-xs">{ts(o.expireAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <section>
        <h2 className="text-lg font-semibold">Lifecycle</h2>
        <table className="mt-2 text-sm" data-testid="transition-table">
          <thead className="text-left text-xs uppercase text-slate-500"><tr>{["when", "event", "from → to", "outcome", "reason", "call"].map((c) => <th key={c} className="pr-6">{c}</th>)}</tr></thead>
          <tbody>
            {i.transitions.map((t) => (
              <tr key={t.id} className={t.accepted ? "" : "text-red-700"}>
                <td className="pr-6 text-xs">{ts(t.createdAt)}</td><td className="pr-6">{t.event}</td>
                <td className="pr-6">{t.fromStatus ?? "∅"} → {t.toStatus ?? "✕"}</td>
                <td className="pr-6">{t.accepted ? "applied" : "refused"}</td>
                <td className="pr-6 text-xs">{t.reason ?? ""}</td>
                <td className="pr-6 font-mono text-xs">{t.callId ? t.callId.slice(0, 8) : ""}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </main>
  );
}

/** Staff list of purchased instances (newInstance results), newest first. */
import type { Metadata } from "next";
import Link from "next/link";
import { api } from "~/trpc/server";
import { DataTable } from "../list-parts";
import { first, type RawSearchParams } from "../query-params";
import { requireStaff } from "../require-staff";

export const metadata: Metadata = { title: "Instances" };

const COLUMNS = ["Instance", "Order / line", "Status", "Expires", "Product / SKU", "Refused", "Created"];
const STATUSES = ["ACTIVE", "FROZEN", "RELEASED"] as const;
const BADGE: Record<string, string> = {
  ACTIVE: "bg-green-100 text-green-800",
  FROZEN: "bg-sky-100 text-sky-800",
  RELEASED: "bg-slate-200 text-slate-700",
};

export default async function InstancesPage({ searchParams }: { searchParams: Promise<RawSearchParams> }) {
  await requireStaff();
  const sp = await searchParams;
  const statusParam = first(sp.status);
  const status = STATUSES.find((s) => s === statusParam);
  const search = first(sp.q);
  const rows = await api.instanceAdmin.list({ status, search });

  return (
    <main>
      <h1 className="text-2xl font-bold">Instances</h1>
      <p className="mt-1 text-sm text-slate-600">Everything KooGallery provisioned through newInstance, with its lifecycle state.</p>
      <form className="mt-4 flex flex-wrap items-end gap-3 text-sm" method="get">
        <label className="flex flex-col gap-1">
          <span className="text-slate-600">Status</span>
          <select name="status" defaultValue={status ?? ""} className="rounded border border-slate-300 px-2 py-1">
            <option value="">any</option>
            {STATUSES.map((s) => <option key={s}>{s}</option>)}
          </select>
        </label>
        <label className="flex flex-col gap-1">
          <span className="text-slate-600">Search</span>
          <input name="q" defaultValue={search} placeholder="instance or order id" className="rounded border border-slate-300 px-2 py-1" />
        </label>
        <button className="rounded bg-blue-700 px-3 py-1.5 font-medium text-white">Filter</button>
      </form>
      <DataTable className="mt-6" columns={COLUMNS} testId="instance-table" isEmpty={rows.length === 0} empty="No instances yet.">
        <tbody>
          {rows.map((i) => (
            <tr key={i.id} className="border-t border-slate-100 align-top">
              <td className="px-3 py-2 font-mono text-xs">
                <Link href={`/admin/instances/${encodeURIComponent(i.id)}`} className="text-blue-700 underline">{i.id}</Link>
                {i.isTest ? <span className="ml-2 rounded bg-amber-100 px-1.5 font-sans text-xs text-amber-800">test</span> : null}
              </td>
              <td className="px-3 py-2 font-mono text-xs">{i.orderId}<br />{i.orderLineId}</td>
              <td className="px-3 py-2"><span className={`rounded px-1.5 text-xs ${BADGE[i.status]}`}>{i.status}</span></td>
              <td className="px-3 py-2 text-xs">{i.expireAt ? i.expireAt.toISOString().replace("T", " ").slice(0, 16) : "—"}</td>
              <td className="px-3 py-2 font-mono text-xs">{i.productId ?? "—"}<br />{i.skuCode ?? ""}</td>
              <td className="px-3 py-2 text-xs">{i.refusedTransitions > 0 ? <span className="text-red-700">{i.refusedTransitions}</span> : "0"}</td>
              <td className="px-3 py-2 text-xs text-slate-600">{i.createdAt.toISOString().replace("T", " ").slice(0, 19)}</td>
            </tr>
          ))}
        </tbody>
      </DataTable>
    </main>
  );
}

/** Staff directory of 联营 tenants synced through the Kit (tenantSync & co). */
import type { Metadata } from "next";
import Link from "next/link";
import { api } from "~/trpc/server";
import { DataTable } from "../list-parts";
import { first, type RawSearchParams } from "../query-params";
import { requireStaff } from "../require-staff";

export const metadata: Metadata = { title: "Tenants" };

const COLUMNS = ["Tenant", "tenantId / code", "OneAccess domain", "Instance", "Apps", "Users", "Synced"];

export default async function TenantsPage({ searchParams }: { searchParams: Promise<RawSearchParams> }) {
  await requireStaff();
  const sp = await searchParams;
  const search = first(sp.q);
  const includeDeleted = first(sp.deleted) === "1";
  const tenants = await api.tenantAdmin.list({ search, includeDeleted });

  return (
    <main>
      <h1 className="text-2xl font-bold">Tenants (联营)</h1>
      <p className="mt-1 text-sm text-slate-600">
        Organisations bound to your product, as the 联营 Kit synced them: instance, app credentials, departments and users.
      </p>
      <form className="mt-4 flex flex-wrap items-end gap-3 text-sm" method="get">
        <label className="flex flex-col gap-1">
          <span className="text-slate-600">Search</span>
          <input name="q" defaultValue={search} placeholder="name, tenantId or code" className="rounded border border-slate-300 px-2 py-1" />
        </label>
        <label className="flex items-center gap-2">
          <input type="checkbox" name="deleted" value="1" defaultChecked={includeDeleted} /> show deleted
        </label>
        <button className="rounded bg-blue-700 px-3 py-1.5 font-medium text-white">Filter</button>
      </form>
      <DataTable className="mt-6" columns={COLUMNS} testId="tenant-table" isEmpty={tenants.length === 0} empty="No tenants synced yet.">
        <tbody>
          {tenants.map((t) => (
            <tr key={t.tenantId} className="border-t border-slate-100 align-top">
              <td className="px-3 py-2">
                <Link className="font-medium text-blue-700 underline" href={`/admin/tenants/${encodeURIComponent(t.tenantId)}`}>{t.name}</Link>
                {t.isTest ? <span className="ml-2 rounded bg-amber-100 px-1.5 text-xs text-amber-800">test</span> : null}
                {t.deletedAt ? <span className="ml-2 rounded bg-red-100 px-1.5 text-xs text-red-800">deleted</span> : null}
              </td>
              <td className="px-3 py-2 font-mono text-xs">{t.tenantId}<br />{t.tenantCode}</td>
              <td className="px-3 py-2 font-mono text-xs">{t.domainName}</td>
              <td className="px-3 py-2 text-xs">
                {t.instance ? (
                  <>
                    <span className="font-mono">{t.instance.id}</span>
                    <br />
                    {t.instance.status}
                    {t.instance.expireAt ? ` · until ${t.instance.expireAt.toISOString().slice(0, 10)}` : ""}
                  </>
                ) : t.instanceId ? (
                  <span className="text-amber-700">{t.instanceId} (not created here)</span>
                ) : (
                  <span className="text-slate-400">—</span>
                )}
              </td>
              <td className="px-3 py-2">{t.applicationCount}</td>
              <td className="px-3 py-2">{t.userCount}</td>
              <td className="px-3 py-2 text-xs text-slate-600">{t.updatedAt.toISOString().replace("T", " ").slice(0, 19)}</td>
            </tr>
          ))}
        </tbody>
      </DataTable>
    </main>
  );
}

/** One tenant: its instance, app credentials (never the secret), department tree and users. */
import type { Metadata } from "next";
import Link from "next/link";
import type { DepartmentNode } from "~/server/api/routers/tenant-admin";
import { api } from "~/trpc/server";
import { idParam, orNotFound } from "../../not-found-guard";
import { requireStaff } from "../../require-staff";

export const metadata: Metadata = { title: "Tenant" };

function Tree({ nodes }: { nodes: DepartmentNode[] }) {
  if (nodes.length === 0) return null;
  return (
    <ul className="ml-4 list-disc">
      {nodes.map((n) => (
        <li key={n.orgCode} className={n.removed ? "text-slate-400 line-through" : ""}>
          {n.orgName} <span className="font-mono text-xs text-slate-500">{n.orgCode}</span>
          <Tree nodes={n.children} />
        </li>
      ))}
    </ul>
  );
}

export default async function TenantPage({ params }: { params: Promise<{ tenantId: string }> }) {
  await requireStaff();
  const { tenantId } = await params;
  const { tenant, instance, applications, departments, users } = await orNotFound(api.tenantAdmin.detail({ tenantId: idParam(tenantId) }));

  return (
    <main className="space-y-8">
      <div>
        <Link href="/admin/tenants" className="text-sm text-blue-700 underline">← Tenants</Link>
        <h1 className="mt-2 text-2xl font-bold" data-testid="tenant-name">{tenant.name}</h1>
        <dl className="mt-2 grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1 text-sm">
          <dt className="text-slate-500">tenantId</dt><dd className="font-mono">{tenant.tenantId}</dd>
          <dt className="text-slate-500">tenantCode</dt><dd className="font-mono">{tenant.tenantCode}</dd>
          <dt className="text-slate-500">OneAccess domain</dt><dd className="font-mono">{tenant.domainName}</dd>
          <dt className="text-slate-500">Order</dt><dd className="font-mono">{tenant.orderId ?? "—"}</dd>
          <dt className="text-slate-500">Instance</dt>
          <dd>{instance ? `${instance.id} · ${instance.status}${instance.expireAt ? ` · expires ${instance.expireAt.toISOString().slice(0, 10)}` : ""}` : tenant.instanceId ?? "—"}</dd>
          {tenant.deletedAt ? (<><dt className="text-slate-500">Deleted</dt><dd className="text-red-700">{tenant.deletedAt.toISOString()}</dd></>) : null}
        </dl>
      </div>

      <section>
        <h2 className="text-lg font-semibold">App credentials</h2>
        <table className="mt-2 text-sm">
          <thead className="text-left text-xs uppercase text-slate-500"><tr><th className="pr-6">appId</th><th className="pr-6">clientId</th><th className="pr-6">clientSecret</th><th>state</th></tr></thead>
          <tbody>
            {applications.map((a) => (
              <tr key={a.appId}>
                <td className="pr-6 font-mono">{a.appId}</td>
                <td className="pr-6 font-mono">{a.clientId}</td>
                <td className="pr-6 text-slate-500" data-testid="secret-cell">{a.hasSecret ? "stored, encrypted" : "missing"}</td>
                <td>{a.deletedAt ? "deleted" : "active"}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {applications.length === 0 ? <p className="text-sm text-slate-500">No applicationSync received.</p> : null}
      </section>

      <section>
        <h2 className="text-lg font-semibold">Departments</h2>
        <div className="mt-2 text-sm" data-testid="department-tree"><Tree nodes={departments} /></div>
        {departments.length === 0 ? <p className="text-sm text-slate-500">No departments synced.</p> : null}
      </section>

      <section>
        <h2 className="text-lg font-semibold">Users ({users.length})</h2>
        <table className="mt-2 min-w-full text-left text-sm" data-testid="user-table">
          <thead className="text-xs uppercase text-slate-500">
            <tr>{["userName", "name", "department", "role", "login", "apps", "mobile / e-mail"].map((c) => <th key={c} className="pr-4">{c}</th>)}</tr>
          </thead>
          <tbody>
            {users.map((u) => (
              <tr key={u.userName} className={u.deletedAt ? "text-slate-400" : ""}>
                <td className="pr-4 font-mono">{u.userName}</td>
                <td className="pr-4">{u.name}</td>
                <td className="pr-4 font-mono text-xs">{u.orgCode}</td>
                <td className="pr-4">{u.role}</td>
                <td className="pr-4">{u.deletedAt ? "deleted" : u.enabled ? "enabled" : "disabled"}</td>
                <td className="pr-4 font-mono text-xs">{u.apps.join(", ") || "—"}</td>
                <td className="pr-4 text-xs">{[u.mobile, u.email].filter(Boolean).join(" · ") || "—"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </main>
  );
}

/** One tenant: its instance (linked, with its calls and usage), app credentials (never the secret), department tree and users. */
import type { Metadata } from "next";
import Link from "next/link";
import { adminMessageKey } from "~/i18n/admin/dictionary";
import { getAdminI18n } from "~/i18n/server";
import type { DepartmentNode } from "~/server/api/routers/tenant-admin";
import { api } from "~/trpc/server";
import { AdminTime } from "../../admin-time";
import { callLogHref } from "../../calls/search-params";
import { instanceHref } from "../../links";
import { Copyable, DataTable, WRAP_CELL } from "../../list-parts";
import { idParam, orNotFound } from "../../not-found-guard";
import { requireStaff } from "../../require-staff";
import { usageHref } from "../../usage/search-params";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getAdminI18n();
  return { title: t("ops.meta.tenant") };
}

const cell = "px-3 py-2";

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
  const { t } = await getAdminI18n();
  // A 联营 user's role as synced (admin / user), in the console's language; another value as sent.
  const roleLabel = (role: string) => {
    const key = adminMessageKey(`tenants.u.role.${role}`);
    return key ? t(key) : role;
  };
  const { tenantId } = await params;
  const { tenant, instance, applications, departments, users } = await orNotFound(api.tenantAdmin.detail({ tenantId: idParam(tenantId) }));
  const boundInstance = instance?.id ?? tenant.instanceId;

  return (
    <main className="min-w-0 space-y-8">
      <div>
        <Link href="/admin/tenants" className="text-sm text-blue-700 underline">
          {t("tenants.back")}
        </Link>
        <h1 className="mt-2 text-2xl font-bold [overflow-wrap:anywhere]" data-testid="tenant-name">
          {tenant.name}
        </h1>
        <dl className="mt-2 grid grid-cols-1 gap-x-4 gap-y-1 text-sm sm:grid-cols-[max-content_1fr]">
          <dt className="text-slate-500">tenantId</dt>
          <dd className="font-mono"><Copyable value={tenant.tenantId} testId="copy-tenant-id" /></dd>
          <dt className="text-slate-500">tenantCode</dt>
          <dd className="font-mono [overflow-wrap:anywhere]">{tenant.tenantCode}</dd>
          <dt className="text-slate-500">{t("tenants.col.domain")}</dt>
          <dd className="font-mono [overflow-wrap:anywhere]">{tenant.domainName}</dd>
          <dt className="text-slate-500">{t("tenants.d.order")}</dt>
          <dd className="font-mono [overflow-wrap:anywhere]">{tenant.orderId ?? "—"}</dd>
          <dt className="text-slate-500">{t("tenants.d.instance")}</dt>
          <dd className="[overflow-wrap:anywhere]" data-testid="tenant-instance">
            {instance ? (
              <>
                <Link href={instanceHref(instance.id)} className="font-mono text-blue-700 underline">
                  {instance.id}
                </Link>{" "}
                · {t(`common.status.${instance.status}`)}
                {instance.expireAt ? <> · {t("tenants.until")} <AdminTime at={instance.expireAt} /></> : null}
              </>
            ) : tenant.instanceId ? (
              <span className="text-amber-700">
                {tenant.instanceId} {t("tenants.notCreated")}
              </span>
            ) : (
              "—"
            )}
          </dd>
          {boundInstance ? (
            <>
              <dt className="text-slate-500">{t("tenants.d.calls")}</dt>
              <dd>
                <Link href={callLogHref({ instanceId: boundInstance })} className="text-blue-700 underline">
                  {t("tenants.d.allCalls")}
                </Link>
              </dd>
              <dt className="text-slate-500">{t("tenants.d.usage")}</dt>
              <dd>
                <Link className="mr-3 text-blue-700 underline" href={usageHref({ instance: boundInstance })}>
                  {t("instances.d.pushRecords")}
                </Link>
                <Link className="text-blue-700 underline" href={usageHref({ tab: "ledger", instance: boundInstance })}>
                  {t("instances.d.ledger")}
                </Link>
              </dd>
            </>
          ) : null}
          {tenant.deletedAt ? (
            <>
              <dt className="text-slate-500">{t("tenants.d.deleted")}</dt>
              <dd className="text-red-700"><AdminTime at={tenant.deletedAt} /></dd>
            </>
          ) : null}
        </dl>
      </div>

      <section>
        <h2 className="text-lg font-semibold">{t("tenants.apps")}</h2>
        <DataTable className="mt-2" columns={["appId", "clientId", "clientSecret", t("tenants.state")]} isEmpty={applications.length === 0} empty={t("tenants.noApps")}>
          <tbody>
            {applications.map((a) => (
              <tr key={a.appId} className="border-t border-slate-100">
                <td className={`${cell} font-mono [overflow-wrap:anywhere]`}>{a.appId}</td>
                <td className={`${cell} font-mono [overflow-wrap:anywhere]`}>{a.clientId}</td>
                <td className={`${cell} text-slate-500`} data-testid="secret-cell">
                  {a.hasSecret ? t("tenants.secretStored") : t("tenants.secretMissing")}
                </td>
                <td className={cell}>{a.deletedAt ? t("common.deleted") : t("tenants.active")}</td>
              </tr>
            ))}
          </tbody>
        </DataTable>
      </section>

      <section>
        <h2 className="text-lg font-semibold">{t("tenants.departments")}</h2>
        <div className="mt-2 text-sm [overflow-wrap:anywhere]" data-testid="department-tree">
          <Tree nodes={departments} />
        </div>
        {departments.length === 0 ? <p className="text-sm text-slate-500">{t("tenants.noDepartments")}</p> : null}
      </section>

      <section>
        <h2 className="text-lg font-semibold">{t("tenants.users", { n: users.length })}</h2>
        <DataTable
          className="mt-2"
          testId="user-table"
          columns={[t("tenants.u.userName"), t("tenants.u.name"), t("tenants.u.department"), t("tenants.u.role"), t("tenants.u.login"), t("tenants.u.apps"), t("tenants.u.contact")]}
          isEmpty={users.length === 0}
          empty="—"
        >
          <tbody>
            {users.map((u) => (
              <tr key={u.userName} className={`border-t border-slate-100 ${u.deletedAt ? "text-slate-400" : ""}`}>
                <td className={`${cell} font-mono`}>{u.userName}</td>
                <td className={`${cell} ${WRAP_CELL}`}>{u.name}</td>
                <td className={`${cell} font-mono text-xs`}>{u.orgCode}</td>
                <td className={cell} data-role={u.role}>
                  {roleLabel(u.role)}
                </td>
                <td className={cell}>{u.deletedAt ? t("common.deleted") : u.enabled ? t("tenants.u.enabled") : t("tenants.u.disabled")}</td>
                <td className={`${cell} font-mono text-xs`}>{u.apps.join(", ") || "—"}</td>
                <td className={`${cell} text-xs`}>{[u.mobile, u.email].filter(Boolean).join(" · ") || "—"}</td>
              </tr>
            ))}
          </tbody>
        </DataTable>
      </section>
    </main>
  );
}

/** The staff audit log (StaffAuditEvent): newest first, filtered by who and what, page by page. */
import type { Metadata } from "next";
import Link from "next/link";
import { ZAuditListInput } from "~/server/api/routers/audit-admin.schema";
import { AUDIT_ACTIONS } from "~/server/staff/audit-log";
import { adminMessageKey } from "~/i18n/admin/dictionary";
import { getAdminI18n } from "~/i18n/server";
import { api } from "~/trpc/server";
import { DataTable, WRAP_CELL, fieldClass } from "../list-parts";
import { first, hrefWith, valid, type RawSearchParams } from "../query-params";
import { requireStaff } from "../require-staff";
import { AdminTime } from "../admin-time";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getAdminI18n();
  return { title: t("ops.audit.title") };
}

export default async function AuditPage({ searchParams }: { searchParams: Promise<RawSearchParams> }) {
  await requireStaff();
  const sp = await searchParams;
  const actor = valid(ZAuditListInput.shape.actor, first(sp.actor));
  const action = valid(ZAuditListInput.shape.action, first(sp.action));
  const cursor = valid(ZAuditListInput.shape.cursor, first(sp.cursor));
  const { items, nextCursor } = await api.auditAdmin.list({ actor, action, cursor, limit: 50 });
  const { t } = await getAdminI18n();
  const actionLabel = (a: string) => {
    const key = adminMessageKey(`ops.action.${a}`);
    return key ? t(key) : a;
  };
  const columns = [t("ops.audit.col.at"), t("ops.audit.col.actor"), t("ops.audit.col.role"), t("ops.audit.col.action"), t("ops.audit.col.target"), t("ops.audit.col.details"), t("ops.audit.col.address")];

  return (
    <main className="min-w-0">
      <h1 className="text-2xl font-bold">{t("ops.audit.title")}</h1>
      <p className="mt-1 text-sm text-slate-600">
        {t("ops.audit.intro")}{" "}
        <Link href="/admin/sign-ins" className="text-blue-700 underline">
          {t("ops.audit.signIns")}
        </Link>
      </p>
      <form method="get" action="/admin/audit" className="mt-4 flex flex-wrap items-end gap-4" aria-label={t("ops.audit.filterLabel")}>
        <label className="text-sm">
          {t("ops.audit.actor")}
          <input name="actor" defaultValue={actor ?? ""} className={fieldClass} maxLength={64} />
        </label>
        <label className="text-sm">
          {t("ops.audit.action")}
          <select name="action" defaultValue={action ?? ""} className={fieldClass}>
            <option value="">{t("ops.any")}</option>
            {AUDIT_ACTIONS.map((a) => (
              <option key={a} value={a}>
                {actionLabel(a)}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" className="rounded bg-blue-700 px-4 py-1.5 text-sm font-medium text-white hover:bg-blue-800">
          {t("ops.filter")}
        </button>
        <Link href="/admin/audit" className="pb-2 text-sm text-slate-600 underline">
          {t("ops.reset")}
        </Link>
      </form>

      <DataTable className="mt-6" columns={columns} testId="audit-table" isEmpty={items.length === 0} empty={t("ops.audit.empty")} emptyTestId="audit-empty">
        <tbody>
          {items.map((e) => (
            <tr key={e.id} className="border-t border-slate-100 align-top" data-action={e.action}>
              <td className="whitespace-nowrap px-3 py-2 text-xs"><AdminTime at={e.at} /></td>
              <td className="px-3 py-2 font-mono text-xs">{e.actor}</td>
              <td className="px-3 py-2 text-xs">{e.actorRole === "owner" ? t("ops.role.owner") : e.actorRole === "viewer" ? t("ops.role.viewer") : (e.actorRole ?? t("ops.none"))}</td>
              <td className="px-3 py-2">{actionLabel(e.action)}</td>
              <td className="max-w-48 px-3 py-2 font-mono text-xs [overflow-wrap:anywhere]">
                {e.action === "call.rerun" && e.target ? (
                  <Link href={`/admin/calls/${encodeURIComponent(e.target)}`} className="text-blue-700 underline">
                    {e.target}
                  </Link>
                ) : (
                  (e.target ?? t("ops.none"))
                )}
              </td>
              <td className={`${WRAP_CELL} max-w-64 px-3 py-2 font-mono text-xs text-slate-600 [overflow-wrap:anywhere]`}>{e.details ? <code data-i18n-exempt="JSON">{JSON.stringify(e.details)}</code> : t("ops.none")}</td>
              <td className="px-3 py-2 font-mono text-xs">{e.clientAddress ?? t("ops.none")}</td>
            </tr>
          ))}
        </tbody>
      </DataTable>
      <nav className="mt-4 flex gap-4 text-sm" aria-label="pages">
        {cursor ? (
          <Link href={hrefWith("/admin/audit", { actor, action })} className="text-blue-700 underline">
            {t("ops.newer")}
          </Link>
        ) : null}
        {nextCursor ? (
          <Link href={hrefWith("/admin/audit", { actor, action, cursor: nextCursor })} className="text-blue-700 underline" data-testid="audit-older">
            {t("ops.older")}
          </Link>
        ) : null}
      </nav>
    </main>
  );
}

/**
 * Staff accounts and roles: everyone on staff sees the list and changes their own password;
 * owners add, disable, change roles and reset other accounts' passwords.
 */
import type { Metadata } from "next";
import { getAdminI18n } from "~/i18n/server";
import { api } from "~/trpc/server";
import { DataTable, WRAP_CELL } from "../list-parts";
import { requireStaff } from "../require-staff";
import { AccountActions, AddAccountForm, ChangePasswordForm } from "./account-forms";
import { AdminTime } from "../admin-time";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getAdminI18n();
  return { title: t("ops.staff.title") };
}

export default async function StaffPage() {
  const me = await requireStaff();
  const accounts = await api.staffAdmin.list();
  const { t } = await getAdminI18n();
  // The server refuses to disable or demote the only active owner (LAST_OWNER); the page says so up front.
  const activeOwners = accounts.filter((a) => a.role === "owner" && !a.disabledAt);
  const lastOwner = activeOwners.length === 1 ? activeOwners[0]!.userName : null;
  const columns = [t("ops.staff.col.name"), t("ops.staff.col.role"), t("ops.staff.col.status"), t("ops.staff.col.created"), t("ops.staff.col.actions")];

  return (
    <main className="min-w-0">
      <h1 className="text-2xl font-bold">{t("ops.staff.title")}</h1>
      <p className="mt-1 max-w-3xl text-sm text-slate-600">{t("ops.staff.intro")}</p>
      <DataTable className="mt-6" columns={columns} testId="staff-table" isEmpty={accounts.length === 0} empty={t("ops.none")}>
        <tbody>
          {accounts.map((a) => (
            <tr key={a.id} className="border-t border-slate-100 align-top" data-user={a.userName}>
              <td className="px-3 py-2 font-mono text-xs [overflow-wrap:anywhere]">
                {a.userName}
                {a.userName === me.name ? <span className="ml-1 rounded bg-slate-100 px-1 font-sans text-slate-600">{t("ops.staff.you")}</span> : null}
                {a.bootstrap ? <span className="block font-sans text-slate-500">{t("ops.staff.firstOwner")}</span> : null}
              </td>
              <td className="whitespace-nowrap px-3 py-2" data-testid="staff-role-cell">
                {a.role === "owner" ? t("ops.role.owner") : t("ops.role.viewer")}
              </td>
              <td className="whitespace-nowrap px-3 py-2">
                <span className={a.disabledAt ? "text-red-700" : "text-green-700"}>{a.disabledAt ? t("ops.staff.disabled") : t("ops.staff.active")}</span>
                <span className="block text-xs text-slate-500" data-testid="staff-open-sessions" data-count={a.openSessions}>
                  {t("ops.staff.sessions", { n: a.openSessions })}
                </span>
              </td>
              <td className="px-3 py-2 text-xs">
                <AdminTime at={a.createdAt} />
                {a.createdBy ? <span className="block text-slate-500">{t("ops.staff.by", { name: a.createdBy })}</span> : null}
              </td>
              <td className={`px-3 py-2 ${WRAP_CELL}`}>
                <AccountActions userName={a.userName} role={a.role} disabled={!!a.disabledAt} self={a.userName === me.name} lastOwner={a.userName === lastOwner} />
              </td>
            </tr>
          ))}
        </tbody>
      </DataTable>
      <div className="mt-8">
        <ChangePasswordForm />
      </div>
      <div className="mt-8">
        <AddAccountForm />
      </div>
    </main>
  );
}

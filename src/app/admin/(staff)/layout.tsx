/**
 * Guard and frame of every staff page (the route group keeps /admin/login outside it).
 *
 * The layout's check is not enough on its own: layouts run in parallel with their page and do
 * not re-run on client navigation. So each page also calls `requireStaff()` (require-staff.ts)
 * and reads data through `staffProcedure`, which checks a third time.
 * EXTENSION POINT: add nav entries to NAV.
 */
import Link from "next/link";
import type { ReactNode } from "react";
import { getEnv } from "~/env";
import type { AdminMessageKey } from "~/i18n/admin/dictionary";
import { getAdminI18n } from "~/i18n/server";
import { requireStaff } from "./require-staff";
import { HtmlLang } from "~/app/app/_components/html-lang";
import { LangSwitch } from "~/app/app/_components/lang-switch";
import { NavMenu } from "./nav-menu";
import { SignOutButton } from "./sign-out-button";
import { StaffRoleProvider } from "./staff-role";

const NAV = [
  { href: "/admin", label: "shell.nav.overview" },
  { href: "/admin/calls", label: "shell.nav.calls" },
  { href: "/admin/instances", label: "shell.nav.instances" },
  { href: "/admin/tenants", label: "shell.nav.tenants" },
  { href: "/admin/usage", label: "shell.nav.usage" },
  { href: "/admin/sign-ins", label: "shell.nav.signIns" },
  { href: "/admin/licenses", label: "shell.nav.licenses" },
  { href: "/admin/audit", label: "ops.nav.audit" },
  { href: "/admin/staff", label: "ops.nav.staff" },
] as const satisfies readonly { href: string; label: AdminMessageKey }[];

export default async function StaffLayout({ children }: { children: ReactNode }) {
  const user = await requireStaff();
  const devDefaults = getEnv().usingDevDefaults;
  const { locale, t } = await getAdminI18n();

  const links = (className: string) =>
    NAV.map((item) => (
      <Link key={item.href} href={item.href} className={className}>
        {t(item.label)}
      </Link>
    ));

  return (
    <div className="min-h-screen" lang={locale}>
      <HtmlLang locale={locale} />
      <header className="border-b border-slate-200 bg-white">
        <div className="mx-auto flex max-w-7xl flex-wrap items-center gap-x-6 gap-y-2 px-4 py-3 sm:px-6">
          <Link href="/" className="font-semibold">
            {t("shell.title")}
          </Link>
          {/* Wide screens: the nav inline. Narrow ones: a <details> menu (opens without JavaScript, closes on navigation: nav-menu.tsx). */}
          <nav className="hidden gap-4 text-sm lg:flex" aria-label={t("shell.nav.label")}>
            {links("text-slate-700 hover:text-blue-700")}
          </nav>
          <div className="ml-auto flex items-center gap-3 text-sm">
            <span className="max-w-32 truncate text-slate-600" data-testid="staff-name" title={user.name}>
              {user.name}
            </span>
            <span className="rounded bg-slate-100 px-1.5 py-0.5 text-xs text-slate-600" data-testid="staff-role">
              {t(user.role === "owner" ? "ops.role.owner" : "ops.role.viewer")}
            </span>
            <LangSwitch locale={locale} />
            <SignOutButton label={t("common.signOut")} />
          </div>
          <NavMenu summary={`☰ ${t("shell.nav.menu")}`}>
            <nav className="mt-2 flex flex-col text-sm" aria-label={t("shell.nav.label")}>
              {links("border-b border-slate-100 py-2 text-slate-700 hover:text-blue-700")}
            </nav>
          </NavMenu>
        </div>
      </header>
      {devDefaults.length > 0 ? (
        <div role="status" className="border-b border-amber-200 bg-amber-50">
          <p className="mx-auto max-w-7xl break-words px-4 py-2 text-sm text-amber-900 sm:px-6">
            {t("shell.devDefaults", { names: devDefaults.join(", ") })}
          </p>
        </div>
      ) : null}
      {user.role !== "owner" ? (
        <div role="status" className="border-b border-sky-200 bg-sky-50" data-testid="viewer-notice">
          <p className="mx-auto max-w-7xl px-4 py-2 text-sm text-sky-900 sm:px-6">{t("ops.viewerNotice")}</p>
        </div>
      ) : null}
      <StaffRoleProvider role={user.role} locale={locale}>
        <div className="mx-auto max-w-7xl px-4 py-6 sm:px-6">{children}</div>
      </StaffRoleProvider>
    </div>
  );
}

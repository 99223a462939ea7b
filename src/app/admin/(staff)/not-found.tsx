/** 404 inside the staff console's frame (unknown address, instance or tenant), with the way back. */
import Link from "next/link";
import { getAdminI18n } from "~/i18n/server";

export default async function StaffNotFound() {
  const { t } = await getAdminI18n();
  return (
    <main className="py-10" data-testid="not-found">
      <p className="text-sm font-semibold text-slate-500">404</p>
      <h1 className="mt-1 text-2xl font-bold">{t("notFound.title")}</h1>
      <p className="mt-2 text-slate-600">{t("notFound.text")}</p>
      <p className="mt-6 flex gap-4 text-sm">
        <Link href="/admin" className="text-blue-700 underline" data-testid="not-found-back">
          {t("notFound.back")}
        </Link>
        <Link href="/admin/instances" className="text-blue-700 underline">
          {t("shell.nav.instances")}
        </Link>
        <Link href="/admin/tenants" className="text-blue-700 underline">
          {t("shell.nav.tenants")}
        </Link>
      </p>
    </main>
  );
}

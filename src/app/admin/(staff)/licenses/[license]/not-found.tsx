/**
 * 404 for /admin/licenses/<code> naming no known license code (licenseAdmin.detail NOT_FOUND, or a
 * malformed code): says so — not the console's generic "instance or tenant" — with the way back
 * to the list.
 */
import Link from "next/link";
import { getAdminI18n } from "~/i18n/server";

export default async function LicenseNotFound() {
  const { t } = await getAdminI18n();
  return (
    <main className="py-10" data-testid="not-found">
      <p className="text-sm font-semibold text-slate-500">404</p>
      <h1 className="mt-1 text-2xl font-bold">{t("notFound.title")}</h1>
      <p className="mt-2 text-slate-600" data-testid="not-found-text">
        {t("licenses.notFound.text")}
      </p>
      <p className="mt-6 flex gap-4 text-sm">
        <Link href="/admin/licenses" className="text-blue-700 underline" data-testid="not-found-back">
          {t("licenses.notFound.back")}
        </Link>
        <Link href="/admin" className="text-blue-700 underline">
          {t("notFound.back")}
        </Link>
      </p>
    </main>
  );
}

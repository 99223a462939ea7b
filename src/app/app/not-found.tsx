/** 404 inside the customer console's frame (header, language switch), in the page's language. */
import Link from "next/link";
import { getI18n } from "~/i18n/server";

export default async function CustomerNotFound() {
  const { t } = await getI18n();
  return (
    <main className="py-10" data-testid="not-found">
      <p className="text-sm font-semibold text-slate-500">404</p>
      <h1 className="mt-1 text-2xl font-bold">{t("notFound.title")}</h1>
      <p className="mt-2 text-slate-600">{t("notFound.body")}</p>
      <p className="mt-6">
        <Link href="/app" className="text-blue-700 underline" data-testid="not-found-back">
          {t("notFound.backToApp")}
        </Link>
      </p>
    </main>
  );
}

/**
 * 404 outside the two consoles (zh-CN / en from the `lang` cookie or Accept-Language), with a way
 * back. The consoles have their own, inside their frame: src/app/admin/(staff)/not-found.tsx and
 * src/app/app/not-found.tsx.
 */
import type { Metadata } from "next";
import Link from "next/link";
import { getI18n } from "~/i18n/server";

export const metadata: Metadata = { title: "404" };

export default async function NotFound() {
  const { locale, t } = await getI18n();
  return (
    <main lang={locale} className="mx-auto flex min-h-screen max-w-lg flex-col justify-center px-6" data-testid="not-found">
      <p className="text-sm font-semibold text-slate-500">404</p>
      <h1 className="mt-1 text-2xl font-bold">{t("notFound.title")}</h1>
      <p className="mt-2 text-slate-600">{t("notFound.body")}</p>
      <p className="mt-6">
        <Link href="/" className="text-blue-700 underline" data-testid="not-found-back">
          {t("notFound.backToSite")}
        </Link>
      </p>
    </main>
  );
}

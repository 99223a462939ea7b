/**
 * 404 outside the two consoles (zh-CN / en from the `lang` cookie or Accept-Language), with a way
 * back. The consoles have their own, inside their frame: src/app/admin/(staff)/not-found.tsx and
 * src/app/app/not-found.tsx.
 */
import type { Metadata } from "next";
import { NotFoundBody } from "~/app/_shared/not-found-body";
import { getI18n } from "~/i18n/server";

export const metadata: Metadata = { title: "404" };

export default async function NotFound() {
  const { locale, t } = await getI18n();
  return (
    <NotFoundBody
      lang={locale}
      className="mx-auto flex min-h-screen max-w-lg flex-col justify-center px-6"
      title={t("notFound.title")}
      text={t("notFound.body")}
      back={{ href: "/", label: t("notFound.backToSite") }}
    />
  );
}

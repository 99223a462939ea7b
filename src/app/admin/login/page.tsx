/**
 * Staff sign-in (outside the guarded (staff) group, so the guard cannot redirect it to itself),
 * in the console's language with the same switch as the console.
 */
import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getAdminI18n } from "~/i18n/server";
import { getServerAuthSession, isStaffUser } from "~/server/auth";
import { HtmlLang } from "~/app/app/_components/html-lang";
import { LangSwitch } from "~/app/app/_components/lang-switch";
import { loginErrorCode } from "~/server/auth/staff-login-error";
import { safeCallbackPath, staffLoginHref } from "../staff-redirect";
import { LoginForm } from "./login-form";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getAdminI18n();
  return { title: t("login.title") };
}

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function LoginPage({ searchParams }: { searchParams: SearchParams }) {
  const params = await searchParams;
  const callbackPath = safeCallbackPath(params.callbackUrl);
  const session = await getServerAuthSession();
  if (isStaffUser(session?.user)) redirect(callbackPath);
  // next-auth redirects here with ?error=… when a sign-in fails outside the form (pages.error).
  const initialError = typeof params.error === "string" ? loginErrorCode(params.error) : undefined;
  const { locale, t } = await getAdminI18n();

  return (
    <main className="mx-auto flex min-h-screen max-w-sm flex-col justify-center px-6" lang={locale}>
      <HtmlLang locale={locale} />
      {/* The language switch comes back here, keeping where to go after signing in. */}
      <div className="mb-6 flex justify-end text-sm">
        <LangSwitch locale={locale} next={staffLoginHref(callbackPath)} />
      </div>
      <h1 className="text-2xl font-bold">{t("login.title")}</h1>
      <p className="mt-1 text-sm text-slate-600">{t("login.subtitle")}</p>
      <LoginForm callbackPath={callbackPath} initialError={initialError} locale={locale} />
    </main>
  );
}

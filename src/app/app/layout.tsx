/**
 * Frame of the tenant (customer) pages: who is signed in, the language switch, and sign-out.
 * The guard runs here and again in every page (layouts and pages render in parallel).
 * Texts come from src/i18n (the `lang` cookie, else Accept-Language).
 * EXTENSION POINT: add nav entries to NAV (a dictionary key each).
 */
import Link from "next/link";
import type { ReactNode } from "react";
import type { MessageKey } from "~/i18n/dictionary";
import { getI18n } from "~/i18n/server";
import { FOCUS_RINGS } from "./_components/focus";
import { HtmlLang } from "./_components/html-lang";
import { LangSwitch } from "./_components/lang-switch";
import { requireCustomer } from "./require-customer";

const NAV: ReadonlyArray<{ href: string; label: MessageKey }> = [
  { href: "/app", label: "nav.home" },
  { href: "/app#api-console", label: "nav.apiConsole" },
  { href: "/app#projects", label: "nav.projects" },
];

export default async function CustomerLayout({ children }: { children: ReactNode }) {
  const user = await requireCustomer();
  const { locale, t } = await getI18n();
  return (
    <div className={`min-h-screen ${FOCUS_RINGS}`} lang={locale}>
      <HtmlLang locale={locale} />
      <header className="border-b border-slate-200 bg-white">
        <div className="mx-auto flex max-w-5xl flex-wrap items-center gap-x-6 gap-y-2 px-6 py-3">
          <Link href="/app" className="font-semibold">
            {t("app.name")}
          </Link>
          <nav aria-label={t("nav.label")} className="flex gap-4 text-sm">
            {NAV.map((item) => (
              <Link key={item.href} href={item.href} className="text-slate-700 hover:text-blue-700">
                {t(item.label)}
              </Link>
            ))}
          </nav>
          {/* min-w-0 and truncate: a long name (OneAccess allows 64 characters) shortens, the buttons never squeeze. */}
          <div className="ml-auto flex min-w-0 items-center gap-3 text-sm">
            <span className="min-w-0 max-w-48 truncate text-slate-600" data-testid="customer-name" title={user.name}>
              {user.name}
            </span>
            <LangSwitch locale={locale} />
            {/* A plain form: POST /logout revokes the session and goes through the tenant's OneAccess logout. */}
            <form method="post" action="/logout" className="shrink-0">
              <button type="submit" className="whitespace-nowrap rounded border border-slate-300 px-3 py-1 hover:bg-slate-100">
                {t("auth.signOut")}
              </button>
            </form>
          </div>
        </div>
      </header>
      <div className="mx-auto max-w-5xl px-6 py-6">{children}</div>
    </div>
  );
}

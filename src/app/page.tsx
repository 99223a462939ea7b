/**
 * Public home page: what this installation is and the one address the ISV registers in the
 * KooGallery seller console. In the visitor's language (the `lang` cookie, else Accept-Language:
 * src/i18n/server.ts), with the same switch as the other pages.
 */
import type { Metadata } from "next";
import Link from "next/link";
import { connection } from "next/server";
import { getEnv, productionAddress } from "~/env";
import { getI18n } from "~/i18n/server";
import { homeText } from "~/i18n/home";
import { HtmlLang } from "./app/_components/html-lang";
import { LangSwitch } from "./app/_components/lang-switch";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getI18n();
  return { title: { absolute: t("app.name") } };
}

export default async function HomePage() {
  // APP_URL is read per request (not baked in at build time), so one build serves any domain.
  await connection();
  const address = productionAddress(getEnv());
  const { locale, t } = await getI18n();
  const h = homeText(locale);

  return (
    <main className="mx-auto max-w-3xl px-6 py-16" lang={locale}>
      <HtmlLang locale={locale} />
      <div className="flex justify-end text-sm">
        <LangSwitch locale={locale} next="/" />
      </div>
      <h1 className="mt-4 text-3xl font-bold tracking-tight">{t("app.name")}</h1>
      <p className="mt-4 text-lg text-slate-700">{h("home.intro")}</p>

      <section className="mt-10 rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
        <h2 className="text-lg font-semibold">{h("home.address.title")}</h2>
        <p className="mt-2 text-sm text-slate-600">
          {h("home.address.before")} <code className="font-mono">KOOGALLERY_ACCESS_KEY</code>:
        </p>
        <p className="mt-3 break-all rounded bg-slate-100 px-3 py-2 font-mono text-sm" data-testid="production-address">
          {address}
        </p>
      </section>

      <section className="mt-10">
        <h2 className="text-lg font-semibold">{h("home.customers.title")}</h2>
        <p className="mt-3 text-slate-700">
          {h("home.customers.text")}{" "}
          <Link className="text-blue-700 underline" href="/login">
            {h("home.customers.link")}
          </Link>
        </p>
      </section>

      <section className="mt-10">
        <h2 className="text-lg font-semibold">{h("home.staff.title")}</h2>
        <ul className="mt-3 list-disc space-y-1 pl-6 text-slate-700">
          <li>
            <Link className="text-blue-700 underline" href="/admin/calls">
              {h("home.staff.calls")}
            </Link>{" "}
            {h("home.staff.callsNote")}
          </li>
          <li>
            <Link className="text-blue-700 underline" href="/admin/login">
              {h("home.staff.signIn")}
            </Link>
          </li>
        </ul>
      </section>
    </main>
  );
}

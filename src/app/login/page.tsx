/**
 * Customer sign-in (联营账号). Three ways in:
 * - the marketplace unified login (a plain link: its parameters live in the URL fragment);
 * - a known organisation: tenant code or ID → /login/start → the tenant's OneAccess directly;
 * - with the local OneAccess emulator on (development, e2e): the demo tenants, one click each.
 * Refusals and ended sessions come back here as ?error=<code> (src/server/auth/login-errors.ts,
 * and tenant_too_long from ./start/tenant-input.ts), a refused organisation with what was typed
 * (?tenant=, put back in the field);
 * /app without a session sends ?required=1 ("please sign in"). `?next=<path>` (set by the /app
 * guard) is the deep link the direct logins return to, through the redirect guard. The page
 * speaks the customer's language like /app (the `lang` cookie, else Accept-Language) and has the
 * same switch. Notes meant for the developer (a missing KOOGALLERY_APP_ID) only appear with
 * NODE_ENV=development.
 * ISV staff sign in at /admin/login instead.
 */
import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { connection } from "next/server";
import { getEnv } from "~/env";
import { formatNumber } from "~/i18n/format";
import { pickText } from "~/i18n/locales";
import { rich } from "~/i18n/rich";
import { getI18n } from "~/i18n/server";
import { getServerAuthSession, isCustomerUser, isStaffUser } from "~/server/auth";
import { loginErrorMessage } from "~/server/auth/login-errors";
import { CUSTOMER_HOME_PATH, customerNextPath, listEmulatorTenants } from "~/server/auth/oneaccess-routes";
import { ensureDatabaseReady } from "~/server/db";
import { buildUnifiedLoginUrl } from "~/server/oneaccess";
import { FOCUS_RINGS } from "../app/_components/focus";
import { HtmlLang } from "../app/_components/html-lang";
import { LangSwitch } from "../app/_components/lang-switch";
import { TENANT_INPUT_MAX, TENANT_TOO_LONG, typedTenant } from "./start/tenant-input";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getI18n();
  return { title: t("login.title") };
}

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

/** The query parameters this page reads, kept as they came so the language switch can return here. */
const KEPT = ["error", "signedOut", "required", "tenant"] as const;

export default async function CustomerLoginPage({ searchParams }: { searchParams: SearchParams }) {
  await connection();
  const params = await searchParams;
  const errorParam = typeof params.error === "string" ? params.error : undefined;
  const signedOut = params.signedOut === "1";
  const next = customerNextPath(typeof params.next === "string" ? params.next : undefined);
  const nextQuery = next === CUSTOMER_HOME_PATH ? "" : `&next=${encodeURIComponent(next)}`;
  const required = params.required === "1";
  const session = await getServerAuthSession();
  if (isCustomerUser(session?.user) && !errorParam && !signedOut) redirect(next);

  const env = getEnv();
  const { locale, t } = await getI18n();
  const maxText = formatNumber(TENANT_INPUT_MAX, locale);
  // Too long is checked by /login/start itself (./start/tenant-input.ts), worded like the field's hint.
  const refusal = errorParam && errorParam !== TENANT_TOO_LONG ? loginErrorMessage(errorParam) : null;
  const error = refusal
    ? { code: refusal.code as string, message: pickText(refusal.message, locale) }
    : errorParam === TENANT_TOO_LONG
      ? { code: TENANT_TOO_LONG, message: t("login.tenantTooLong", { max: maxText }) }
      : null;
  // What was typed before a refusal, back in the field.
  const typed = typedTenant(params.tenant);
  const unifiedUrl = env.KOOGALLERY_APP_ID
    ? buildUnifiedLoginUrl({ unifiedLoginUrl: env.KOOGALLERY_UNIFIED_LOGIN_URL, appId: env.KOOGALLERY_APP_ID })
    : null;
  const demoTenants = env.ONEACCESS_EMULATOR ? await listEmulatorTenants((await ensureDatabaseReady()).prisma, env) : [];
  const code = (text: string) => <code className="font-mono">{text}</code>;
  const kept = new URLSearchParams();
  for (const k of KEPT) if (typeof params[k] === "string") kept.set(k, params[k]);
  const here = kept.size ? `/login?${kept.toString()}` : "/login";

  return (
    <main lang={locale} className={`mx-auto flex min-h-screen max-w-lg flex-col justify-center px-6 py-12 ${FOCUS_RINGS}`}>
      <HtmlLang locale={locale} />
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-2xl font-bold">{t("login.title")}</h1>
        <LangSwitch locale={locale} next={here} />
      </div>
      <p className="mt-1 text-sm text-slate-600">{t("login.intro")}</p>

      {required && !error && !signedOut ? (
        <div role="status" data-testid="login-required" className="mt-6 rounded border border-blue-200 bg-blue-50 px-4 py-3 text-sm text-blue-900">
          {t("login.required")}
        </div>
      ) : null}
      {error ? (
        <div role="alert" data-testid="login-error" data-code={error.code} className="mt-6 rounded border border-red-200 bg-red-50 px-4 py-3 text-sm text-red-900">
          {error.message}
        </div>
      ) : null}
      {signedOut ? (
        <div role="status" data-testid="signed-out" className="mt-6 rounded border border-green-200 bg-green-50 px-4 py-3 text-sm text-green-900">
          {t("login.signedOut")}
        </div>
      ) : null}
      {isStaffUser(session?.user) ? (
        <p role="status" className="mt-6 rounded border border-amber-200 bg-amber-50 px-4 py-3 text-sm text-amber-900">
          {t("login.staffSession", { name: session.user.name })}{" "}
          <Link href="/admin" className="underline">
            {t("login.backToStaff")}
          </Link>
        </p>
      ) : null}

      {unifiedUrl ? (
        <section className="mt-8">
          <a href={unifiedUrl} data-testid="unified-login" className="block w-full rounded bg-blue-700 px-4 py-3 text-center font-medium text-white hover:bg-blue-800">
            {t("login.unified")}
          </a>
        </section>
      ) : env.NODE_ENV === "development" ? (
        <section className="mt-8">
          <p className="rounded border border-slate-200 bg-white px-4 py-3 text-sm text-slate-600" data-testid="unified-login-unavailable">
            {rich(t("login.unifiedUnavailable"), { variable: code("KOOGALLERY_APP_ID") })}
          </p>
        </section>
      ) : null}

      <section className="mt-8 rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
        <h2 className="font-semibold">{t("login.orgHeading")}</h2>
        <form method="get" action="/login/start" className="mt-3">
          {nextQuery ? <input type="hidden" name="next" value={next} /> : null}
          <label htmlFor="tenant" className="text-sm">
            {t("login.orgLabel")} <span className="text-xs text-slate-500">{t("login.orgHint", { max: maxText })}</span>
          </label>
          <div className="mt-1 flex gap-2">
            <input
              id="tenant"
              name="tenant"
              required
              maxLength={TENANT_INPUT_MAX}
              defaultValue={typed}
              aria-invalid={error?.code === TENANT_TOO_LONG || undefined}
              autoComplete="organization"
              data-testid="tenant-input"
              className="min-w-0 flex-1 rounded border border-slate-300 px-3 py-2 focus:border-blue-600"
            />
            <button type="submit" className="rounded border border-blue-700 px-4 py-2 font-medium text-blue-700 hover:bg-blue-50">
              {t("login.continue")}
            </button>
          </div>
        </form>
      </section>

      {env.ONEACCESS_EMULATOR ? (
        <section className="mt-8 rounded-lg border border-amber-300 bg-amber-50 p-5" data-testid="demo-tenants">
          <h2 className="font-semibold text-amber-900">{t("login.demoHeading")}</h2>
          <p className="mt-1 text-sm text-amber-900">
            {rich(t("login.demoNote"), {
              variable: code("ONEACCESS_EMULATOR"),
              password: env.EMULATOR_PASSWORD ? rich(t("login.demoPasswordVariable"), { variable: code("EMULATOR_PASSWORD") }) : code("demo"),
            })}
          </p>
          {demoTenants.length ? (
            <ul className="mt-3 space-y-1">
              {demoTenants.map((tenant) => (
                <li key={tenant.tenantId} className="break-words">
                  <a className="text-blue-700 underline" href={`/login/start?tenant=${encodeURIComponent(tenant.tenantId)}${nextQuery}`}>
                    {tenant.name}
                  </a>{" "}
                  <span className="font-mono text-xs break-all text-slate-600">
                    {tenant.tenantCode} / {tenant.tenantId}
                  </span>
                </li>
              ))}
            </ul>
          ) : (
            <p className="mt-3 text-sm text-amber-900">{rich(t("login.demoEmpty"), { command: code("npm run db:seed") })}</p>
          )}
        </section>
      ) : null}

      <p className="mt-10 text-sm text-slate-600">
        {t("login.staffQuestion")}{" "}
        <Link href="/admin/login" className="text-blue-700 underline">
          {t("login.staffLink")}
        </Link>
      </p>
    </main>
  );
}

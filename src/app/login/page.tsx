/**
 * Customer sign-in (联营账号). Three ways in:
 * - the marketplace unified login (a plain link: its parameters live in the URL fragment);
 * - a known organisation: tenant code or ID → /login/start → the tenant's OneAccess directly;
 * - with the local OneAccess emulator on (development, e2e): the demo tenants, one click each.
 * Refusals and ended sessions come back here as ?error=<code> (src/server/auth/login-errors.ts).
 * `?next=<path>` (set by the /app guard) is the deep link the direct logins return to, through
 * the redirect guard.
 * ISV staff sign in at /admin/login instead.
 */
import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { connection } from "next/server";
import { getEnv } from "~/env";
import { getServerAuthSession, isCustomerUser, isStaffUser } from "~/server/auth";
import { loginErrorMessage } from "~/server/auth/login-errors";
import { CUSTOMER_HOME_PATH, customerNextPath, listEmulatorTenants } from "~/server/auth/oneaccess-routes";
import { ensureDatabaseReady } from "~/server/db";
import { buildUnifiedLoginUrl } from "~/server/oneaccess";

export const metadata: Metadata = { title: "Sign in · 登录" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function CustomerLoginPage({ searchParams }: { searchParams: SearchParams }) {
  await connection();
  const params = await searchParams;
  const errorParam = typeof params.error === "string" ? params.error : undefined;
  const signedOut = params.signedOut === "1";
  const next = customerNextPath(typeof params.next === "string" ? params.next : undefined);
  const nextQuery = next === CUSTOMER_HOME_PATH ? "" : `&next=${encodeURIComponent(next)}`;
  const session = await getServerAuthSession();
  if (isCustomerUser(session?.user) && !errorParam && !signedOut) redirect(next);

  const env = getEnv();
  const error = errorParam ? loginErrorMessage(errorParam) : null;
  const unifiedUrl = env.KOOGALLERY_APP_ID
    ? buildUnifiedLoginUrl({ unifiedLoginUrl: env.KOOGALLERY_UNIFIED_LOGIN_URL, appId: env.KOOGALLERY_APP_ID })
    : null;
  const demoTenants = env.ONEACCESS_EMULATOR ? await listEmulatorTenants((await ensureDatabaseReady()).prisma, env) : [];

  return (
    <main className="mx-auto flex min-h-screen max-w-lg flex-col justify-center px-6 py-12">
      <h1 className="text-2xl font-bold">
        Sign in <span lang="zh-CN" className="text-slate-500">· 登录</span>
      </h1>
      <p className="mt-1 text-sm text-slate-600">
        Use your organisation&apos;s 联营账号 (Huawei Cloud KooGallery joint-operation account).
      </p>

      {error ? (
        <div role="alert" data-testid="login-error" data-code={error.code} className="mt-6 rounded border border-red-200 bg-red-50 px-4 py-3 text-sm text-red-900">
          <p lang="zh-CN">{error.message.zh}</p>
          <p className="mt-1">{error.message.en}</p>
        </div>
      ) : null}
      {signedOut ? (
        <div role="status" data-testid="signed-out" className="mt-6 rounded border border-green-200 bg-green-50 px-4 py-3 text-sm text-green-900">
          <p lang="zh-CN">您已安全退出。</p>
          <p className="mt-1">You have signed out.</p>
        </div>
      ) : null}
      {isStaffUser(session?.user) ? (
        <p role="status" className="mt-6 rounded border border-amber-200 bg-amber-50 px-4 py-3 text-sm text-amber-900">
          You are signed in as ISV staff ({session.user.name}). Signing in with a 联营账号 here replaces that session.{" "}
          <Link href="/admin" className="underline">
            Back to the staff console
          </Link>
        </p>
      ) : null}

      <section className="mt-8">
        {unifiedUrl ? (
          <a
            href={unifiedUrl}
            data-testid="unified-login"
            className="block w-full rounded bg-blue-700 px-4 py-3 text-center font-medium text-white hover:bg-blue-800"
          >
            Sign in with 联营账号 <span lang="zh-CN">· 联营账号登录</span>
          </a>
        ) : (
          <p className="rounded border border-slate-200 bg-white px-4 py-3 text-sm text-slate-600" data-testid="unified-login-unavailable">
            The KooGallery unified login needs <code className="font-mono">KOOGALLERY_APP_ID</code> (the 应用凭证&apos;s appId). Use your
            organisation&apos;s code below.
          </p>
        )}
      </section>

      <section className="mt-8 rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
        <h2 className="font-semibold">
          Sign in to a known organisation <span lang="zh-CN" className="font-normal text-slate-500">· 指定企业登录</span>
        </h2>
        <form method="get" action="/login/start" className="mt-3 flex gap-2">
          {nextQuery ? <input type="hidden" name="next" value={next} /> : null}
          <label className="sr-only" htmlFor="tenant">
            Tenant code or ID
          </label>
          <input
            id="tenant"
            name="tenant"
            required
            maxLength={64}
            autoComplete="organization"
            placeholder="Tenant code or ID · 企业编码或租户ID"
            className="min-w-0 flex-1 rounded border border-slate-300 px-3 py-2 focus:border-blue-600 focus:outline-none"
          />
          <button type="submit" className="rounded border border-blue-700 px-4 py-2 font-medium text-blue-700 hover:bg-blue-50">
            Continue
          </button>
        </form>
      </section>

      {env.ONEACCESS_EMULATOR ? (
        <section className="mt-8 rounded-lg border border-amber-300 bg-amber-50 p-5" data-testid="demo-tenants">
          <h2 className="font-semibold text-amber-900">Demo organisations (local OneAccess emulator)</h2>
          <p className="mt-1 text-sm text-amber-900">
            Development only (<code className="font-mono">ONEACCESS_EMULATOR</code> is on). Every demo user&apos;s password is{" "}
            {env.EMULATOR_PASSWORD ? (
              <>
                the <code className="font-mono">EMULATOR_PASSWORD</code>
              </>
            ) : (
              <code className="font-mono">demo</code>
            )}
            .
          </p>
          {demoTenants.length ? (
            <ul className="mt-3 space-y-1">
              {demoTenants.map((t) => (
                <li key={t.tenantId}>
                  <a className="text-blue-700 underline" href={`/login/start?tenant=${encodeURIComponent(t.tenantId)}${nextQuery}`}>
                    {t.name}
                  </a>{" "}
                  <span className="font-mono text-xs text-slate-600">
                    {t.tenantCode} / {t.tenantId}
                  </span>
                </li>
              ))}
            </ul>
          ) : (
            <p className="mt-3 text-sm text-amber-900">
              No tenant uses the emulator yet: run <code className="font-mono">npm run db:seed</code>.
            </p>
          )}
        </section>
      ) : null}

      <p className="mt-10 text-sm text-slate-600">
        ISV staff?{" "}
        <Link href="/admin/login" className="text-blue-700 underline">
          Staff sign-in
        </Link>
      </p>
    </main>
  );
}

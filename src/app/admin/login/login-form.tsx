"use client";
/**
 * Posts the credentials to next-auth's "staff" provider without a full-page redirect, so a
 * wrong password is shown right here instead of on next-auth's error page.
 */
import { useRouter } from "next/navigation";
import { signIn } from "next-auth/react";
import { useState, type FormEvent } from "react";
import { useHydrated } from "~/app/_shared/use-hydrated";
import { getAdminTranslator, type AdminTranslate } from "~/i18n/admin/dictionary";
import type { Locale } from "~/i18n/locales";
import { parseStaffLoginError } from "~/server/auth/staff-login-error";

/** The sentence for a next-auth error code, in the page's language. */
function errorText(t: AdminTranslate, code: string): string {
  const error = parseStaffLoginError(code);
  if (error.kind !== "locked") return t(`login.error.${error.kind}`);
  const { unit, n } = error.wait;
  return t("login.error.locked", { wait: t(`login.wait.${unit}${n === 1 ? "" : "s"}` as const, { n }) });
}

export function LoginForm({ callbackPath, initialError, locale }: { callbackPath: string; initialError?: string; locale: Locale }) {
  const router = useRouter();
  const t = getAdminTranslator(locale);
  const messageFor = (code: string) => errorText(t, code);
  const [error, setError] = useState<string | null>(initialError ? messageFor(initialError) : null);
  const [pending, setPending] = useState(false);
  // Until hydrated the submit button is off: a native submit would put the password in the URL.
  const hydrated = useHydrated();

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setPending(true);
    setError(null);
    try {
      const res = await signIn("staff", {
        redirect: false,
        username: String(form.get("username") ?? ""),
        password: String(form.get("password") ?? ""),
      });
      if (!res || res.error || !res.ok) {
        setError(messageFor(res?.error ?? ""));
        return;
      }
      router.replace(callbackPath);
      router.refresh();
    } catch {
      setError(t("login.unreachable"));
    } finally {
      setPending(false);
    }
  }

  return (
    <form onSubmit={onSubmit} className="mt-6 space-y-4" noValidate>
      <label className="block">
        <span className="text-sm font-medium">{t("login.userName")}</span>
        <input
          name="username"
          autoComplete="username"
          required
          className="mt-1 block w-full rounded border border-slate-300 px-3 py-2 focus:border-blue-600 focus:outline-none"
        />
      </label>
      <label className="block">
        <span className="text-sm font-medium">{t("login.password")}</span>
        <input
          name="password"
          type="password"
          autoComplete="current-password"
          required
          className="mt-1 block w-full rounded border border-slate-300 px-3 py-2 focus:border-blue-600 focus:outline-none"
        />
      </label>
      {error ? (
        <p role="alert" data-testid="login-error" className="rounded border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
          {error}
        </p>
      ) : null}
      <button
        type="submit"
        disabled={pending || !hydrated}
        className="w-full rounded bg-blue-700 px-4 py-2 font-medium text-white hover:bg-blue-800 disabled:opacity-60"
      >
        {pending ? t("login.submitting") : t("login.submit")}
      </button>
    </form>
  );
}

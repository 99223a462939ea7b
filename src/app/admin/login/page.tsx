/**
 * Staff sign-in (outside the guarded (staff) group, so the guard cannot redirect it to itself).
 */
import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getServerAuthSession, isStaffUser } from "~/server/auth";
import { safeCallbackPath } from "../staff-redirect";
import { LoginForm } from "./login-form";

export const metadata: Metadata = { title: "Staff sign-in" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function LoginPage({ searchParams }: { searchParams: SearchParams }) {
  const params = await searchParams;
  const callbackPath = safeCallbackPath(params.callbackUrl);
  const session = await getServerAuthSession();
  if (isStaffUser(session?.user)) redirect(callbackPath);
  // next-auth redirects here with ?error=… when a sign-in fails outside the form (pages.error).
  const initialError = typeof params.error === "string" ? params.error : undefined;

  return (
    <main className="mx-auto flex min-h-screen max-w-sm flex-col justify-center px-6">
      <h1 className="text-2xl font-bold">Staff sign-in</h1>
      <p className="mt-1 text-sm text-slate-600">KooGallery SaaS Starter administration</p>
      <LoginForm callbackPath={callbackPath} initialError={initialError} />
    </main>
  );
}

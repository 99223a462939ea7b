"use client";
import { useRouter } from "next/navigation";
import { signOut } from "next-auth/react";
import { useHydrated } from "~/app/_shared/use-hydrated";

export function SignOutButton({ label }: { label: string }) {
  const router = useRouter();
  const hydrated = useHydrated();
  return (
    <button
      type="button"
      disabled={!hydrated}
      className="rounded border border-slate-300 px-3 py-1 hover:bg-slate-100"
      onClick={async () => {
        // redirect:false + client navigation: does not depend on NEXTAUTH_URL being the public URL.
        await signOut({ redirect: false });
        router.replace("/admin/login");
        router.refresh();
      }}
    >
      {label}
    </button>
  );
}

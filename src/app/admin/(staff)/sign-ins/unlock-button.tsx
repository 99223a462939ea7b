"use client";
/**
 * Lifts one sign-in lock (signInAdmin.unlock), then refreshes the server-rendered list. Owners
 * only: a viewer sees the button disabled with the reason, and the server refuses it anyway.
 */
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useHydrated } from "~/app/_shared/use-hydrated";
import { getAdminTranslator } from "~/i18n/admin/dictionary";
import { useTRPC } from "~/trpc/react";
import { useStaffRole } from "../staff-role";

export function UnlockButton({ scope, lockKey }: { scope: "address" | "user"; lockKey: string }) {
  const trpc = useTRPC();
  const router = useRouter();
  const { role, locale } = useStaffRole();
  const t = getAdminTranslator(locale);
  const hydrated = useHydrated();
  const unlock = useMutation(trpc.signInAdmin.unlock.mutationOptions({ onSuccess: () => router.refresh() }));
  const ownerOnly = role !== "owner" ? t("ops.ownerOnly") : undefined;
  return (
    <>
      <button
        type="button"
        className="ml-2 whitespace-nowrap rounded border border-amber-300 bg-white px-2 py-0.5 text-xs text-amber-900 hover:bg-amber-100 disabled:opacity-50"
        disabled={!hydrated || !!ownerOnly || unlock.isPending}
        title={ownerOnly}
        data-testid="lock-lift"
        onClick={() => unlock.mutate({ scope, key: lockKey })}
      >
        {t("signIns.unlock")}
      </button>
      {unlock.error ? (
        <span role="alert" className="ml-2 text-xs text-red-700" data-testid="lock-lift-error">
          {unlock.error.data?.appError?.message[locale === "zh-CN" ? "zh" : "en"] ?? unlock.error.message}
        </span>
      ) : null}
    </>
  );
}

"use client";
/**
 * Re-queue of a dead letter: the owner-only `usageAdmin.requeue` mutation (recorded with the staff
 * member's name and the time), then a refresh of the server-rendered page — the record shows as
 * PENDING, due now, and the button goes away. A refusal (no longer FAILED, too old to bill,
 * session expired …) is shown next to the button.
 */
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useHydrated } from "~/app/_shared/use-hydrated";
import { useTRPC } from "~/trpc/react";
import { getAdminTranslator } from "~/i18n/admin/dictionary";
import { useStaffRole } from "../staff-role";

export function RequeueButton({ id, meteringSn }: { id: string; meteringSn: string }) {
  const trpc = useTRPC();
  const router = useRouter();
  const hydrated = useHydrated();
  const requeue = useMutation(trpc.usageAdmin.requeue.mutationOptions({ onSuccess: () => router.refresh() }));
  // Owner-only (the server refuses a viewer too): disabled, with the reason as its title.
  const { role, locale } = useStaffRole();
  const t = getAdminTranslator(locale);
  const ownerOnly = role !== "owner" ? t("ops.ownerOnly") : undefined;
  return (
    <div className="flex flex-col items-start gap-1">
      <button
        type="button"
        data-testid="requeue-button"
        aria-label={t("usage.requeue.aria", { sn: meteringSn })}
        disabled={!hydrated || !!ownerOnly || requeue.isPending || requeue.isSuccess}
        title={ownerOnly}
        onClick={() => requeue.mutate({ id })}
        className="rounded border border-blue-700 px-2 py-0.5 text-xs font-medium text-blue-700 hover:bg-blue-50 disabled:opacity-50"
      >
        {requeue.isPending ? t("usage.requeue.running") : requeue.isSuccess ? t("usage.requeue.done") : t("usage.requeue.button")}
      </button>
      {requeue.error ? (
        <p role="alert" className="max-w-48 text-xs text-red-700">
          {requeue.error.data?.appError?.message[locale === "en" ? "en" : "zh"] ?? requeue.error.message}
        </p>
      ) : null}
    </div>
  );
}

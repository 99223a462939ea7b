"use client";
/**
 * Retry of a FAILED usage record: the staff-only `usageAdmin.retry` mutation, then a refresh of
 * the server-rendered page (the record shows as PENDING, due now, and the button goes away).
 * A refusal (record no longer FAILED, session expired …) is shown next to the button.
 */
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useTRPC } from "~/trpc/react";

export function RetryButton({ id, meteringSn }: { id: string; meteringSn: string }) {
  const trpc = useTRPC();
  const router = useRouter();
  const retry = useMutation(trpc.usageAdmin.retry.mutationOptions({ onSuccess: () => router.refresh() }));
  return (
    <div className="flex flex-col items-start gap-1">
      <button
        type="button"
        data-testid="retry-button"
        aria-label={`Retry ${meteringSn}`}
        disabled={retry.isPending || retry.isSuccess}
        onClick={() => retry.mutate({ id })}
        className="rounded border border-blue-700 px-2 py-0.5 text-xs font-medium text-blue-700 hover:bg-blue-50 disabled:opacity-50"
      >
        {retry.isPending ? "Retrying…" : retry.isSuccess ? "Queued" : "Retry"}
      </button>
      {retry.error ? (
        <p role="alert" className="max-w-48 text-xs text-red-700">
          {retry.error.data?.appError?.message.en ?? retry.error.message}
        </p>
      ) : null}
    </div>
  );
}

"use client";
/**
 * "Re-run against this server": the owner-only callLog.rerun mutation (a rolled-back dry run,
 * src/server/marketplace/dry-run.ts) and its answer. Viewers see the button disabled with the
 * reason; a call that cannot be re-run honestly shows why instead of a button.
 */
import { useMutation } from "@tanstack/react-query";
import { getAdminTranslator } from "~/i18n/admin/dictionary";
import { formatInTimeZone } from "~/i18n/format";
import type { RerunRefusal } from "~/server/marketplace/dry-run";
import { useHydrated } from "~/app/_shared/use-hydrated";
import { useTRPC } from "~/trpc/react";
import { CopyButton } from "../../copy-button";
import { useStaffRole } from "../../staff-role";

export function RerunPanel({ id, refusal, loggedCode }: { id: string; refusal: RerunRefusal | null; loggedCode: string | null }) {
  const trpc = useTRPC();
  const { role, locale } = useStaffRole();
  const t = getAdminTranslator(locale);
  const rerun = useMutation(trpc.callLog.rerun.mutationOptions());
  const hydrated = useHydrated();
  const ownerOnly = role !== "owner" ? t("ops.ownerOnly") : undefined;
  const answer = rerun.data;
  const text = answer ? JSON.stringify(answer.response, null, 2) : "";
  return (
    <section className="rounded border border-slate-200 bg-white p-4" data-testid="rerun-panel">
      <h2 className="font-semibold">{t("ops.rerun.title")}</h2>
      <p className="mt-1 text-sm text-slate-600">{t("ops.rerun.explain")}</p>
      {refusal ? (
        <p className="mt-3 text-sm text-amber-900" data-testid="rerun-refused">
          {t("ops.rerun.refused", { reason: t(`ops.rerun.refusal.${refusal.code}`, refusal.code === "outbound" ? { activity: refusal.activity } : undefined) })}
        </p>
      ) : (
        <div className="mt-3 flex flex-wrap items-center gap-3">
          <button
            type="button"
            data-testid="rerun-button"
            disabled={!hydrated || !!ownerOnly || rerun.isPending}
            title={ownerOnly}
            onClick={() => rerun.mutate({ id })}
            className="rounded bg-blue-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-blue-800 disabled:opacity-50"
          >
            {rerun.isPending ? t("ops.rerun.running") : t("ops.rerun.button")}
          </button>
          {ownerOnly ? <span className="text-xs text-slate-500">{ownerOnly}</span> : null}
        </div>
      )}
      {rerun.error ? (
        <p role="alert" className="mt-3 text-sm text-red-700">
          {rerun.error.data?.appError?.message[locale === "en" ? "en" : "zh"] ?? rerun.error.message}
          {/* The server's detail, in English for logs and support. */}
          {rerun.error.message ? <span className="block text-xs text-slate-500 [overflow-wrap:anywhere]" data-i18n-exempt="server detail">{rerun.error.message}</span> : null}
        </p>
      ) : null}
      {answer ? (
        <div className="mt-3" data-testid="rerun-answer">
          <div className="flex items-center justify-between gap-2">
            <h3 className="text-sm font-semibold text-slate-700">{t("ops.rerun.answer", { at: formatInTimeZone(new Date(answer.ranAtMs), Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC", true) })}</h3>
            <CopyButton value={text} label={t("ops.copy")} copied={t("ops.copied")} failed={t("ops.copyFailed")} testId="rerun-copy" />
          </div>
          <p className="text-xs text-slate-600">{answer.response.resultCode === loggedCode ? t("ops.rerun.same") : t("ops.rerun.differs", { code: loggedCode ?? "—" })}</p>
          <pre className="mt-1 whitespace-pre-wrap rounded bg-slate-900 p-3 font-mono text-xs text-slate-100 [overflow-wrap:anywhere]">{text}</pre>
        </div>
      ) : null}
    </section>
  );
}

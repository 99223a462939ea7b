"use client";
/**
 * The export button and the recent exports (dataExport.create / the server-rendered list): the
 * demo's second metered feature. The button is disabled with the reason when the server would
 * refuse (not in the plan, product stopped, this month's exports used up); the server still
 * checks everything and its refusals are shown with code and message in the user's language.
 * Each click carries a requestId, so a retried request is counted once. The CSV comes back in the
 * answer and is handed to the browser as a download; the card is refreshed after every answer.
 */
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { getTranslator } from "~/i18n/dictionary";
import { formatNumber } from "~/i18n/format";
import type { Locale } from "~/i18n/locales";
import { rich } from "~/i18n/rich";
import { useTRPC } from "~/trpc/react";
import { LocalTime } from "./local-time";
import { refusalOf, useRequestGuard, type Refusal } from "./request-guard";
import { newRequestId } from "./request-id";

export interface ExportRow {
  id: string;
  rowCount: number;
  createdBy: string;
  /** Epoch milliseconds. */
  createdAt: number;
}

interface Props {
  locale: Locale;
  items: ExportRow[];
  /** Why an export cannot succeed now, or null. */
  blocked: string | null;
  offsetMinutes: number;
}

function download(csv: string): void {
  const url = URL.createObjectURL(new Blob([csv], { type: "text/csv;charset=utf-8" }));
  const a = document.createElement("a");
  a.href = url;
  a.download = "projects.csv";
  a.click();
  URL.revokeObjectURL(url);
}

export function ExportsPanel({ locale, items, blocked, offsetMinutes }: Props) {
  const t = getTranslator(locale);
  const trpc = useTRPC();
  const router = useRouter();
  const [failure, setFailure] = useState<Refusal | null>(null);
  const [done, setDone] = useState<{ rows: number; replayed: boolean; csv: string } | null>(null);
  const create = useMutation(
    trpc.dataExport.create.mutationOptions({
      onSuccess: (r) => {
        setDone({ rows: r.export.rowCount, replayed: r.replayed, csv: r.csv });
        download(r.csv);
      },
      onError: (err) => setFailure(refusalOf(err, locale, t("exports.failed"))),
      onSettled: () => router.refresh(),
    }),
  );
  const guard = useRequestGuard(create.isPending);

  function exportNow() {
    if (guard.busy() || blocked) return;
    setFailure(null);
    setDone(null);
    create.mutate({ requestId: newRequestId() }, guard.track());
  }

  return (
    <div className="mt-4 space-y-4">
      <div className="flex flex-wrap items-center gap-3">
        <button
          type="button"
          onClick={exportNow}
          disabled={guard.disabled || blocked !== null}
          aria-busy={create.isPending}
          data-testid="export-create"
          className="rounded bg-blue-700 px-4 py-1.5 text-sm font-medium text-white hover:bg-blue-800 disabled:cursor-not-allowed disabled:opacity-60"
        >
          {create.isPending ? t("exports.creating") : t("exports.create")}
        </button>
        {done ? (
          <button type="button" onClick={() => download(done.csv)} className="text-sm text-blue-700 underline" data-testid="export-download">
            {t("exports.download")}
          </button>
        ) : null}
      </div>
      {blocked ? (
        <p data-testid="export-blocked" className="rounded border border-amber-300 bg-amber-50 px-4 py-2 text-sm text-amber-950">
          {blocked}
        </p>
      ) : null}
      <div aria-live="polite">
        {done ? (
          <p data-testid="export-done" data-rows={done.rows} className="rounded border border-green-200 bg-green-50 px-4 py-2 text-sm text-green-900">
            {done.replayed ? t("exports.replayed") : t("exports.done", { rows: formatNumber(done.rows, locale) })}
          </p>
        ) : null}
        {failure ? (
          <div data-testid="export-error" data-code={failure.code} className="rounded border border-red-200 bg-red-50 px-4 py-3 text-sm text-red-900">
            <p className="font-medium">{t("exports.refused")}</p>
            <p>{failure.message}</p>
          </div>
        ) : null}
      </div>
      <div>
        <h3 className="text-sm font-medium text-slate-700">{t("exports.history")}</h3>
        {items.length === 0 ? (
          <p className="mt-1 text-sm text-slate-600" data-testid="exports-empty">
            {t("exports.empty")}
          </p>
        ) : (
          <ul className="mt-1 divide-y divide-slate-200 border-y border-slate-200 text-sm" data-testid="export-list">
            {items.map((e) => (
              <li key={e.id} data-testid="export-item" className="py-2 text-xs text-slate-600">
                {rich(t("exports.meta"), {
                  rows: formatNumber(e.rowCount, locale),
                  user: e.createdBy,
                  date: <LocalTime at={e.createdAt} fallbackOffsetMinutes={offsetMinutes} />,
                })}
              </li>
            ))}
          </ul>
        )}
      </div>
    </div>
  );
}

"use client";
/**
 * The projects list with its create form and delete buttons (project.create / project.delete).
 * What cannot succeed is disabled with the reason shown (`createBlocked`, `deleteBlocked`, a
 * name longer than the limit — counted as you type, never cut off); the server still checks
 * everything and its refusals (QUOTA_EXCEEDED, PROJECT_NAME_TAKEN, INSTANCE_FROZEN …) are shown
 * with their code and message in the user's language — until the name is edited or a later
 * request succeeds (an empty name, checked here, is an input problem, not a refusal). Deleting
 * asks for confirmation in the row. Buttons are disabled while a request is in flight; after every answer the
 * server-rendered card and quota bars are refreshed (router.refresh()).
 */
import { useMutation } from "@tanstack/react-query";
import type { TRPCClientErrorLike } from "@trpc/client";
import { useRouter } from "next/navigation";
import { useEffect, useId, useRef, useState, type FormEvent } from "react";
import { getTranslator, type Translate } from "~/i18n/dictionary";
import { formatNumber } from "~/i18n/format";
import type { Locale } from "~/i18n/locales";
import { rich } from "~/i18n/rich";
import type { AppRouter } from "~/server/api/root";
import { useTRPC } from "~/trpc/react";
import { LocalTime } from "./local-time";
import { inputProblem, refusalOf, useRequestGuard, type Refusal } from "./request-guard";

/** As the server's projectName (project.schema.ts, on the trimmed name); the server checks again. */
export const PROJECT_NAME_MAX = 80;

export interface ProjectRow {
  id: string;
  name: string;
  createdBy: string;
  /** Epoch milliseconds. */
  createdAt: number;
}

interface Props {
  locale: Locale;
  items: ProjectRow[];
  /** The plan has a projects quota: show the create form. */
  canCreate: boolean;
  /** Why creating cannot succeed now (at the limit, product stopped), or null. */
  createBlocked: string | null;
  /** Why deleting cannot succeed now (product stopped), or null. */
  deleteBlocked: string | null;
  offsetMinutes: number;
}

export function ProjectsPanel({ locale, items, canCreate, createBlocked, deleteBlocked, offsetMinutes }: Props) {
  const t = getTranslator(locale);
  const trpc = useTRPC();
  const router = useRouter();
  const inputId = useId();
  const countId = useId();
  const reasonId = useId();
  const [name, setName] = useState("");
  const [failure, setFailure] = useState<Refusal | null>(null);
  const [confirming, setConfirming] = useState<string | null>(null);

  const onError = (err: TRPCClientErrorLike<AppRouter>) => setFailure(refusalOf(err, locale, t("projects.failed")));
  const create = useMutation(
    trpc.project.create.mutationOptions({
      onSuccess: () => {
        setName("");
        setFailure(null);
      },
      onError,
      onSettled: () => router.refresh(),
    }),
  );
  const remove = useMutation(trpc.project.delete.mutationOptions({ onSuccess: () => setFailure(null), onError, onSettled: () => router.refresh() }));
  const guard = useRequestGuard(create.isPending || remove.isPending);
  const deletingId = remove.isPending ? remove.variables?.id : undefined;

  const length = name.trim().length;
  const tooLong = length > PROJECT_NAME_MAX;
  const max = formatNumber(PROJECT_NAME_MAX, locale);
  // One reason at a time next to the form: what blocks every create first, then this name.
  const blocked = createBlocked ?? (tooLong ? t("projects.nameTooLong", { count: formatNumber(length, locale), max }) : null);

  function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    if (guard.busy() || blocked) return;
    const trimmed = name.trim();
    if (trimmed.length === 0) {
      setFailure(inputProblem(t("projects.invalidName", { min: formatNumber(1, locale), max })));
      return;
    }
    setFailure(null);
    create.mutate({ name: trimmed }, guard.track());
  }

  function del(id: string) {
    if (guard.busy() || deleteBlocked) return;
    setConfirming(null);
    setFailure(null);
    remove.mutate({ id }, guard.track());
  }

  // While stopped there is no form; say once why the list cannot change.
  const listReason = !canCreate && deleteBlocked ? deleteBlocked : null;

  return (
    <div className="mt-4 space-y-4">
      {canCreate ? (
        <form onSubmit={submit} noValidate className="flex flex-wrap items-end gap-3">
          <div className="min-w-0 max-w-full text-sm">
            <label htmlFor={inputId}>
              {t("projects.name")} <span className="text-xs text-slate-500">{t("projects.nameHint", { max })}</span>
            </label>
            <input
              id={inputId}
              type="text"
              required
              autoComplete="off"
              value={name}
              readOnly={!guard.hydrated}
              onChange={(e) => {
                setName(e.target.value);
                // A refusal was about the name as it was (taken, empty): not about this one.
                setFailure(null);
              }}
              aria-invalid={tooLong}
              aria-describedby={countId}
              data-testid="project-name"
              className={`mt-1 block w-64 max-w-full rounded border px-3 py-1.5 ${
                tooLong ? "border-red-600 focus:border-red-700" : "border-slate-300 focus:border-blue-600"
              }`}
            />
            <p id={countId} data-testid="project-name-count" data-count={length} className={`mt-0.5 text-xs ${tooLong ? "font-medium text-red-800" : "text-slate-500"}`}>
              {t("projects.nameCount", { count: formatNumber(length, locale), max })}
            </p>
          </div>
          <button
            type="submit"
            disabled={guard.disabled || blocked !== null}
            aria-busy={create.isPending}
            aria-describedby={blocked ? reasonId : undefined}
            data-testid="project-create"
            className="mb-5 rounded bg-blue-700 px-4 py-1.5 text-sm font-medium text-white hover:bg-blue-800 disabled:cursor-not-allowed disabled:opacity-60"
          >
            {create.isPending ? t("projects.creating") : t("projects.create")}
          </button>
        </form>
      ) : null}
      {canCreate && blocked ? (
        <p id={reasonId} data-testid="project-create-blocked" className="rounded border border-amber-300 bg-amber-50 px-4 py-2 text-sm text-amber-950">
          {blocked}
        </p>
      ) : null}
      {listReason ? (
        <p data-testid="projects-blocked" className="rounded border border-amber-300 bg-amber-50 px-4 py-2 text-sm text-amber-950">
          {listReason}
        </p>
      ) : null}

      <div aria-live="polite">
        {failure ? (
          <div
            data-testid="project-error"
            data-code={failure.code}
            data-input={failure.input ? "true" : undefined}
            className="rounded border border-red-200 bg-red-50 px-4 py-3 text-sm text-red-900"
          >
            <p className="font-medium" data-testid="project-error-title">
              {failure.input ? t("projects.invalidTitle") : t("projects.refused")}
            </p>
            <p>{failure.message}</p>
          </div>
        ) : null}
      </div>

      {items.length === 0 ? (
        <p className="text-sm text-slate-600" data-testid="projects-empty">
          {t("projects.empty")}
        </p>
      ) : (
        <ul className="divide-y divide-slate-200 border-y border-slate-200 text-sm" data-testid="project-list">
          {items.map((p) => (
            <li key={p.id} data-testid="project-item" data-id={p.id} className="py-2">
              <div className="flex flex-wrap items-center justify-between gap-x-4 gap-y-1">
                <div className="min-w-0">
                  <p className="font-medium break-words" data-testid="project-item-name">
                    {p.name}
                  </p>
                  <p className="text-xs text-slate-600">
                    {rich(t("projects.meta"), { user: p.createdBy, date: <LocalTime at={p.createdAt} fallbackOffsetMinutes={offsetMinutes} /> })}
                  </p>
                </div>
                {confirming === p.id ? null : (
                  <button
                    type="button"
                    onClick={() => setConfirming(p.id)}
                    disabled={guard.disabled || deleteBlocked !== null}
                    aria-busy={deletingId === p.id}
                    aria-label={t("projects.deleteLabel", { name: p.name })}
                    title={deleteBlocked ?? undefined}
                    data-testid="project-delete"
                    className="rounded border border-red-300 px-3 py-1 text-xs text-red-800 hover:bg-red-50 disabled:cursor-not-allowed disabled:opacity-60"
                  >
                    {deletingId === p.id ? t("projects.deleting") : t("projects.delete")}
                  </button>
                )}
              </div>
              {confirming === p.id ? (
                <ConfirmDelete name={p.name} t={t} disabled={guard.disabled} onConfirm={() => del(p.id)} onCancel={() => setConfirming(null)} />
              ) : null}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** The row's "are you sure?": focus lands on Cancel, Escape cancels. */
function ConfirmDelete({ name, t, disabled, onConfirm, onCancel }: { name: string; t: Translate; disabled: boolean; onConfirm: () => void; onCancel: () => void }) {
  const cancelRef = useRef<HTMLButtonElement>(null);
  const textId = useId();
  useEffect(() => cancelRef.current?.focus(), []);
  return (
    <div
      role="group"
      aria-labelledby={textId}
      data-testid="project-delete-confirmation"
      onKeyDown={(e) => {
        if (e.key === "Escape") onCancel();
      }}
      className="mt-2 flex flex-wrap items-center gap-x-3 gap-y-2 rounded border border-red-200 bg-red-50 px-3 py-2"
    >
      <p id={textId} className="min-w-0 flex-1 basis-48 break-words text-red-900">
        {t("projects.confirmDelete", { name })}
      </p>
      <div className="flex gap-2">
        <button
          type="button"
          onClick={onConfirm}
          disabled={disabled}
          data-testid="project-delete-confirm"
          className="rounded bg-red-700 px-3 py-1 text-xs font-medium text-white hover:bg-red-800 disabled:cursor-not-allowed disabled:opacity-60"
        >
          {t("projects.confirmYes")}
        </button>
        <button ref={cancelRef} type="button" onClick={onCancel} data-testid="project-delete-cancel" className="rounded border border-slate-300 bg-white px-3 py-1 text-xs hover:bg-slate-100">
          {t("projects.confirmNo")}
        </button>
      </div>
    </div>
  );
}

"use client";
/**
 * The projects list with its create form and delete buttons (project.create / project.delete).
 * The quota is the server's to enforce: the form is shown even at the limit, and a refusal
 * (QUOTA_EXCEEDED, PROJECT_NAME_TAKEN, INSTANCE_FROZEN …) is shown with its code and message in
 * the user's language. Buttons are disabled while a request is in flight; after every answer the
 * server-rendered card and quota bars are refreshed (router.refresh()).
 */
import { useMutation } from "@tanstack/react-query";
import type { TRPCClientErrorLike } from "@trpc/client";
import { useRouter } from "next/navigation";
import { useId, useState, type FormEvent } from "react";
import { getTranslator } from "~/i18n/dictionary";
import type { Locale } from "~/i18n/locales";
import type { AppRouter } from "~/server/api/root";
import { useTRPC } from "~/trpc/react";
import { refusalOf, useRequestGuard, type Refusal } from "./request-guard";

/** As the server's projectName (project.schema.ts); the server checks again. */
const NAME_MAX = 80;

export interface ProjectRow {
  id: string;
  name: string;
  createdBy: string;
  /** Already formatted (formatDateTime in the page's offset). */
  createdAt: string;
}

interface Props {
  locale: Locale;
  items: ProjectRow[];
  /** The plan has a projects quota: show the create form. */
  canCreate: boolean;
}

export function ProjectsPanel({ locale, items, canCreate }: Props) {
  const t = getTranslator(locale);
  const trpc = useTRPC();
  const router = useRouter();
  const inputId = useId();
  const [name, setName] = useState("");
  const [failure, setFailure] = useState<Refusal | null>(null);

  const onError = (err: TRPCClientErrorLike<AppRouter>) => setFailure(refusalOf(err, locale, t("projects.failed")));
  const create = useMutation(
    trpc.project.create.mutationOptions({
      onSuccess: () => setName(""),
      onError,
      onSettled: () => router.refresh(),
    }),
  );
  const remove = useMutation(trpc.project.delete.mutationOptions({ onError, onSettled: () => router.refresh() }));
  const guard = useRequestGuard(create.isPending || remove.isPending);
  const deletingId = remove.isPending ? remove.variables?.id : undefined;

  function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    if (guard.busy()) return;
    const trimmed = name.trim();
    if (trimmed.length === 0 || trimmed.length > NAME_MAX) {
      setFailure({ code: "INVALID_INPUT", message: t("projects.invalidName") });
      return;
    }
    setFailure(null);
    create.mutate({ name: trimmed }, guard.track());
  }

  function del(id: string) {
    if (guard.busy()) return;
    setFailure(null);
    remove.mutate({ id }, guard.track());
  }

  return (
    <div className="mt-4 space-y-4">
      {canCreate ? (
        <form onSubmit={submit} noValidate className="flex flex-wrap items-end gap-3">
          <label htmlFor={inputId} className="text-sm">
            {t("projects.name")} <span className="text-xs text-slate-500">{t("projects.nameHint")}</span>
            <input
              id={inputId}
              type="text"
              maxLength={NAME_MAX}
              required
              autoComplete="off"
              value={name}
              onChange={(e) => setName(e.target.value)}
              data-testid="project-name"
              className="mt-1 block w-64 rounded border border-slate-300 px-3 py-1.5 focus:border-blue-600 focus:outline-none"
            />
          </label>
          <button
            type="submit"
            disabled={guard.disabled}
            aria-busy={create.isPending}
            data-testid="project-create"
            className="rounded bg-blue-700 px-4 py-1.5 text-sm font-medium text-white hover:bg-blue-800 disabled:cursor-not-allowed disabled:opacity-60"
          >
            {create.isPending ? t("projects.creating") : t("projects.create")}
          </button>
        </form>
      ) : null}

      <div aria-live="polite">
        {failure ? (
          <div data-testid="project-error" data-code={failure.code} className="rounded border border-red-200 bg-red-50 px-4 py-3 text-sm text-red-900">
            <p className="font-medium">{t("projects.refused")}</p>
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
            <li key={p.id} data-testid="project-item" data-id={p.id} className="flex flex-wrap items-center justify-between gap-x-4 gap-y-1 py-2">
              <div className="min-w-0">
                <p className="font-medium break-words" data-testid="project-item-name">
                  {p.name}
                </p>
                <p className="text-xs text-slate-600">{t("projects.meta", { user: p.createdBy, date: p.createdAt })}</p>
              </div>
              <button
                type="button"
                onClick={() => del(p.id)}
                disabled={guard.disabled}
                aria-busy={deletingId === p.id}
                aria-label={t("projects.deleteLabel", { name: p.name })}
                data-testid="project-delete"
                className="rounded border border-red-300 px-3 py-1 text-xs text-red-800 hover:bg-red-50 disabled:cursor-not-allowed disabled:opacity-60"
              >
                {deletingId === p.id ? t("projects.deleting") : t("projects.delete")}
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

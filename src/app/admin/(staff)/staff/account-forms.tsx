"use client";
/**
 * The owner-only account mutations (staffAdmin.add / setDisabled / setRole / resetPassword), then
 * a refresh of the server-rendered list, and everyone's own password change
 * (staffAdmin.changePassword). Viewers see the owner controls disabled with the reason, and so
 * does everyone on the last active owner's Disable / Make viewer; a refusal from the server (name
 * taken, weak or wrong password …) is shown once, where it happened, in the console's language.
 */
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useHydrated } from "~/app/_shared/use-hydrated";
import { getAdminTranslator } from "~/i18n/admin/dictionary";
import { useTRPC } from "~/trpc/react";
import { useStaffRole } from "../staff-role";
import { formIssuesIn } from "./form-issues";

const small = "whitespace-nowrap rounded border border-slate-300 bg-white px-2 py-0.5 text-xs text-slate-700 hover:bg-slate-50 disabled:opacity-50";

type ServerError = { message: string; data?: { appError?: { code: string; message: { zh: string; en: string } } | null } | null };

/** A server message as a sentence: capitalised, with its full stop (the table's are lower-case fragments). */
function asSentence(message: string, zh: boolean): string {
  const s = message.charAt(0).toUpperCase() + message.slice(1);
  return /[.!?。！？]$/.test(s) ? s : s + (zh ? "。" : ".");
}

/**
 * The server's message, once, in the console's language. Only a refused input adds its fields,
 * each worded in the console's language too (form-issues.ts); a failure without a message of ours
 * (the network) shows its text.
 */
function ErrorLine({ error, zh, className, fields = {} }: { error: ServerError; zh: boolean; className: string; fields?: Record<string, string> }) {
  const m = error.data?.appError?.message;
  const issues = error.data?.appError?.code === "INVALID_INPUT" ? formIssuesIn(error.message, getAdminTranslator(zh ? "zh-CN" : "en")) : null;
  return (
    <p role="alert" className={`${className} text-red-700 [overflow-wrap:anywhere]`} data-testid="staff-error">
      {m ? asSentence(zh ? m.zh : m.en, zh) : null}
      {m && issues ? " " : null}
      {issues ? (
        issues.map((i, n) => (
          <span key={n} className="block" data-testid="form-issue">
            {fields[i.field] ?? i.field}
            {i.field ? (zh ? "：" : ": ") : null}
            {i.text ?? (
              <span className="text-slate-500" data-i18n-exempt="server detail">
                {i.problem}
              </span>
            )}
          </span>
        ))
      ) : m ? null : (
        <span className="text-slate-500" data-i18n-exempt="server detail">
          {error.message}
        </span>
      )}
    </p>
  );
}

/**
 * `lastOwner`: the only active owner, whom the server will not disable or demote (LAST_OWNER).
 * Its cell is a wrapping one (WRAP_CELL, staff/page.tsx): the notes and messages here wrap at
 * their own max width instead of widening the table past its box.
 */
export function AccountActions({ userName, role, disabled, self, lastOwner }: { userName: string; role: string; disabled: boolean; self: boolean; lastOwner: boolean }) {
  const trpc = useTRPC();
  const router = useRouter();
  const { role: myRole, locale } = useStaffRole();
  const t = getAdminTranslator(locale);
  const ownerOnly = myRole !== "owner" ? t("ops.ownerOnly") : undefined;
  const lastOwnerNote = lastOwner ? t("ops.staff.lastOwner") : undefined;
  const setDisabled = useMutation(trpc.staffAdmin.setDisabled.mutationOptions({ onSuccess: () => router.refresh() }));
  const setRole = useMutation(trpc.staffAdmin.setRole.mutationOptions({ onSuccess: () => router.refresh() }));
  const hydrated = useHydrated();
  const busy = !hydrated || setDisabled.isPending || setRole.isPending;
  const error = setDisabled.error ?? setRole.error;
  const zh = locale === "zh-CN";
  return (
    <div className="flex flex-col items-start gap-1">
      <div className="flex flex-wrap gap-2">
        <button type="button" className={small} disabled={!!ownerOnly || !!lastOwnerNote || busy} title={ownerOnly ?? lastOwnerNote} data-testid="staff-toggle-disabled" onClick={() => setDisabled.mutate({ userName, disabled: !disabled })}>
          {disabled ? t("ops.staff.enable") : t("ops.staff.disable")}
        </button>
        <button type="button" className={small} disabled={!!ownerOnly || !!lastOwnerNote || busy} title={ownerOnly ?? lastOwnerNote} data-testid="staff-toggle-role" onClick={() => setRole.mutate({ userName, role: role === "owner" ? "viewer" : "owner" })}>
          {role === "owner" ? t("ops.staff.makeViewer") : t("ops.staff.makeOwner")}
        </button>
      </div>
      {lastOwnerNote ? (
        <p className="max-w-64 text-xs text-slate-600" data-testid="staff-last-owner">
          {lastOwnerNote}
        </p>
      ) : null}
      {error ? <ErrorLine error={error} zh={zh} className="max-w-64 text-xs" /> : null}
      {/* One's own password is changed with the current one (ChangePasswordForm), never reset. */}
      {self ? null : <ResetPassword userName={userName} ownerOnly={ownerOnly} />}
      <EndSessions userName={userName} self={self} ownerOnly={ownerOnly} />
    </div>
  );
}

/**
 * Sign out everywhere: on one's own row, the other sessions of one's account (anyone on staff;
 * this one stays), on another account's row all of its sessions (owners only).
 */
function EndSessions({ userName, self, ownerOnly }: { userName: string; self: boolean; ownerOnly: string | undefined }) {
  const trpc = useTRPC();
  const router = useRouter();
  const { locale } = useStaffRole();
  const t = getAdminTranslator(locale);
  const hydrated = useHydrated();
  const [done, setDone] = useState<number | null>(null);
  const onSuccess = (r: { sessionsEnded: number }) => (setDone(r.sessionsEnded), router.refresh());
  const own = useMutation(trpc.staffAdmin.endOwnOtherSessions.mutationOptions({ onSuccess }));
  const other = useMutation(trpc.staffAdmin.endSessions.mutationOptions({ onSuccess }));
  const blocked = self ? undefined : ownerOnly;
  const error = own.error ?? other.error;
  return (
    <>
      <button
        type="button"
        className={small}
        disabled={!hydrated || !!blocked || own.isPending || other.isPending}
        title={blocked}
        data-testid="staff-end-sessions"
        onClick={() => (setDone(null), self ? own.mutate() : other.mutate({ userName }))}
      >
        {self ? t("ops.staff.endOwnOther") : t("ops.staff.endAll")}
      </button>
      {done !== null ? (
        <p role="status" className="max-w-64 text-xs text-green-700" data-testid="staff-end-sessions-done">
          {t("ops.staff.ended", { n: done })}
        </p>
      ) : null}
      {error ? <ErrorLine error={error} zh={locale === "zh-CN"} className="max-w-64 text-xs" /> : null}
    </>
  );
}

function ResetPassword({ userName, ownerOnly }: { userName: string; ownerOnly: string | undefined }) {
  const trpc = useTRPC();
  const router = useRouter();
  const { locale } = useStaffRole();
  const t = getAdminTranslator(locale);
  const [open, setOpen] = useState(false);
  const hydrated = useHydrated();
  const [password, setPassword] = useState("");
  const [done, setDone] = useState<number | null>(null);
  const reset = useMutation(
    trpc.staffAdmin.resetPassword.mutationOptions({
      onSuccess: (r) => {
        setDone(r.sessionsEnded);
        setPassword("");
        setOpen(false);
        router.refresh();
      },
    }),
  );
  if (!open) {
    return (
      <>
        <button type="button" className={small} disabled={!hydrated || !!ownerOnly} title={ownerOnly} data-testid="staff-reset-open" onClick={() => (setDone(null), setOpen(true))}>
          {t("ops.staff.resetPassword")}
        </button>
        {done !== null ? (
          <p role="status" className="max-w-64 text-xs text-green-700" data-testid="staff-reset-done">
            {t("ops.staff.reset", { name: userName, n: done })}
          </p>
        ) : null}
      </>
    );
  }
  return (
    <form
      className="flex flex-col items-start gap-1"
      data-testid="staff-reset-form"
      onSubmit={(e) => {
        e.preventDefault();
        reset.mutate({ userName, newPassword: password });
      }}
    >
      <label className="text-xs">
        {t("ops.staff.resetLabel", { name: userName })}
        <input
          type="password"
          required
          autoComplete="new-password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          className="mt-1 block w-48 rounded border border-slate-300 bg-white px-2 py-1 text-sm"
        />
      </label>
      <div className="flex gap-2">
        <button type="submit" className={small} disabled={reset.isPending} data-testid="staff-reset-submit">
          {reset.isPending ? t("ops.staff.saving") : t("ops.staff.resetSubmit")}
        </button>
        <button type="button" className={small} onClick={() => (reset.reset(), setOpen(false))}>
          {t("ops.staff.cancel")}
        </button>
      </div>
      {reset.error ? <ErrorLine error={reset.error} zh={locale === "zh-CN"} className="max-w-64 text-xs" /> : null}
    </form>
  );
}

/** Any signed-in staff member's own password: the current one, the new one twice. */
export function ChangePasswordForm() {
  const trpc = useTRPC();
  const { locale } = useStaffRole();
  const t = getAdminTranslator(locale);
  const [current, setCurrent] = useState("");
  const hydrated = useHydrated();
  const [next, setNext] = useState("");
  const [repeat, setRepeat] = useState("");
  const [mismatch, setMismatch] = useState(false);
  const [ended, setEnded] = useState<number | null>(null);
  const change = useMutation(
    trpc.staffAdmin.changePassword.mutationOptions({
      onSuccess: (r) => {
        setEnded(r.sessionsEnded);
        setCurrent("");
        setNext("");
        setRepeat("");
      },
    }),
  );
  const field = "mt-1 block w-full rounded border border-slate-300 bg-white px-2 py-1.5 text-sm sm:w-56";
  return (
    <form
      className="rounded border border-slate-200 bg-white p-4"
      aria-label={t("ops.staff.changeTitle")}
      data-testid="staff-password-form"
      onSubmit={(e) => {
        e.preventDefault();
        setEnded(null);
        setMismatch(next !== repeat);
        if (next === repeat) change.mutate({ currentPassword: current, newPassword: next });
      }}
    >
      <h2 className="font-semibold">{t("ops.staff.changeTitle")}</h2>
      <fieldset disabled={!hydrated || change.isPending} className="mt-3 flex flex-wrap items-end gap-4">
        <label className="w-full text-sm sm:w-auto">
          {t("ops.staff.currentPassword")}
          <input name="currentPassword" type="password" required autoComplete="current-password" value={current} onChange={(e) => setCurrent(e.target.value)} className={field} />
        </label>
        <label className="w-full text-sm sm:w-auto">
          {t("ops.staff.newPassword")}
          <input name="newPassword" type="password" required autoComplete="new-password" value={next} onChange={(e) => setNext(e.target.value)} className={field} />
        </label>
        <label className="w-full text-sm sm:w-auto">
          {t("ops.staff.repeatPassword")}
          <input name="repeatPassword" type="password" required autoComplete="new-password" value={repeat} onChange={(e) => setRepeat(e.target.value)} className={field} />
        </label>
        <button type="submit" data-testid="staff-password-submit" className="rounded bg-blue-700 px-4 py-1.5 text-sm font-medium text-white hover:bg-blue-800 disabled:opacity-50">
          {change.isPending ? t("ops.staff.saving") : t("ops.staff.changeSubmit")}
        </button>
      </fieldset>
      <p className="mt-2 text-xs text-slate-500">{t("ops.staff.passwordHint")}</p>
      {mismatch ? (
        <p role="alert" className="mt-2 text-sm text-red-700">
          {t("ops.staff.mismatch")}
        </p>
      ) : null}
      {change.error ? <ErrorLine error={change.error} zh={locale === "zh-CN"} className="mt-2 text-sm" /> : null}
      {ended !== null ? (
        <p role="status" className="mt-2 text-sm text-green-700" data-testid="staff-password-changed">
          {t("ops.staff.changed", { n: ended })}
        </p>
      ) : null}
    </form>
  );
}

export function AddAccountForm() {
  const trpc = useTRPC();
  const router = useRouter();
  const { role: myRole, locale } = useStaffRole();
  const t = getAdminTranslator(locale);
  const ownerOnly = myRole !== "owner" ? t("ops.ownerOnly") : undefined;
  const [userName, setUserName] = useState("");
  const hydrated = useHydrated();
  const [password, setPassword] = useState("");
  const [role, setRole] = useState<"owner" | "viewer">("viewer");
  const [added, setAdded] = useState<string | null>(null);
  const add = useMutation(
    trpc.staffAdmin.add.mutationOptions({
      onSuccess: (_d, input) => {
        setAdded(input.userName);
        setUserName("");
        setPassword("");
        router.refresh();
      },
    }),
  );
  const field = "mt-1 block w-full rounded border border-slate-300 bg-white px-2 py-1.5 text-sm sm:w-56";
  return (
    <form
      className="rounded border border-slate-200 bg-white p-4"
      aria-label={t("ops.staff.add")}
      data-testid="staff-add-form"
      onSubmit={(e) => {
        e.preventDefault();
        setAdded(null);
        add.mutate({ userName, password, role });
      }}
    >
      <h2 className="font-semibold">{t("ops.staff.add")}</h2>
      <fieldset disabled={!hydrated || !!ownerOnly || add.isPending} title={ownerOnly} className="mt-3 flex flex-wrap items-end gap-4">
        <label className="w-full text-sm sm:w-auto">
          {t("ops.staff.userName")}
          <input name="userName" required maxLength={64} autoComplete="off" value={userName} onChange={(e) => setUserName(e.target.value)} className={field} />
        </label>
        <label className="w-full text-sm sm:w-auto">
          {t("ops.staff.password")}
          <input name="password" type="password" required autoComplete="new-password" value={password} onChange={(e) => setPassword(e.target.value)} className={field} />
        </label>
        <label className="w-full text-sm sm:w-auto">
          {t("ops.staff.role")}
          <select name="role" value={role} onChange={(e) => setRole(e.target.value === "owner" ? "owner" : "viewer")} className={field}>
            <option value="viewer">{t("ops.role.viewer")}</option>
            <option value="owner">{t("ops.role.owner")}</option>
          </select>
        </label>
        <button type="submit" data-testid="staff-add-submit" className="rounded bg-blue-700 px-4 py-1.5 text-sm font-medium text-white hover:bg-blue-800 disabled:opacity-50">
          {add.isPending ? t("ops.staff.saving") : t("ops.staff.submit")}
        </button>
      </fieldset>
      <p className="mt-2 text-xs text-slate-500">{ownerOnly ?? t("ops.staff.passwordHint")}</p>
      {add.error ? <ErrorLine error={add.error} zh={locale === "zh-CN"} className="mt-2 text-sm" fields={{ userName: t("ops.staff.userName"), password: t("ops.staff.password"), role: t("ops.staff.role") }} /> : null}
      {added ? (
        <p role="status" className="mt-2 text-sm text-green-700" data-testid="staff-added">
          {t("ops.staff.added", { name: added })}
        </p>
      ) : null}
    </form>
  );
}

"use client";
/**
 * The owner-only account mutations (staffAdmin.add / setDisabled / setRole), then a refresh of
 * the server-rendered list. Viewers see every control disabled with the reason; a refusal from
 * the server (last owner, name taken, weak password …) is shown where it happened.
 */
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { getAdminTranslator } from "~/i18n/admin/dictionary";
import { useTRPC } from "~/trpc/react";
import { useStaffRole } from "../staff-role";

const small = "rounded border border-slate-300 bg-white px-2 py-0.5 text-xs text-slate-700 hover:bg-slate-50 disabled:opacity-50";

/** The server's message in the console's language, with its detail. */
function errorText(err: { message: string; data?: { appError?: { message: { zh: string; en: string } } | null } | null }, zh: boolean): string {
  const m = err.data?.appError?.message;
  return m ? `${zh ? m.zh : m.en} (${err.message})` : err.message;
}

export function AccountActions({ userName, role, disabled }: { userName: string; role: string; disabled: boolean }) {
  const trpc = useTRPC();
  const router = useRouter();
  const { role: myRole, locale } = useStaffRole();
  const t = getAdminTranslator(locale);
  const ownerOnly = myRole !== "owner" ? t("ops.ownerOnly") : undefined;
  const setDisabled = useMutation(trpc.staffAdmin.setDisabled.mutationOptions({ onSuccess: () => router.refresh() }));
  const setRole = useMutation(trpc.staffAdmin.setRole.mutationOptions({ onSuccess: () => router.refresh() }));
  const busy = setDisabled.isPending || setRole.isPending;
  const error = setDisabled.error ?? setRole.error;
  return (
    <div className="flex flex-col items-start gap-1">
      <div className="flex flex-wrap gap-2">
        <button type="button" className={small} disabled={!!ownerOnly || busy} title={ownerOnly} data-testid="staff-toggle-disabled" onClick={() => setDisabled.mutate({ userName, disabled: !disabled })}>
          {disabled ? t("ops.staff.enable") : t("ops.staff.disable")}
        </button>
        <button type="button" className={small} disabled={!!ownerOnly || busy} title={ownerOnly} data-testid="staff-toggle-role" onClick={() => setRole.mutate({ userName, role: role === "owner" ? "viewer" : "owner" })}>
          {role === "owner" ? t("ops.staff.makeViewer") : t("ops.staff.makeOwner")}
        </button>
      </div>
      {error ? (
        <p role="alert" className="max-w-64 text-xs text-red-700 [overflow-wrap:anywhere]">
          {errorText(error, locale === "zh-CN")}
        </p>
      ) : null}
    </div>
  );
}

export function AddAccountForm() {
  const trpc = useTRPC();
  const router = useRouter();
  const { role: myRole, locale } = useStaffRole();
  const t = getAdminTranslator(locale);
  const ownerOnly = myRole !== "owner" ? t("ops.ownerOnly") : undefined;
  const [userName, setUserName] = useState("");
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
      <fieldset disabled={!!ownerOnly || add.isPending} title={ownerOnly} className="mt-3 flex flex-wrap items-end gap-4">
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
      {add.error ? (
        <p role="alert" className="mt-2 text-sm text-red-700 [overflow-wrap:anywhere]">
          {errorText(add.error, locale === "zh-CN")}
        </p>
      ) : null}
      {added ? (
        <p role="status" className="mt-2 text-sm text-green-700" data-testid="staff-added">
          {t("ops.staff.added", { name: added })}
        </p>
      ) : null}
    </form>
  );
}

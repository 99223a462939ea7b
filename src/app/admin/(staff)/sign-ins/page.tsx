/** Staff sign-in record: every attempt (who, from where, outcome) and the counters locked now. */
import type { Metadata } from "next";
import { ZSignInListInput } from "~/server/api/routers/sign-in-admin.schema";
import { SIGN_IN_OUTCOMES } from "~/server/auth/staff-login-log";
import { api } from "~/trpc/server";
import { DataTable, FilterForm, fieldClass } from "../list-parts";
import { first, valid, type RawSearchParams } from "../query-params";
import { requireStaff } from "../require-staff";

export const metadata: Metadata = { title: "Sign-ins" };

const COLUMNS = ["When (UTC)", "Username", "Client address", "Outcome", "User agent"];
const OUTCOME_LABEL: Record<string, string> = {
  success: "signed in",
  wrong_credentials: "wrong username or password",
  locked_address: "refused: address locked",
  locked_user: "refused: username locked",
};
const ts = (d: Date) => d.toISOString().replace("T", " ").slice(0, 19);

export default async function SignInsPage({ searchParams }: { searchParams: Promise<RawSearchParams> }) {
  await requireStaff();
  const sp = await searchParams;
  const outcome = valid(ZSignInListInput.shape.outcome, first(sp.outcome));
  const { attempts, locks } = await api.signInAdmin.list({ outcome, limit: 200 });

  return (
    <main>
      <h1 className="text-2xl font-bold">Staff sign-ins</h1>
      <p className="mt-1 text-sm text-slate-600">
        Every attempt to sign in to this console, newest first (the latest 200). Repeated attempts lock the client address, then the username, for a while (README, “Staff sign-in”).
      </p>
      {locks.length > 0 ? (
        <section role="status" data-testid="active-locks" className="mt-4 rounded border border-amber-200 bg-amber-50 px-4 py-3 text-sm text-amber-900">
          <h2 className="font-semibold">Locked now</h2>
          <ul className="mt-1 list-disc pl-5">
            {locks.map((l) => (
              <li key={`${l.scope}:${l.key}`}>
                {l.scope} <span className="font-mono">{l.key}</span> until {ts(l.lockedUntil)}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <div className="mt-4">
        <FilterForm action="/admin/sign-ins" label="Filter sign-ins">
          <label className="text-sm">
            Outcome
            <select name="outcome" defaultValue={outcome ?? ""} className={fieldClass}>
              <option value="">any</option>
              {SIGN_IN_OUTCOMES.map((o) => (
                <option key={o} value={o}>
                  {OUTCOME_LABEL[o]}
                </option>
              ))}
            </select>
          </label>
        </FilterForm>
      </div>
      <DataTable className="mt-6" columns={COLUMNS} testId="sign-in-table" isEmpty={attempts.length === 0} empty="No sign-in attempts recorded.">
        <tbody>
          {attempts.map((a) => (
            <tr key={a.id} className={`border-t border-slate-100 ${a.outcome === "success" ? "" : "text-red-800"}`} data-outcome={a.outcome}>
              <td className="px-3 py-2 text-xs">{ts(a.createdAt)}</td>
              <td className="px-3 py-2 font-mono text-xs">{a.userName || "—"}</td>
              <td className="px-3 py-2 font-mono text-xs">{a.clientAddress}</td>
              <td className="px-3 py-2">
                {OUTCOME_LABEL[a.outcome] ?? a.outcome}
                {a.retryAfterSeconds ? <span className="text-xs text-slate-500"> (wait {a.retryAfterSeconds} s)</span> : null}
              </td>
              <td className="max-w-xs truncate px-3 py-2 text-xs text-slate-500" title={a.userAgent ?? ""}>
                {a.userAgent ?? "—"}
              </td>
            </tr>
          ))}
        </tbody>
      </DataTable>
    </main>
  );
}

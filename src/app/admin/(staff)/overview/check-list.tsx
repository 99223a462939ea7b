/**
 * The checks of one area of the overview: status badge, title, detail, the fix in one sentence,
 * and — for an address or the public key — the text to copy into the seller console.
 */
import type { RouterOutputs } from "~/trpc/types";

export type SetupOverview = RouterOutputs["setupAdmin"]["overview"];
export type SetupCheckView = SetupOverview["checks"][number];
type Status = SetupCheckView["status"];

const BADGE: Record<Status, { label: string; cls: string }> = {
  ok: { label: "OK", cls: "bg-green-100 text-green-800" },
  warn: { label: "Warning", cls: "bg-amber-100 text-amber-900" },
  problem: { label: "Problem", cls: "bg-red-100 text-red-800" },
  info: { label: "Info", cls: "bg-slate-200 text-slate-700" },
};

const ROW: Record<Status, string> = {
  ok: "border-slate-200 bg-white",
  warn: "border-amber-300 bg-amber-50",
  problem: "border-red-300 bg-red-50",
  info: "border-slate-200 bg-white",
};

export function StatusBadge({ status }: { status: Status }) {
  const b = BADGE[status];
  return <span className={`inline-block w-20 shrink-0 rounded px-1.5 py-0.5 text-center text-xs font-medium ${b.cls}`}>{b.label}</span>;
}

export function CheckList({ title, checks, area }: { title: string; checks: SetupCheckView[]; area: string }) {
  if (checks.length === 0) return null;
  const headingId = `area-${area}`;
  return (
    <section aria-labelledby={headingId} className="mt-6" data-testid={`area-${area}`}>
      <h2 id={headingId} className="text-lg font-semibold">
        {title}
      </h2>
      <ul className="mt-2 space-y-2">
        {checks.map((c) => (
          <li key={c.id} className={`rounded-lg border p-3 ${ROW[c.status]}`} data-testid="check" data-check-id={c.id} data-status={c.status}>
            <div className="flex items-start gap-3">
              <StatusBadge status={c.status} />
              <div className="min-w-0 flex-1">
                <p className="font-medium">{c.title}</p>
                <p className="mt-0.5 text-sm text-slate-700">{c.detail}</p>
                {c.fix ? (
                  <p className="mt-1 text-sm text-slate-900" data-testid="check-fix">
                    <span className="font-semibold">Fix: </span>
                    {c.fix}
                  </p>
                ) : null}
                {c.value ? (
                  <pre className="mt-2 overflow-x-auto rounded bg-slate-100 px-2 py-1.5 font-mono text-xs text-slate-900 select-all" data-testid="check-value">
                    {c.value}
                  </pre>
                ) : null}
              </div>
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}

/**
 * The checks of one area of the overview: status badge, title, detail, the fix in one sentence,
 * and — for an address or the public key — the text to copy into the seller console.
 */
import type { ReactNode } from "react";
import { adminMessageKey, type AdminTranslate } from "~/i18n/admin/dictionary";
import { rich } from "~/i18n/rich";
import { renderSetupText, type SetupText } from "~/server/setup-health/messages";
import type { RouterOutputs } from "~/trpc/types";
import { AdminTime } from "../admin-time";
import { Copyable } from "../list-parts";

export type SetupOverview = RouterOutputs["setupAdmin"]["overview"];
export type SetupCheckView = SetupOverview["checks"][number];
type Status = SetupCheckView["status"];

const BADGE: Record<Status, string> = {
  ok: "bg-green-100 text-green-800",
  warn: "bg-amber-100 text-amber-900",
  problem: "bg-red-100 text-red-800",
  info: "bg-slate-200 text-slate-700",
};

const ROW: Record<Status, string> = {
  ok: "border-slate-200 bg-white",
  warn: "border-amber-300 bg-amber-50",
  problem: "border-red-300 bg-red-50",
  info: "border-slate-200 bg-white",
};

/** A check's text in the console's language (a key this console does not know shows the server's English). */
function say(t: AdminTranslate, text: SetupText): string {
  return renderSetupText(text, (key, vars) => {
    const known = adminMessageKey(key);
    return known ? t(known, vars) : null;
  });
}

/** An instant as the server words it (Date.toISOString), e.g. the time of the last call. */
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;

/**
 * `say`, with each top-level parameter that is an instant shown the console's way (the reader's
 * zone written out, admin-time.tsx) instead of as the raw ISO string.
 */
function sayWithTimes(t: AdminTranslate, text: SetupText): ReactNode {
  const times: Record<string, ReactNode> = {};
  const params: NonNullable<SetupText["params"]> = {};
  for (const [name, value] of Object.entries(text.params ?? {})) {
    if (typeof value === "string" && ISO_INSTANT.test(value)) {
      // Left as its placeholder in the words, then filled with the time element.
      times[name] = <AdminTime at={new Date(value)} />;
      params[name] = `{${name}}`;
    } else params[name] = value;
  }
  const words = say(t, { ...text, params });
  return Object.keys(times).length ? rich(words, times) : words;
}

export function StatusBadge({ status, t }: { status: Status; t: AdminTranslate }) {
  return <span className={`inline-block w-16 shrink-0 rounded px-1.5 py-0.5 text-center text-xs font-medium sm:w-20 ${BADGE[status]}`}>{t(`overview.badge.${status}`)}</span>;
}

export function CheckList({ title, checks, area, t }: { title: string; checks: SetupCheckView[]; area: string; t: AdminTranslate }) {
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
              <StatusBadge status={c.status} t={t} />
              <div className="min-w-0 flex-1">
                <p className="font-medium [overflow-wrap:anywhere]">{say(t, c.text.title)}</p>
                <p className="mt-0.5 text-sm text-slate-700 [overflow-wrap:anywhere]" data-testid="check-detail">
                  {sayWithTimes(t, c.text.detail)}
                </p>
                {c.fix ? (
                  <p className="mt-1 text-sm text-slate-900 [overflow-wrap:anywhere]" data-testid="check-fix">
                    <span className="font-semibold">{t("overview.fix")} </span>
                    {c.text.fix ? say(t, c.text.fix) : c.fix}
                  </p>
                ) : null}
                {c.value ? (
                  <div className="mt-2 flex items-start gap-2">
                    <pre className="min-w-0 flex-1 whitespace-pre-wrap rounded bg-slate-100 px-2 py-1.5 font-mono text-xs text-slate-900 select-all [overflow-wrap:anywhere]" data-testid="check-value">
                      {c.value}
                    </pre>
                    <Copyable value={c.value} testId={`copy-check-${c.id}`}>{""}</Copyable>
                  </div>
                ) : null}
              </div>
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}

/**
 * Health of the usage push at a glance: records per status, the dead letters, the oldest record
 * still waiting (a push that is stuck or switched off shows here first), the last success, the
 * marketplace's signature/key/data alerts, and the settings that decide whether anything is sent
 * at all. Settings are shown as on/off and configured/missing only.
 */
import type { RouterOutputs } from "~/trpc/types";
import { AdminTime } from "../admin-time";
import { StatCard } from "../stat-card";
import { duration } from "./format";
import { usageHref } from "./search-params";

export type UsageSummary = RouterOutputs["usageAdmin"]["summary"];

/** The marketplace wants usage within 2 hours of the hour's end (docs/billing.md §6). */
const REPORTING_WINDOW_MS = 2 * 3_600_000;

function Flag({ label, on, onText = "on", offText = "off", offTone = "warn" }: { label: string; on: boolean; onText?: string; offText?: string; offTone?: "warn" | "bad" | "plain" }) {
  const cls = on ? "bg-green-100 text-green-800" : offTone === "bad" ? "bg-red-100 text-red-800" : offTone === "warn" ? "bg-amber-100 text-amber-900" : "bg-slate-200 text-slate-700";
  return (
    <span className="inline-flex items-center gap-1">
      <span className="text-slate-600">{label}</span>
      <span className={`rounded px-1.5 py-0.5 text-xs font-medium ${cls}`}>{on ? onText : offText}</span>
    </span>
  );
}

/** "2 REFUSED, 1 TOO_OLD". */
function deadDetail(byReason: UsageSummary["deadByReason"]): string {
  return Object.entries(byReason)
    .filter(([, n]) => n > 0)
    .map(([r, n]) => `${n} ${r}`)
    .join(", ");
}

export function SummaryCards({ summary }: { summary: UsageSummary }) {
  const { counts, oldestPending: oldest, config } = summary;
  const overdue = oldest ? oldest.ageMs > REPORTING_WINDOW_MS : false;
  return (
    <section aria-label="Usage push summary" data-testid="usage-summary">
      <div className="grid grid-cols-1 gap-3 sm:grid-cols-2 md:grid-cols-5">
        <StatCard
          testId="card-pending"
          label="Pending"
          value={String(counts.PENDING)}
          detail={`${summary.dueNow} due now${config.usagePushEnabled ? "" : " · push is off"}`}
          tone={counts.PENDING > 0 && !config.usagePushEnabled ? "warn" : undefined}
          href={usageHref({ status: "PENDING" })}
        />
        <StatCard testId="card-sent" label="Sent" value={String(counts.SENT)} href={usageHref({ status: "SENT" })} />
        <StatCard
          testId="card-failed"
          label="Dead letters"
          value={String(counts.FAILED)}
          detail={counts.FAILED > 0 ? deadDetail(summary.deadByReason) : "none"}
          tone={counts.FAILED > 0 ? "bad" : undefined}
          href={usageHref({ tab: "dead" })}
        />
        <StatCard
          testId="card-oldest"
          label="Oldest pending"
          value={oldest ? duration(oldest.ageMs) : "—"}
          detail={oldest ? <>since its hour closed (<AdminTime at={oldest.hourEnd} />) · {oldest.attempts} attempt(s)</> : "nothing waiting"}
          tone={overdue ? "bad" : oldest && oldest.ageMs > 15 * 60_000 ? "warn" : undefined}
        />
        <StatCard testId="card-last-sent" label="Last successful push" value={summary.lastSentAt ? duration(summary.now.getTime() - summary.lastSentAt.getTime()) + " ago" : "never"} detail={<AdminTime at={summary.lastSentAt} />} />
      </div>
      {summary.alerts.length > 0 ? (
        <ul role="alert" className="mt-3 space-y-1 rounded border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-900" data-testid="push-alerts">
          {summary.alerts.map((a) => (
            <li key={a.code}>
              <span className="font-mono">{a.code}</span> {a.meaning} — {a.kind === "data" ? "the marketplace refused our data" : `a ${a.kind} problem: nothing is accepted until it is fixed`} ({a.pending} waiting, {a.failed} dead)
            </li>
          ))}
        </ul>
      ) : null}
      {oldest?.lastError ? (
        <p className="mt-2 text-xs text-slate-700" data-testid="oldest-last-error">
          Last answer for the oldest pending record <span className="font-mono">{oldest.meteringSn}</span>: {oldest.lastError}
        </p>
      ) : null}
      {overdue ? (
        <p role="alert" className="mt-2 text-sm text-red-800">
          A record has waited more than 2 hours since its hour closed — past the marketplace&apos;s reporting window.
        </p>
      ) : null}
      <div className="mt-3 flex flex-wrap gap-x-5 gap-y-1 text-sm" data-testid="usage-settings">
        <Flag label="USAGE_PUSH_ENABLED" on={config.usagePushEnabled} />
        <Flag label="KOOGALLERY_QUERY_ORDER" on={config.queryOrderEnabled} offTone="plain" />
        <Flag label="Open API AK" on={config.openApiAkConfigured} onText="configured" offText="missing" offTone={config.queryOrderEnabled ? "bad" : "plain"} />
        <Flag label="Open API SK" on={config.openApiSkConfigured} onText="configured" offText="missing" offTone={config.queryOrderEnabled ? "bad" : "plain"} />
        <Flag label="Usage push key" on={config.usagePushKeyConfigured} onText="configured" offText="development default" offTone={config.usagePushEnabled ? "bad" : "warn"} />
        <span className="text-slate-600">
          按需套餐包 usage pushed: <span className="font-mono">{config.packageUsagePush}</span>
        </span>
        <span className="text-slate-600">
          用完即停 instance_id: <span className="font-mono">{config.stopPackageInstance}</span>
        </span>
        <span className="text-slate-600">
          Endpoint: <span className="font-mono">{config.openApiEndpoint ?? "invalid"}</span>
        </span>
      </div>
    </section>
  );
}

/**
 * Health of the usage push at a glance: records per status, the dead letters, the oldest record
 * still waiting (a push that is stuck or switched off shows here first), the last success, the
 * marketplace's signature/key/data alerts, and the settings that decide whether anything is sent
 * at all. Settings are shown as on/off and configured/missing only.
 */
import type { RouterOutputs } from "~/trpc/types";
import { AdminTime } from "../admin-time";
import { StatCard } from "../stat-card";
import { getAdminI18n } from "~/i18n/server";
import { rich } from "~/i18n/rich";
import { duration, mktMeaning } from "./format";
import { usageHref } from "./search-params";

export type UsageSummary = RouterOutputs["usageAdmin"]["summary"];

/** The marketplace wants usage within 2 hours of the hour's end (docs/billing.md §6). */
const REPORTING_WINDOW_MS = 2 * 3_600_000;

function Flag({ label, on, onText, offText, offTone = "warn" }: { label: string; on: boolean; onText: string; offText: string; offTone?: "warn" | "bad" | "plain" }) {
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

export async function SummaryCards({ summary }: { summary: UsageSummary }) {
  const { t } = await getAdminI18n();
  const { counts, oldestPending: oldest, config } = summary;
  const overdue = oldest ? oldest.ageMs > REPORTING_WINDOW_MS : false;
  const onOff = { onText: t("usage.flag.on"), offText: t("usage.flag.off") };
  const setUnset = { onText: t("usage.flag.configured"), offText: t("usage.flag.missing") };
  return (
    <section aria-label={t("usage.summary")} data-testid="usage-summary">
      <div className="grid grid-cols-1 gap-3 sm:grid-cols-2 md:grid-cols-5">
        <StatCard
          testId="card-pending"
          label={t("usage.card.pending")}
          value={String(counts.PENDING)}
          detail={`${t("usage.card.dueNow", { n: summary.dueNow })}${config.usagePushEnabled ? "" : t("usage.card.pushOff")}`}
          tone={counts.PENDING > 0 && !config.usagePushEnabled ? "warn" : undefined}
          href={usageHref({ status: "PENDING" })}
        />
        <StatCard testId="card-sent" label={t("usage.card.sent")} value={String(counts.SENT)} href={usageHref({ status: "SENT" })} />
        <StatCard
          testId="card-failed"
          label={t("usage.card.dead")}
          value={String(counts.FAILED)}
          detail={counts.FAILED > 0 ? deadDetail(summary.deadByReason) : t("usage.card.none")}
          tone={counts.FAILED > 0 ? "bad" : undefined}
          href={usageHref({ tab: "dead" })}
        />
        <StatCard
          testId="card-oldest"
          label={t("usage.card.oldest")}
          value={oldest ? duration(oldest.ageMs, t) : "—"}
          detail={oldest ? <>{rich(t("usage.card.oldestDetail"), { at: <AdminTime at={oldest.hourEnd} />, n: oldest.attempts })}</> : t("usage.card.nothingWaiting")}
          tone={overdue ? "bad" : oldest && oldest.ageMs > 15 * 60_000 ? "warn" : undefined}
        />
        <StatCard
          testId="card-last-sent"
          label={t("usage.card.lastSent")}
          value={summary.lastSentAt ? t("usage.card.ago", { age: duration(summary.now.getTime() - summary.lastSentAt.getTime(), t) }) : t("usage.card.never")}
          detail={<AdminTime at={summary.lastSentAt} />}
        />
      </div>
      {summary.alerts.length > 0 ? (
        <ul role="alert" className="mt-3 space-y-1 rounded border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-900" data-testid="push-alerts">
          {summary.alerts.map((a) => (
            <li key={a.code}>
              <span className="font-mono">{a.code}</span> {mktMeaning(t, a.code, a.meaning)} — {t(`usage.alert.${a.kind}`)} {t("usage.alert.counts", { pending: a.pending, failed: a.failed })}
            </li>
          ))}
        </ul>
      ) : null}
      {oldest?.lastError ? (
        <p className="mt-2 text-xs text-slate-700" data-testid="oldest-last-error">
          {rich(t("usage.oldestLastError"), {
            sn: <span className="font-mono">{oldest.meteringSn}</span>,
            error: <span data-i18n-exempt="marketplace answer">{oldest.lastError}</span>,
          })}
        </p>
      ) : null}
      {overdue ? (
        <p role="alert" className="mt-2 text-sm text-red-800">
          {t("usage.overdue")}
        </p>
      ) : null}
      <div className="mt-3 flex flex-wrap gap-x-5 gap-y-1 text-sm" data-testid="usage-settings">
        <Flag label="USAGE_PUSH_ENABLED" on={config.usagePushEnabled} {...onOff} />
        <Flag label="KOOGALLERY_QUERY_ORDER" on={config.queryOrderEnabled} {...onOff} offTone="plain" />
        <Flag label={t("usage.flag.ak")} on={config.openApiAkConfigured} {...setUnset} offTone={config.queryOrderEnabled ? "bad" : "plain"} />
        <Flag label={t("usage.flag.sk")} on={config.openApiSkConfigured} {...setUnset} offTone={config.queryOrderEnabled ? "bad" : "plain"} />
        <Flag label={t("usage.flag.pushKey")} on={config.usagePushKeyConfigured} onText={t("usage.flag.configured")} offText={t("usage.flag.devDefault")} offTone={config.usagePushEnabled ? "bad" : "warn"} />
        <span className="text-slate-600">
          {t("usage.flag.pkgPush")} <span className="font-mono">{config.packageUsagePush}</span>
        </span>
        <span className="text-slate-600">
          {t("usage.flag.stopPkg")} <span className="font-mono">{config.stopPackageInstance}</span>
        </span>
        <span className="text-slate-600">
          {t("usage.flag.endpoint")} <span className="font-mono">{config.openApiEndpoint ?? t("usage.flag.invalid")}</span>
        </span>
      </div>
    </section>
  );
}

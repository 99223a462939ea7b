/**
 * What actually arrived, at a glance: the last base and Kit calls, error answers of the last
 * 24 hours, instances by status, synced tenants and the usage push outbox. Each card links to
 * the staff page with the rows behind it.
 */
import type { AdminTranslate } from "~/i18n/admin/dictionary";
import { AdminTime } from "../admin-time";
import { ERRORS_24H_HREF } from "../calls/search-params";
import { StatCard } from "../stat-card";
import { duration } from "../usage/format";
import type { SetupOverview } from "./check-list";

type LastCall = SetupOverview["traffic"]["lastBaseCall"];

function lastCallCard(call: LastCall, nowMs: number, t: AdminTranslate) {
  if (!call) return { value: t("overview.never"), detail: t("overview.nothingLogged") };
  return {
    value: t("overview.ago", { age: duration(Math.max(0, nowMs - call.receivedAt.getTime()), t) }),
    detail: (
      <>
        {call.activity ?? t("overview.noActivity")} → {call.resultCode ?? t("overview.noAnswer")}
        {call.isTest ? ` · ${t("overview.debug")}` : ""} · <AdminTime at={call.receivedAt} />
      </>
    ),
    tone: call.resultCode && call.resultCode !== "000000" ? ("warn" as const) : undefined,
  };
}

export function TrafficCards({ overview, t }: { overview: SetupOverview; t: AdminTranslate }) {
  const { traffic: tr, generatedAt } = overview;
  const nowMs = generatedAt.getTime();
  const { ACTIVE, FROZEN, RELEASED } = tr.instancesByStatus;
  const push = tr.push;
  const pushDetail = [
    t("overview.card.pushDead", { n: push.counts.FAILED }),
    ...(push.alerts.length ? [t("overview.card.pushAlerts", { n: push.alerts.length })] : []),
    ...(push.oldestPendingAgeMs !== null ? [t("overview.card.pushOldest", { age: duration(push.oldestPendingAgeMs, t) })] : []),
  ].join(" · ");
  return (
    <section aria-label={t("overview.area.traffic")} data-testid="traffic">
      <div className="grid grid-cols-1 gap-3 sm:grid-cols-2 md:grid-cols-3 lg:grid-cols-6">
        <StatCard testId="card-last-base" label={t("overview.card.lastBase")} href="/admin/calls?channel=base" {...lastCallCard(tr.lastBaseCall, nowMs, t)} />
        <StatCard testId="card-last-kit" label={t("overview.card.lastKit")} href="/admin/calls?channel=kit" {...lastCallCard(tr.lastKitCall, nowMs, t)} />
        <StatCard
          testId="card-errors"
          label={t("overview.card.errors")}
          value={String(tr.errorAnswers24h)}
          detail={t("overview.card.errorsDetail")}
          tone={tr.errorAnswers24h > 0 ? "warn" : undefined}
          href={ERRORS_24H_HREF}
        />
        <StatCard
          testId="card-instances"
          label={t("overview.card.instances")}
          value={String(ACTIVE + FROZEN + RELEASED)}
          detail={t("overview.card.instancesDetail", { active: ACTIVE, frozen: FROZEN, released: RELEASED })}
          href="/admin/instances"
        />
        <StatCard testId="card-tenants" label={t("overview.card.tenants")} value={String(tr.tenantsSynced)} detail={t("overview.card.tenantsDetail", { n: tr.tenantsDeleted })} href="/admin/tenants" />
        <StatCard
          testId="card-push"
          label={t("overview.card.push")}
          value={t("overview.card.pushValue", { n: push.counts.PENDING })}
          detail={pushDetail}
          tone={push.counts.FAILED > 0 || push.alerts.length > 0 ? "bad" : undefined}
          href={push.counts.FAILED > 0 ? "/admin/usage?tab=dead" : "/admin/usage"}
        />
      </div>
    </section>
  );
}

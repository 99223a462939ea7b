/**
 * What actually arrived, at a glance: the last base and Kit calls, error answers of the last
 * 24 hours, instances by status, synced tenants and the usage push outbox. Each card links to
 * the staff page with the rows behind it.
 */
import { StatCard } from "../stat-card";
import { duration, utc } from "../usage/format";
import type { SetupOverview } from "./check-list";

type LastCall = SetupOverview["traffic"]["lastBaseCall"];

function lastCallCard(call: LastCall, nowMs: number) {
  if (!call) return { value: "never", detail: "nothing in the call log" };
  return {
    value: `${duration(Math.max(0, nowMs - call.receivedAt.getTime()))} ago`,
    detail: `${call.activity ?? "(no activity)"} → ${call.resultCode ?? "no answer yet"}${call.isTest ? " · debug" : ""} · ${utc(call.receivedAt)}`,
    tone: call.resultCode && call.resultCode !== "000000" ? ("warn" as const) : undefined,
  };
}

export function TrafficCards({ overview }: { overview: SetupOverview }) {
  const { traffic: t, generatedAt } = overview;
  const nowMs = generatedAt.getTime();
  const { ACTIVE, FROZEN, RELEASED } = t.instancesByStatus;
  const push = t.push;
  return (
    <section aria-label="Traffic" data-testid="traffic">
      <div className="grid grid-cols-2 gap-3 md:grid-cols-3 lg:grid-cols-6">
        <StatCard testId="card-last-base" label="Last base call" href="/admin/calls?channel=base" {...lastCallCard(t.lastBaseCall, nowMs)} />
        <StatCard testId="card-last-kit" label="Last Kit call" href="/admin/calls?channel=kit" {...lastCallCard(t.lastKitCall, nowMs)} />
        <StatCard
          testId="card-errors"
          label="Error answers (24 h)"
          value={String(t.errorAnswers24h)}
          detail="resultCode other than 000000"
          tone={t.errorAnswers24h > 0 ? "warn" : undefined}
          href="/admin/calls"
        />
        <StatCard testId="card-instances" label="Instances" value={String(ACTIVE + FROZEN + RELEASED)} detail={`${ACTIVE} active · ${FROZEN} frozen · ${RELEASED} released`} href="/admin/instances" />
        <StatCard testId="card-tenants" label="Tenants synced" value={String(t.tenantsSynced)} detail={`${t.tenantsDeleted} deleted`} href="/admin/tenants" />
        <StatCard
          testId="card-push"
          label="Usage push"
          value={`${push.counts.PENDING} pending`}
          detail={`${push.counts.FAILED} dead letter(s)${push.alerts.length ? ` · ${push.alerts.length} alert(s)` : ""}${push.oldestPendingAgeMs !== null ? ` · oldest ${duration(push.oldestPendingAgeMs)}` : ""}`}
          tone={push.counts.FAILED > 0 || push.alerts.length > 0 ? "bad" : undefined}
          href={push.counts.FAILED > 0 ? "/admin/usage?tab=dead" : "/admin/usage"}
        />
      </div>
    </section>
  );
}

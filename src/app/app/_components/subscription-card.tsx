/**
 * The purchased instance: id, the purchase's state (a badge: active, trial, running low, used
 * up, frozen, expired … — tenant.usage `state.status`, not just the instance row's status),
 * expiry — and, from tenant.usage, the plan, its billing mode (包周期 / 按次 / 按需 / 按需套餐包 /
 * 用完即停套餐包) and the trial's end. Times are in the reader's time zone (LocalTime).
 */
import { translateOr, type Translate } from "~/i18n/dictionary";
import { pickText, type Locale } from "~/i18n/locales";
import { Card } from "./card";
import { LocalTime } from "./local-time";
import type { UsageView } from "./usage-types";

/** Badge colours: green only when nothing needs the customer's attention. */
const BADGE: Record<string, string> = {
  active: "bg-green-100 text-green-900",
  trial: "bg-blue-100 text-blue-900",
  trialEnding: "bg-amber-100 text-amber-950",
  runningLow: "bg-amber-100 text-amber-950",
};
const STOPPED_BADGE = "bg-red-100 text-red-900";

interface Props {
  instance: { id: string; status: string; expireAt: Date | null; isTest: boolean } | null;
  usage: UsageView | null;
  locale: Locale;
  t: Translate;
  offsetMinutes: number;
}

export function SubscriptionCard({ instance, usage, locale, t, offsetMinutes }: Props) {
  const when = (d: Date | null, testId: string) =>
    d ? <LocalTime at={d.getTime()} fallbackOffsetMinutes={offsetMinutes} testId={testId} /> : <span data-testid={testId}>{t("sub.never")}</span>;
  // Without a usage view (no instance) the row's status is all there is.
  const state = usage?.state.status ?? (instance?.status === "ACTIVE" ? "active" : instance?.status === "FROZEN" ? "frozen" : "released");
  return (
    <Card title={t("sub.heading")}>
      {instance ? (
        <dl className="mt-3 grid grid-cols-[max-content_minmax(0,1fr)] gap-x-6 gap-y-1 text-sm">
          <dt className="text-slate-500">{t("sub.instance")}</dt>
          <dd className="font-mono break-all" data-testid="instance-id">
            {instance.id}
          </dd>
          <dt className="text-slate-500">{t("sub.status")}</dt>
          <dd data-testid="instance-status" data-status={instance.status} data-state={state}>
            <span className={`rounded px-2 py-0.5 text-xs font-medium ${BADGE[state] ?? STOPPED_BADGE}`} data-testid="state-badge">
              {translateOr(t, `state.${state}`, state)}
            </span>
            {instance.isTest ? ` ${t("sub.test")}` : ""}
          </dd>
          {usage ? (
            <>
              <dt className="text-slate-500">{t("sub.plan")}</dt>
              <dd data-testid="plan-name" data-plan={usage.plan.id}>
                {pickText(usage.plan.name, locale)}
              </dd>
              <dt className="text-slate-500">{t("sub.billingMode")}</dt>
              <dd data-testid="billing-mode" data-mode={usage.plan.billingMode}>
                {translateOr(t, `billingMode.${usage.plan.billingMode}`, usage.plan.billingMode)}
              </dd>
            </>
          ) : null}
          <dt className="text-slate-500">{t("sub.expires")}</dt>
          <dd>{when(instance.expireAt, "instance-expiry")}</dd>
          {usage?.trialEndsAt ? (
            <>
              <dt className="text-slate-500">{t("sub.trialEnds")}</dt>
              <dd>{when(usage.trialEndsAt, "trial-ends")}</dd>
            </>
          ) : null}
        </dl>
      ) : (
        <p className="mt-3 text-sm text-slate-600">{t("sub.none")}</p>
      )}
    </Card>
  );
}

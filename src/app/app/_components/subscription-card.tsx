/**
 * The purchased instance: id, status, expiry — and, from tenant.usage, the plan, its billing
 * mode (包周期 / 按次 / 按需 / 按需套餐包 / 用完即停套餐包) and the trial's end.
 */
import { translateOr, type Translate } from "~/i18n/dictionary";
import { formatDateTime } from "~/i18n/format";
import { pickText, type Locale } from "~/i18n/locales";
import type { UsageView } from "./usage-types";
import { Card } from "./card";

const STATUS_CLASS: Record<string, string> = {
  ACTIVE: "text-green-800",
  FROZEN: "text-amber-800",
  RELEASED: "text-red-800",
};

interface Props {
  instance: { id: string; status: string; expireAt: Date | null; isTest: boolean } | null;
  usage: UsageView | null;
  locale: Locale;
  t: Translate;
  offsetMinutes: number;
}

export function SubscriptionCard({ instance, usage, locale, t, offsetMinutes }: Props) {
  const when = (d: Date | null) => (d ? formatDateTime(d, offsetMinutes) : t("sub.never"));
  return (
    <Card title={t("sub.heading")}>
      {instance ? (
        <dl className="mt-3 grid grid-cols-[max-content_1fr] gap-x-6 gap-y-1 text-sm">
          <dt className="text-slate-500">{t("sub.instance")}</dt>
          <dd className="font-mono" data-testid="instance-id">
            {instance.id}
          </dd>
          <dt className="text-slate-500">{t("sub.status")}</dt>
          <dd className={STATUS_CLASS[instance.status] ?? ""} data-testid="instance-status" data-status={instance.status}>
            {translateOr(t, `status.${instance.status}`, instance.status)}
            {instance.isTest ? ` ${t("sub.test")}` : ""}
          </dd>
          {usage ? (
            <>
              <dt className="text-slate-500">{t("sub.plan")}</dt>
              <dd data-testid="plan-name" data-plan={usage.plan.id}>
                {pickText(usage.plan.name, locale)}
                {usage.plan.inTrial ? (
                  <span className="ml-2 rounded bg-blue-100 px-1.5 py-0.5 text-xs text-blue-800" data-testid="in-trial">
                    {t("sub.inTrial")}
                  </span>
                ) : null}
              </dd>
              <dt className="text-slate-500">{t("sub.billingMode")}</dt>
              <dd data-testid="billing-mode" data-mode={usage.plan.billingMode}>
                {translateOr(t, `billingMode.${usage.plan.billingMode}`, usage.plan.billingMode)}
              </dd>
            </>
          ) : null}
          <dt className="text-slate-500">{t("sub.expires")}</dt>
          <dd data-testid="instance-expiry">{when(instance.expireAt)}</dd>
          {usage?.trialEndsAt ? (
            <>
              <dt className="text-slate-500">{t("sub.trialEnds")}</dt>
              <dd data-testid="trial-ends">{when(usage.trialEndsAt)}</dd>
            </>
          ) : null}
        </dl>
      ) : (
        <p className="mt-3 text-sm text-slate-600">{t("sub.none")}</p>
      )}
    </Card>
  );
}


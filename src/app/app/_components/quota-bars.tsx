/**
 * Count quotas of the plan (seats, projects …): a bar of used over limit each. Seats count the
 * organisation's synced users who may sign in (tenant.usage), so the bar says where they come from.
 */
import type { Translate } from "~/i18n/dictionary";
import { formatNumber } from "~/i18n/format";
import { pickText, type Locale } from "~/i18n/locales";
import { SEAT_QUOTA } from "~/server/api/routers/tenant.schema";
import { Card } from "./card";
import { ProgressBar } from "./progress-bar";
import type { UsageView } from "./usage-types";

export function QuotaBars({ quotas, locale, t }: { quotas: UsageView["quotas"]; locale: Locale; t: Translate }) {
  return (
    <Card title={t("quotas.heading")}>
      {quotas.length === 0 ? (
        <p className="mt-3 text-sm text-slate-600">{t("quotas.empty")}</p>
      ) : (
        <ul className="mt-3 space-y-4">
          {quotas.map((q) => {
            const name = pickText(q.name, locale);
            const usage = t("quotas.usage", { used: formatNumber(q.used, locale), limit: formatNumber(q.limit, locale) });
            return (
              <li key={q.key} data-testid={`quota-${q.key}`} data-used={q.used} data-limit={q.limit} className="text-sm">
                <div className="mb-1 flex justify-between gap-4">
                  <span className="font-medium">{name}</span>
                  <span className="text-slate-600">{usage}</span>
                </div>
                <ProgressBar value={q.used} max={q.limit} label={t("label.pair", { name, value: usage })} />
                {q.key === SEAT_QUOTA ? <p className="mt-1 text-xs text-slate-500">{t("quotas.seatsHint")}</p> : null}
                {q.used > q.limit ? <p className="mt-1 text-xs text-red-800">{t("quotas.over")}</p> : null}
              </li>
            );
          })}
        </ul>
      )}
    </Card>
  );
}

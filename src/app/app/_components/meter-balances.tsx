/**
 * Per-meter balance for every meter the plan uses (rule != "none"): a bar of used over quota
 * across its grants (packages, this month's allowance), the remaining number — prepaid balance
 * over all grants, "unlimited" when the meter has no prepaid limit — and the grants themselves.
 * Only an on-demand meter shows what was billed on demand, and only the part beyond the
 * packages: prepaid usage is never called on-demand billing, even when it is reported to the
 * marketplace (用完即停 usage is).
 */
import type { Translate } from "~/i18n/dictionary";
import { formatDay, formatNumber, offsetLabel } from "~/i18n/format";
import { pickText, type Locale } from "~/i18n/locales";
import { rich } from "~/i18n/rich";
import { Card } from "./card";
import { LocalTime } from "./local-time";
import { ProgressBar } from "./progress-bar";
import { unitFor } from "./units";
import type { MeterView, UsageView } from "./usage-types";

interface Props {
  meters: MeterView[];
  period: UsageView["period"];
  locale: Locale;
  t: Translate;
  /** The quota month's offset: its first and last day are calendar days there. */
  offsetMinutes: number;
}

export function MeterBalances({ meters, period, locale, t, offsetMinutes }: Props) {
  const shown = meters.filter((m) => m.rule !== "none");
  const lastDay = new Date(period.end.getTime() - 1);
  return (
    <Card title={t("meters.heading")}>
      <p className="mt-1 text-xs text-slate-500" data-testid="quota-month">
        {t("meters.period", { start: formatDay(period.start, offsetMinutes), end: formatDay(lastDay, offsetMinutes), zone: offsetLabel(offsetMinutes) })}
      </p>
      {shown.length === 0 ? (
        <p className="mt-3 text-sm text-slate-600">{t("meters.empty")}</p>
      ) : (
        <ul className="mt-3 space-y-6">
          {shown.map((m) => (
            <MeterBalance key={m.meter} meter={m} locale={locale} t={t} offsetMinutes={offsetMinutes} />
          ))}
        </ul>
      )}
    </Card>
  );
}

function MeterBalance({ meter: m, locale, t, offsetMinutes }: { meter: MeterView; locale: Locale; t: Translate; offsetMinutes: number }) {
  const n = (x: number) => formatNumber(x, locale);
  const unit = (x: number) => unitFor(m, x, locale);
  const name = pickText(m.name, locale);
  const quota = m.grants.reduce((s, g) => s + g.quota, 0);
  const used = m.grants.reduce((s, g) => s + g.used, 0);
  const usage = t("meters.usage", { used: n(used), quota: n(quota), unit: unit(quota) });
  return (
    <li data-testid={`meter-${m.meter}`} data-rule={m.rule} className="text-sm">
      <div className="flex flex-wrap items-baseline justify-between gap-x-4">
        <h3 className="font-medium">
          {name} <span className="font-normal text-slate-500">· {t(`meters.rule.${m.rule as Exclude<MeterView["rule"], "none">}`)}</span>
        </h3>
        <p>
          <span className="text-slate-500">{t("meters.remaining")} </span>
          <strong data-testid={`meter-remaining-${m.meter}`} data-remaining={m.remaining ?? "unlimited"}>
            {m.remaining === null ? t("meters.unlimited") : `${n(m.remaining)} ${unit(m.remaining)}`}
          </strong>
        </p>
      </div>
      {m.grants.length > 0 ? (
        <div className="mt-2">
          <ProgressBar value={used} max={quota} label={t("label.pair", { name, value: usage })} />
          <p className="mt-1 text-xs text-slate-600">{usage}</p>
        </div>
      ) : null}
      <p className="mt-1 text-xs text-slate-600" data-testid={`meter-period-${m.meter}`}>
        {t("meters.usedThisPeriod", { used: n(m.usedThisPeriod), unit: unit(m.usedThisPeriod) })}
        {m.rule === "on-demand" ? ` · ${t("meters.onDemandThisPeriod", { billed: n(m.onDemandThisPeriod), unit: unit(m.onDemandThisPeriod) })}` : ""}
      </p>
      {m.rule === "unmetered" ? null : (
        <div className="mt-2">
          <h4 className="text-xs font-medium uppercase text-slate-500">{t("meters.grants")}</h4>
          {m.grants.length === 0 ? (
            <p className="text-xs text-slate-600">{t("meters.noGrants")}</p>
          ) : (
            <ul className="mt-1 space-y-0.5 text-xs" data-testid={`meter-grants-${m.meter}`}>
              {m.grants.map((g, i) => (
                <li key={`${i}:${g.kind}:${g.sourceInstanceId}`} data-kind={g.kind} data-remaining={g.remaining} className="flex flex-wrap gap-x-2">
                  <span className="font-medium">{g.kind === "PACKAGE" || g.kind === "ALLOWANCE" ? t(`grant.kind.${g.kind}`) : g.kind}</span>
                  <span>{t("grant.balance", { remaining: n(g.remaining), quota: n(g.quota) })}</span>
                  <span className="text-slate-500">
                    ·{" "}
                    {g.validUntil
                      ? rich(t("grant.validUntil"), { date: <LocalTime at={g.validUntil.getTime()} fallbackOffsetMinutes={offsetMinutes} /> })
                      : t("grant.noExpiry")}
                  </span>
                  <span className="min-w-0 font-mono break-all text-slate-400">{g.sourceInstanceId}</span>
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </li>
  );
}

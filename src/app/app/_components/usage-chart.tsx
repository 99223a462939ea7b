/**
 * Daily usage over the last 30 days (tenant.usage's `daily`), one small server-rendered SVG bar
 * chart per meter — no chart library, no client JavaScript. Each chart is an image with a title
 * and a text summary for screen readers; every bar carries its day and amount as a tooltip.
 */
import type { Translate } from "~/i18n/dictionary";
import { formatNumber } from "~/i18n/format";
import { pickText, type Locale } from "~/i18n/locales";
import { Card } from "./card";
import { unitFor } from "./units";
import type { MeterView, UsageView } from "./usage-types";

interface Props {
  meters: MeterView[];
  daily: UsageView["daily"];
  /** The x axis: "YYYY-MM-DD" days, oldest first, in the ledger's day offset. */
  days: string[];
  /** The offset those days are counted in ("UTC+8"), said under the charts. */
  zone: string;
  locale: Locale;
  t: Translate;
}

export function UsageChart({ meters, daily, days, zone, locale, t }: Props) {
  const inRange = new Set(days);
  const used = new Set(daily.filter((d) => inRange.has(d.day) && d.amount > 0).map((d) => d.meter));
  // Meters of the plan, and any other meter that was used in the window (e.g. before a downgrade).
  const charted = meters.filter((m) => used.has(m.meter) || (m.rule !== "none" && used.size > 0));
  return (
    <Card title={t("chart.heading")}>
      <div data-testid="usage-chart" data-empty={used.size === 0} className="mt-3 space-y-6">
        {used.size === 0 ? (
          <p className="text-sm text-slate-600" data-testid="usage-chart-empty">
            {t("chart.empty")}
          </p>
        ) : (
          <>
            {charted.map((m) => (
              <MeterChart key={m.meter} meter={m} daily={daily} days={days} locale={locale} t={t} />
            ))}
            <p className="text-xs text-slate-500">{t("chart.zone", { zone })}</p>
          </>
        )}
      </div>
    </Card>
  );
}

// The plot's own coordinates: the SVG stretches to the card's width at a fixed height, so its
// labels are HTML around it — text inside a scaled SVG would be 5 px on a phone and 20 on a desktop.
const W = 600;
const H = 120;

function MeterChart({ meter, daily, days, locale, t }: { meter: MeterView; daily: UsageView["daily"]; days: string[]; locale: Locale; t: Translate }) {
  const n = (x: number) => formatNumber(x, locale);
  const byDay = new Map<string, number>();
  for (const d of daily) if (d.meter === meter.meter) byDay.set(d.day, (byDay.get(d.day) ?? 0) + d.amount);
  const values = days.map((day) => ({ day, amount: byDay.get(day) ?? 0 }));
  const total = values.reduce((s, v) => s + v.amount, 0);
  const peak = values.reduce((best, v) => (v.amount > best.amount ? v : best), values[0] ?? { day: "", amount: 0 });
  const max = Math.max(peak.amount, 1);

  const name = pickText(meter.name, locale);
  const unit = pickText(meter.unit, locale);
  const titleId = `usage-chart-title-${meter.meter}`;
  const descId = `usage-chart-desc-${meter.meter}`;
  const slot = W / Math.max(values.length, 1);
  const barW = Math.max(slot * 0.7, 1);
  const mmdd = (day: string) => day.slice(5);
  const ticks = [...new Set([0, Math.floor((values.length - 1) / 2), values.length - 1])].flatMap((i) => (values[i] ? [values[i].day] : []));

  if (total === 0) {
    return (
      <p data-testid={`usage-chart-${meter.meter}`} data-total={0} className="text-sm text-slate-600">
        {name} · {t("chart.empty")}
      </p>
    );
  }

  return (
    <figure data-testid={`usage-chart-${meter.meter}`} data-total={total}>
      <div className="grid grid-cols-[auto_1fr] gap-x-2 text-xs text-slate-500 tabular-nums">
        {/* y axis: the peak and 0 */}
        <div className="flex h-32 flex-col justify-between text-right" aria-hidden="true">
          <span className="-mt-1.5">{n(max)}</span>
          <span className="-mb-1.5">0</span>
        </div>
        <svg viewBox={`0 0 ${W} ${H}`} preserveAspectRatio="none" role="img" aria-labelledby={titleId} aria-describedby={descId} className="h-32 w-full min-w-0">
          <title id={titleId}>{t("chart.title", { meter: name, unit })}</title>
          <line x1={0} x2={W} y1={0.5} y2={0.5} className="stroke-slate-200" strokeDasharray="3 3" vectorEffect="non-scaling-stroke" />
          <line x1={0} x2={W} y1={H - 0.5} y2={H - 0.5} className="stroke-slate-400" vectorEffect="non-scaling-stroke" />
          {values.map((v, i) => {
            const h = (v.amount / max) * H;
            const x = i * slot + (slot - barW) / 2;
            return (
              <rect key={v.day} x={x} y={H - h} width={barW} height={h} className="fill-blue-600" data-day={v.day} data-amount={v.amount}>
                <title>{t("chart.bar", { day: v.day, amount: n(v.amount), unit: unitFor(meter, v.amount, locale) })}</title>
              </rect>
            );
          })}
        </svg>
        {/* x axis: first, middle and last day */}
        <div className="col-start-2 mt-1 flex justify-between" aria-hidden="true" data-testid="usage-chart-days">
          {ticks.map((day) => (
            <span key={day}>{mmdd(day)}</span>
          ))}
        </div>
      </div>
      <figcaption id={descId} className="mt-1 text-xs text-slate-600">
        {name} · {t("chart.desc", { total: n(total), unit: unitFor(meter, total, locale), day: peak.day, max: n(peak.amount) })}
      </figcaption>
    </figure>
  );
}

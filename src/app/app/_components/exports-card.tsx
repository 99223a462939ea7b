/**
 * The demo's data export (dataExport.list + ExportsPanel), the example of a second metered
 * feature (docs/extending.md): what is left of this month's exports, the button, and the recent
 * exports. The reason an export would be refused is worked out from the usage summary the page
 * already has (feature in the plan, product running, allowance left); the server checks again.
 */
import type { Translate } from "~/i18n/dictionary";
import { formatNumber } from "~/i18n/format";
import type { Locale } from "~/i18n/locales";
import type { UsageView } from "./usage-types";
import { EXPORT_FEATURE, EXPORT_METER } from "~/server/exports";
import type { RouterOutputs } from "~/trpc/types";
import { Card } from "./card";
import { ExportsPanel } from "./exports-panel";

interface Props {
  exports: RouterOutputs["dataExport"]["list"];
  usage: UsageView;
  locale: Locale;
  t: Translate;
  offsetMinutes: number;
}

export function ExportsCard({ exports: { items }, usage, locale, t, offsetMinutes }: Props) {
  const meter = usage.meters.find((m) => m.meter === EXPORT_METER);
  const inPlan = usage.features.some((f) => f.key === EXPORT_FEATURE && f.included) && meter !== undefined && meter.rule !== "none";
  const remaining = meter?.rule === "allowance" ? meter.remaining : null;
  const blocked = usage.refusal
    ? t("exports.stopped")
    : !inPlan
      ? t("exports.notInPlan")
      : remaining !== null && remaining <= 0
        ? t("exports.usedUp")
        : null;
  const rows = items.map((e) => ({ id: e.id, rowCount: e.rowCount, createdBy: e.createdBy, createdAt: e.createdAt.getTime() }));
  return (
    <Card title={t("exports.heading")} id="exports" testId="exports">
      <p className="mt-3 text-sm text-slate-600">{t("exports.intro")}</p>
      {remaining !== null && !usage.refusal ? (
        <p className="mt-1 text-sm text-slate-600" data-testid="exports-left" data-remaining={remaining}>
          {t("exports.left", { remaining: formatNumber(remaining, locale) })}
        </p>
      ) : null}
      <ExportsPanel locale={locale} items={rows} blocked={blocked} offsetMinutes={offsetMinutes} />
    </Card>
  );
}

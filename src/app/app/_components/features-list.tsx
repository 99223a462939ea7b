/** The catalog's features, each marked included in the plan or not. */
import type { Translate } from "~/i18n/dictionary";
import { pickText, type Locale } from "~/i18n/locales";
import { Card } from "./card";
import type { UsageView } from "./usage-types";

export function FeaturesList({ features, locale, t }: { features: UsageView["features"]; locale: Locale; t: Translate }) {
  return (
    <Card title={t("features.heading")}>
      <ul className="mt-3 grid gap-2 text-sm sm:grid-cols-2">
        {features.map((f) => (
          <li key={f.key} data-testid={`feature-${f.key}`} data-included={f.included} className="flex flex-wrap items-baseline gap-x-2">
            <span aria-hidden="true" className={f.included ? "text-green-700" : "text-slate-400"}>
              {f.included ? "✓" : "✕"}
            </span>
            <span className={f.included ? "" : "text-slate-500"}>{pickText(f.name, locale)}</span>
            <span className={`text-xs ${f.included ? "text-green-800" : "text-slate-500"}`}>· {t(f.included ? "features.included" : "features.notIncluded")}</span>
          </li>
        ))}
      </ul>
    </Card>
  );
}

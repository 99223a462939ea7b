/**
 * The demo product's projects (project.list), the example of a count quota: used over the plan's
 * limit, the list, and the create form and delete buttons (ProjectsPanel). What cannot succeed
 * is disabled with the reason shown — creating at the plan's limit, creating or deleting while
 * the product is stopped — and the server still refuses it on its own (quotaProcedure,
 * activeInstanceProcedure). Without a projects quota (not in the plan, or none while the product
 * is stopped) there is no form; existing projects are still listed.
 */
import type { Translate } from "~/i18n/dictionary";
import { formatNumber } from "~/i18n/format";
import type { Locale } from "~/i18n/locales";
import type { RouterOutputs } from "~/trpc/types";
import { Card } from "./card";
import { ProgressBar } from "./progress-bar";
import { ProjectsPanel } from "./projects-panel";

interface Props {
  projects: RouterOutputs["project"]["list"];
  /** The product is stopped (frozen, expired …): the plan's quotas are withheld, not missing. */
  stopped: boolean;
  locale: Locale;
  t: Translate;
  offsetMinutes: number;
}

export function ProjectsCard({ projects: { items, limit, used }, stopped, locale, t, offsetMinutes }: Props) {
  const rows = items.map((p) => ({ id: p.id, name: p.name, createdBy: p.createdBy, createdAt: p.createdAt.getTime() }));
  const usage = limit === null ? null : t("projects.quota", { used: formatNumber(used, locale), limit: formatNumber(limit, locale) });
  const createBlocked = stopped ? t("projects.stopped") : limit !== null && used >= limit ? t("projects.atLimit", { limit: formatNumber(limit, locale) }) : null;
  return (
    <Card title={t("projects.heading")} id="projects" testId="projects">
      {/* While stopped, the panel says why nothing can be created or deleted. */}
      {stopped ? null : limit === null || usage === null ? (
        <p className="mt-3 text-sm text-slate-600" data-testid="projects-unavailable">
          {t("projects.notInPlan")}
        </p>
      ) : (
        <div className="mt-3 text-sm">
          <p className="mb-1 text-slate-600" data-testid="projects-quota" data-used={used} data-limit={limit}>
            {usage}
          </p>
          <ProgressBar value={used} max={limit} label={t("label.pair", { name: t("projects.heading"), value: usage })} />
        </div>
      )}
      <ProjectsPanel
        locale={locale}
        items={rows}
        canCreate={limit !== null}
        createBlocked={createBlocked}
        deleteBlocked={stopped ? t("projects.stopped") : null}
        offsetMinutes={offsetMinutes}
      />
    </Card>
  );
}

/**
 * Tenant home: the signed-in 联营账号, their organisation and its purchased instance
 * (`tenant.me`), and what the plan allows and what is left of it (`tenant.usage`): plan and
 * billing mode, the purchase's state with a banner and a KooGallery link when it stopped or is
 * about to (frozen, expired, trial ending or ended, released, package used up or running low),
 * quota bars, per-meter balances, the usage chart — the API console, the product's metered
 * feature, its projects (`project.list`), the count-quota feature, and its data exports
 * (`dataExport.list`), the second metered feature. All four procedures are tenantProcedure, so a
 * customer only ever sees their own tenant.
 */
import type { Metadata } from "next";
import { getEnv } from "~/env";
import { asSentence, lastDays, offsetLabel } from "~/i18n/format";
import { pickText, type Locale } from "~/i18n/locales";
import { getI18n } from "~/i18n/server";
import { API_CONSOLE_FEATURE, API_CONSOLE_METER } from "~/server/api/routers/tenant.schema";
import { activeCatalog } from "~/server/billing";
import { ERROR_TABLE, type AppErrorCode } from "~/server/errors";
import { api } from "~/trpc/server";
import { ApiConsole } from "./_components/api-console";
import { Card } from "./_components/card";
import { ExportsCard } from "./_components/exports-card";
import { FeaturesList } from "./_components/features-list";
import { MeterBalances } from "./_components/meter-balances";
import { OrgHeader } from "./_components/org-header";
import { ProjectsCard } from "./_components/projects-card";
import { PurchaseNotices } from "./_components/purchase-notices";
import { QuotaBars } from "./_components/quota-bars";
import { SubscriptionCard } from "./_components/subscription-card";
import { UsageChart } from "./_components/usage-chart";
import type { MeterView, UsageView } from "./_components/usage-types";
import { UserCard } from "./_components/user-card";
import { requireCustomer } from "./require-customer";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getI18n();
  return { title: t("home.title") };
}

const CHART_DAYS = 30;

export default async function TenantHomePage() {
  await requireCustomer();
  const [{ locale, t }, me] = await Promise.all([getI18n(), api.tenant.me()]);
  // Without a bound instance there is no plan to show (and nothing to debit).
  const [usage, projects, exports] = me.instance
    ? await Promise.all([api.tenant.usage(), api.project.list(), api.dataExport.list()])
    : [null, null, null];
  // Quota months and daily sums are counted in the catalog's offset (UTC+8 by default); times
  // are shown in the browser's zone, and in this offset until the browser has rendered them.
  const offsetMinutes = activeCatalog().quotaPeriodUtcOffsetMinutes;
  const consoleMeter = usage?.meters.find((m) => m.meter === API_CONSOLE_METER);

  return (
    <main className="space-y-8">
      <OrgHeader tenant={me.tenant} t={t} />
      {usage ? (
        <PurchaseNotices notices={usage.state.notices} meters={usage.meters} productUrl={getEnv().KOOGALLERY_PRODUCT_URL} locale={locale} t={t} offsetMinutes={offsetMinutes} />
      ) : null}

      <div className="grid gap-8 md:grid-cols-2">
        <UserCard user={me.user} t={t} />
        <SubscriptionCard instance={me.instance} usage={usage} locale={locale} t={t} offsetMinutes={offsetMinutes} />
      </div>

      {usage ? (
        <>
          <Card title={t("api.heading")} id="api-console" testId="api-console">
            <ApiConsole
              locale={locale}
              meterName={consoleMeter ? pickText(consoleMeter.name, locale) : API_CONSOLE_METER}
              units={consoleMeter ?? { unit: { zh: "", en: "" }, unitOne: { zh: "", en: "" } }}
              blocked={consoleBlocked(usage, consoleMeter, locale)}
              refusingBalance={consoleMeter && REFUSES_AT_ZERO.has(consoleMeter.rule) ? consoleMeter.remaining : null}
            />
          </Card>
          <MeterBalances meters={usage.meters} period={usage.period} locale={locale} t={t} offsetMinutes={offsetMinutes} />
          <UsageChart
            meters={usage.meters}
            daily={usage.daily}
            days={lastDays(new Date(), CHART_DAYS, offsetMinutes)}
            zone={offsetLabel(offsetMinutes)}
            locale={locale}
            t={t}
          />
          <div className="grid gap-8 md:grid-cols-2">
            <QuotaBars quotas={usage.quotas} locale={locale} t={t} />
            <FeaturesList features={usage.features} locale={locale} t={t} />
          </div>
          {projects ? <ProjectsCard projects={projects} stopped={usage.refusal !== null} locale={locale} t={t} offsetMinutes={offsetMinutes} /> : null}
          {exports ? <ExportsCard exports={exports} usage={usage} locale={locale} t={t} offsetMinutes={offsetMinutes} /> : null}
        </>
      ) : null}
    </main>
  );
}

/** Meter rules under which a request larger than the balance is refused (not billed on demand). */
const REFUSES_AT_ZERO = new Set<MeterView["rule"]>(["packages", "allowance"]);

/**
 * Why the API console cannot succeed at all right now — the refusal the server would answer
 * (featureProcedure, consume()) — as the code and the user's sentence; null when it can.
 */
function consoleBlocked(usage: UsageView, meter: MeterView | undefined, locale: Locale): { code: string; message: string } | null {
  const said = (code: AppErrorCode) => ({ code, message: asSentence(pickText(ERROR_TABLE[code], locale), locale) });
  if (usage.refusal) return { code: usage.refusal.code, message: asSentence(pickText(usage.refusal.message, locale), locale) };
  if (!usage.features.some((f) => f.key === API_CONSOLE_FEATURE && f.included)) return said("FEATURE_NOT_IN_PLAN");
  if (meter && REFUSES_AT_ZERO.has(meter.rule) && meter.remaining !== null && meter.remaining <= 0) {
    return said(meter.rule === "packages" ? "PACKAGE_EXHAUSTED" : "QUOTA_EXCEEDED");
  }
  return null;
}

/**
 * Tenant home: the signed-in 联营账号, their organisation and its purchased instance
 * (`tenant.me`), and what the plan allows and what is left of it (`tenant.usage`): plan and
 * billing mode, why the product is stopped if it is, quota bars, per-meter balances, the usage
 * chart — the API console, the product's metered feature, and its projects (`project.list`), the
 * count-quota feature. All three procedures are tenantProcedure, so a customer only ever sees
 * their own tenant.
 */
import type { Metadata } from "next";
import { lastDays } from "~/i18n/format";
import { pickText } from "~/i18n/locales";
import { getI18n } from "~/i18n/server";
import { API_CONSOLE_METER } from "~/server/api/routers/tenant.schema";
import { activeCatalog } from "~/server/billing/config";
import { api } from "~/trpc/server";
import { ApiConsole } from "./_components/api-console";
import { Card } from "./_components/card";
import { FeaturesList } from "./_components/features-list";
import { MeterBalances } from "./_components/meter-balances";
import { OrgHeader } from "./_components/org-header";
import { ProjectsCard } from "./_components/projects-card";
import { QuotaBars } from "./_components/quota-bars";
import { RefusalBanner } from "./_components/refusal-banner";
import { SubscriptionCard } from "./_components/subscription-card";
import { UsageChart } from "./_components/usage-chart";
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
  const [usage, projects] = me.instance ? await Promise.all([api.tenant.usage(), api.project.list()]) : [null, null];
  // Times are shown in the offset the quota month and the daily sums use (UTC+8 by default).
  const offsetMinutes = activeCatalog().quotaPeriodUtcOffsetMinutes;
  const consoleMeter = usage?.meters.find((m) => m.meter === API_CONSOLE_METER);

  return (
    <main className="space-y-8">
      <OrgHeader tenant={me.tenant} t={t} />
      {usage?.refusal ? <RefusalBanner refusal={usage.refusal} locale={locale} t={t} /> : null}

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
              unit={consoleMeter ? pickText(consoleMeter.unit, locale) : ""}
            />
          </Card>
          <MeterBalances meters={usage.meters} period={usage.period} locale={locale} t={t} offsetMinutes={offsetMinutes} />
          <UsageChart meters={usage.meters} daily={usage.daily} days={lastDays(new Date(), CHART_DAYS, offsetMinutes)} locale={locale} t={t} />
          <div className="grid gap-8 md:grid-cols-2">
            <QuotaBars quotas={usage.quotas} locale={locale} t={t} />
            <FeaturesList features={usage.features} locale={locale} t={t} />
          </div>
          {projects ? <ProjectsCard projects={projects} stopped={usage.refusal !== null} locale={locale} t={t} offsetMinutes={offsetMinutes} /> : null}
        </>
      ) : null}
    </main>
  );
}

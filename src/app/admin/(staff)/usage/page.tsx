/**
 * Staff view of metering and the usage push: "what did we send, and what did the marketplace
 * answer". Summary cards, alerts and settings on top; three tabs — the push outbox (filter by
 * status and instance), the dead letters (reason, the marketplace's answer, re-queue with audit)
 * and the usage ledger (filter by account and instance, with the account's balances). The view lives in the query string (search-params.ts); data comes through
 * the staff-only usageAdmin procedures.
 */
import type { Metadata } from "next";
import Link from "next/link";
import type { AdminTranslate } from "~/i18n/admin/dictionary";
import { getAdminI18n } from "~/i18n/server";
import { api } from "~/trpc/server";
import { consoleOffsetMinutes } from "../console-offset";
import { ExportLink, Pager, ZoneNote } from "../list-parts";
import { requireStaff } from "../require-staff";
import { DeadLetterFilters, DeadLetterTable } from "./dead-letters";
import { GrantTable, LedgerFilters, LedgerTable } from "./ledger";
import { PushRecordFilters, PushRecordTable } from "./push-records";
import { parseUsageView, usageFilterInput, usageHref, usageParams, type RawSearchParams, type UsageView } from "./search-params";
import { SummaryCards } from "./summary-cards";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getAdminI18n();
  return { title: t("usage.title") };
}

const PAGE_SIZE = 50;

function Tabs({ view, t }: { view: UsageView; t: AdminTranslate }) {
  const tab = (id: UsageView["tab"], label: string) => (
    <Link
      href={usageHref({ tab: id, instance: view.instance })}
      aria-current={view.tab === id ? "page" : undefined}
      className={`shrink-0 whitespace-nowrap border-b-2 px-3 py-2 text-sm font-medium ${view.tab === id ? "border-blue-700 text-blue-800" : "border-transparent text-slate-600 hover:text-blue-700"}`}
    >
      {label}
    </Link>
  );
  return (
    <nav className="mt-6 flex gap-2 overflow-x-auto border-b border-slate-200" aria-label={t("usage.sections")}>
      {tab("records", t("usage.tab.records"))}
      {tab("dead", t("usage.tab.dead"))}
      {tab("ledger", t("usage.tab.ledger"))}
    </nav>
  );
}

async function RecordsTab({ view }: { view: UsageView }) {
  const { items, nextCursor } = await api.usageAdmin.pushRecords({ ...usageFilterInput(view, consoleOffsetMinutes()), status: view.status, cursor: view.cursor, limit: PAGE_SIZE });
  return (
    <>
      <div className="mt-4">
        <PushRecordFilters view={view} />
      </div>
      <div className="mt-4">
        <div className="mb-2 flex justify-end">
          <ExportLink list={view.tab === "records" ? "usage" : view.tab === "dead" ? "dead-letters" : "ledger"} params={usageParams(view)} />
        </div>
        <PushRecordTable items={items} />
      </div>
      <Pager cursor={view.cursor} nextCursor={nextCursor} href={(cursor) => usageHref({ ...view, cursor })} />
    </>
  );
}

async function DeadLettersTab({ view }: { view: UsageView }) {
  const { items, nextCursor } = await api.usageAdmin.deadLetters({ ...usageFilterInput(view, consoleOffsetMinutes()), reason: view.reason, cursor: view.cursor, limit: PAGE_SIZE });
  return (
    <>
      <div className="mt-4">
        <DeadLetterFilters view={view} />
      </div>
      <div className="mt-4">
        <div className="mb-2 flex justify-end">
          <ExportLink list={view.tab === "records" ? "usage" : view.tab === "dead" ? "dead-letters" : "ledger"} params={usageParams(view)} />
        </div>
        <DeadLetterTable items={items} />
      </div>
      <Pager cursor={view.cursor} nextCursor={nextCursor} href={(cursor) => usageHref({ ...view, cursor })} />
    </>
  );
}

async function LedgerTab({ view }: { view: UsageView }) {
  const [{ items, nextCursor }, grants] = await Promise.all([
    api.usageAdmin.ledger({ ...usageFilterInput(view, consoleOffsetMinutes()), accountKey: view.account, cursor: view.cursor, limit: PAGE_SIZE }),
    view.account ? api.usageAdmin.grants({ accountKey: view.account }) : Promise.resolve(null),
  ]);
  return (
    <>
      <div className="mt-4">
        <LedgerFilters view={view} />
      </div>
      {view.account && grants ? <GrantTable accountKey={view.account} grants={grants} /> : null}
      <div className="mt-6">
        <div className="mb-2 flex justify-end">
          <ExportLink list={view.tab === "records" ? "usage" : view.tab === "dead" ? "dead-letters" : "ledger"} params={usageParams(view)} />
        </div>
        <LedgerTable items={items} />
      </div>
      <Pager cursor={view.cursor} nextCursor={nextCursor} href={(cursor) => usageHref({ ...view, cursor })} />
    </>
  );
}

export default async function UsagePage({ searchParams }: { searchParams: Promise<RawSearchParams> }) {
  await requireStaff();
  const { t } = await getAdminI18n();
  const view = parseUsageView(await searchParams);
  const summary = await api.usageAdmin.summary();

  return (
    <main className="min-w-0">
      <h1 className="text-2xl font-bold">{t("usage.title")}</h1>
      <p className="mt-1 text-sm text-slate-600">
        {t("usage.intro")} <ZoneNote />
      </p>
      <div className="mt-4">
        <SummaryCards summary={summary} />
      </div>
      <Tabs view={view} t={t} />
      {view.tab === "ledger" ? <LedgerTab view={view} /> : view.tab === "dead" ? <DeadLettersTab view={view} /> : <RecordsTab view={view} />}
    </main>
  );
}

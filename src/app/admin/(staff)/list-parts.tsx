/**
 * What the staff lists share: the filter bar (a plain GET form, so filtering works without
 * JavaScript and the result is a linkable URL) with the search box and date range, the table
 * frame (it scrolls inside its own box, so a wide table never widens the page, and its cells do
 * not wrap unless marked WRAP_CELL), the pagers of
 * keyset- and offset-paged lists, and the CSV export link. Server components.
 */
import Link from "next/link";
import type { ReactNode } from "react";
import { offsetLabel } from "~/i18n/format";
import { getAdminI18n } from "~/i18n/server";
import { consoleOffsetMinutes } from "./console-offset";
import { CopyButton } from "./copy-button";
import type { ListWindowView } from "./list-params";
import { hrefWith } from "./query-params";
import { EXPORT_MAX_ROWS } from "../export/limits";

/** An input or select of a filter bar. */
export const fieldClass = "mt-1 block w-full min-w-0 rounded border border-slate-300 bg-white px-2 py-1.5 text-sm sm:w-auto";
/**
 * A label wrapping one field of a filter bar. On a phone two share a row (a full-width column
 * of seven filters pushed the list itself a whole screen down); the search box takes its own.
 */
export const labelClass = "min-w-0 text-sm max-sm:w-[calc(50%-0.5rem)]";
const searchLabelClass = "min-w-0 text-sm max-sm:w-full";

/** The filters every lifecycle list shares: a status <select> ("any" first) and "hide debug". */
export function StatusAndTestFilters({
  statusLabel,
  anyLabel,
  statuses,
  value,
  hideTest,
  hideTestLabel,
}: {
  statusLabel: string;
  anyLabel: string;
  /** Each status with its label in the page's language. */
  statuses: readonly { value: string; label: string }[];
  value: string | undefined;
  hideTest: boolean;
  hideTestLabel: string;
}) {
  return (
    <>
      <label className={labelClass}>
        {statusLabel}
        <select name="status" defaultValue={value ?? ""} className={fieldClass}>
          <option value="">{anyLabel}</option>
          {statuses.map((s) => (
            <option key={s.value} value={s.value}>
              {s.label}
            </option>
          ))}
        </select>
      </label>
      <label className="flex items-center gap-2 pb-2 text-sm">
        <input type="checkbox" name="hideTest" value="1" defaultChecked={hideTest} />
        {hideTestLabel}
      </label>
    </>
  );
}

/** `children`: the labelled fields; Filter submits them to `action`, Reset goes to `resetHref`. */
export async function FilterForm({ action, label, resetHref = action, children }: { action: string; label: string; resetHref?: string; children: ReactNode }) {
  const { t } = await getAdminI18n();
  return (
    <form method="get" action={action} className="flex flex-wrap items-end gap-x-4 gap-y-3" aria-label={label}>
      {children}
      <button type="submit" className="rounded bg-blue-700 px-4 py-1.5 text-sm font-medium text-white hover:bg-blue-800">
        {t("common.filter")}
      </button>
      <Link href={resetHref} className="pb-2 text-sm text-slate-600 underline">
        {t("common.reset")}
      </Link>
    </form>
  );
}

/** The search box and the from/to days of a filter bar; `placeholder` says what the search looks at. */
export async function WindowFields({ view, placeholder }: { view: Pick<ListWindowView, "q" | "from" | "to">; placeholder: string }) {
  const { t } = await getAdminI18n();
  return (
    <>
      <label className={searchLabelClass}>
        {t("common.search")}
        <input type="search" name="q" defaultValue={view.q ?? ""} placeholder={placeholder} className={`${fieldClass} sm:w-80`} data-testid="list-search" />
      </label>
      <label className={labelClass}>
        {t("common.from")}
        <input type="date" name="from" defaultValue={view.from ?? ""} className={fieldClass} data-testid="list-from" />
      </label>
      <label className={labelClass}>
        {t("common.to")}
        <input type="date" name="to" defaultValue={view.to ?? ""} className={fieldClass} data-testid="list-to" />
      </label>
    </>
  );
}

/** The line under a list's title: in which zone the date filter counts days and times are shown. */
export async function ZoneNote() {
  const { t } = await getAdminI18n();
  return (
    <span>
      {t("common.timesNote")} {t("common.daysIn", { zone: offsetLabel(consoleOffsetMinutes()) })}
    </span>
  );
}

/**
 * A table cell of free text (a name, a reason, an answer): it wraps, at a readable width. Every
 * other cell stays on one line and the table scrolls sideways in its box (globals.css `.data-table`).
 */
export const WRAP_CELL = "min-w-48 whitespace-normal";

interface DataTableProps {
  columns: readonly string[];
  /** The rows: one <tbody>, or one <tbody> per row group. */
  children: ReactNode;
  /** Shown under the header when there are no rows. */
  isEmpty: boolean;
  empty: ReactNode;
  emptyTestId?: string;
  testId?: string;
  className?: string;
}

export function DataTable({ columns, children, isEmpty, empty, emptyTestId, testId, className = "" }: DataTableProps) {
  return (
    <div className={`max-w-full overflow-x-auto rounded-lg border border-slate-200 bg-white ${className}`} data-testid={testId ? `${testId}-scroller` : undefined}>
      <table className="data-table min-w-full text-left text-sm" data-testid={testId}>
        <thead className="bg-slate-100 text-xs uppercase text-slate-600">
          <tr>
            {columns.map((c, i) => (
              <th key={i} className="whitespace-nowrap px-3 py-2 font-semibold">
                {c}
              </th>
            ))}
          </tr>
        </thead>
        {children}
      </table>
      {isEmpty ? (
        <p className="px-3 py-8 text-center text-sm text-slate-500" data-testid={emptyTestId}>
          {empty}
        </p>
      ) : null}
    </div>
  );
}

/**
 * The empty state of an offset-paged list asked for a page past its last (`?page=999`): the rows
 * exist, just not on this page — said so, with a link to page 1 (not "no rows yet").
 */
export async function PastLastPage({ page, pageSize, total, href }: { page: number; pageSize: number; total: number; href: string }) {
  const { t } = await getAdminI18n();
  return (
    <span data-testid="past-last-page">
      {t("common.pastLastPage", { page, pages: Math.max(1, Math.ceil(total / pageSize)) })}{" "}
      <Link className="text-blue-700 underline" href={href} data-testid="to-first-page">
        {t("common.toFirstPage")}
      </Link>
    </span>
  );
}

/** The empty text of an offset-paged list: past the last page, nothing matching, or no rows yet. */
export function emptyOfPage(p: { rows: number; page: number; pageSize: number; total: number; firstPageHref: string }, noRows: string): ReactNode {
  if (p.rows > 0 || p.total === 0 || p.page <= 1) return noRows;
  return <PastLastPage page={p.page} pageSize={p.pageSize} total={p.total} href={p.firstPageHref} />;
}

/** Back to the first page while on a later one; on to the next while there is one (keyset paging). */
export async function Pager({ cursor, nextCursor, href }: { cursor?: string; nextCursor: string | null; href: (cursor: string | undefined) => string }) {
  const { t } = await getAdminI18n();
  return (
    <nav className="mt-4 flex gap-4 text-sm" data-testid="pager">
      {cursor ? (
        <Link className="text-blue-700 underline" href={href(undefined)}>
          {t("common.newest")}
        </Link>
      ) : null}
      {nextCursor ? (
        <Link className="text-blue-700 underline" href={href(nextCursor)} data-testid="pager-next">
          {t("common.older")}
        </Link>
      ) : null}
    </nav>
  );
}

/** Previous / next and "page 2 of 5 · 230 rows" of an offset-paged list. */
export async function PageNav({ page, pageSize, total, href }: { page: number; pageSize: number; total: number; href: (page: number) => string }) {
  const { t } = await getAdminI18n();
  const pages = Math.max(1, Math.ceil(total / pageSize));
  return (
    <nav className="mt-4 flex flex-wrap items-center gap-4 text-sm" data-testid="pager">
      {page > 1 ? (
        <Link className="text-blue-700 underline" href={href(Math.min(page - 1, pages))} data-testid="pager-prev">
          {t("common.prev")}
        </Link>
      ) : null}
      <span className="text-slate-600" data-testid="pager-status">
        {t("common.pageOf", { page, pages, total })}
      </span>
      {page < pages ? (
        <Link className="text-blue-700 underline" href={href(page + 1)} data-testid="pager-next">
          {t("common.next")}
        </Link>
      ) : null}
    </nav>
  );
}

/** The CSV of the list as filtered (/admin/export/<list>?<same filters>). */
export async function ExportLink({ list, params }: { list: string; params: Record<string, string | undefined> }) {
  const { t } = await getAdminI18n();
  
  const rest = Object.fromEntries(Object.entries(params).filter(([k]) => k !== "page" && k !== "cursor"));
  return (
    <a href={hrefWith(`/admin/export/${list}`, rest)} className="text-sm text-blue-700 underline" data-testid="export-csv" title={t("common.exportNote", { max: EXPORT_MAX_ROWS })} download>
      {t("common.export")}
    </a>
  );
}

/** A value with its copy button. */
export async function Copyable({ value, testId, children }: { value: string; testId?: string; children?: ReactNode }) {
  const { t } = await getAdminI18n();
  return (
    <span className="inline-flex max-w-full items-start gap-2">
      <span className="min-w-0 break-all">{children ?? value}</span>
      <CopyButton value={value} label={t("common.copy")} copied={t("common.copied")} failed={t("common.copyFailed")} testId={testId} />
    </span>
  );
}

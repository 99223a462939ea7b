/**
 * What the staff lists share: the filter bar (a plain GET form, so filtering works without
 * JavaScript and the result is a linkable URL), the table frame with its header row and empty
 * state, and the newest/older pager of a cursor-paged list. Server components.
 */
import Link from "next/link";
import type { ReactNode } from "react";

/** An input or select of a filter bar. */
export const fieldClass = "mt-1 block rounded border border-slate-300 bg-white px-2 py-1.5 text-sm";

/** `children`: the labelled fields; Filter submits them to `action`, Reset goes to `resetHref`. */
export function FilterForm({ action, label, resetHref = action, children }: { action: string; label: string; resetHref?: string; children: ReactNode }) {
  return (
    <form method="get" action={action} className="flex flex-wrap items-end gap-4" aria-label={label}>
      {children}
      <button type="submit" className="rounded bg-blue-700 px-4 py-1.5 text-sm font-medium text-white hover:bg-blue-800">
        Filter
      </button>
      <Link href={resetHref} className="pb-2 text-sm text-slate-600 underline">
        Reset
      </Link>
    </form>
  );
}

interface DataTableProps {
  columns: readonly string[];
  /** The rows: one <tbody>, or one <tbody> per row group. */
  children: ReactNode;
  /** Shown under the header when there are no rows. */
  isEmpty: boolean;
  empty: string;
  emptyTestId?: string;
  testId?: string;
  className?: string;
}

export function DataTable({ columns, children, isEmpty, empty, emptyTestId, testId, className = "" }: DataTableProps) {
  return (
    <div className={`overflow-x-auto rounded-lg border border-slate-200 bg-white ${className}`}>
      <table className="min-w-full text-left text-sm" data-testid={testId}>
        <thead className="bg-slate-100 text-xs uppercase text-slate-600">
          <tr>
            {columns.map((c, i) => (
              <th key={i} className="px-3 py-2 font-semibold">
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

/** Back to the first page while on a later one; on to the next while there is one. */
export function Pager({ cursor, nextCursor, href }: { cursor?: string; nextCursor: string | null; href: (cursor: string | undefined) => string }) {
  return (
    <nav className="mt-4 flex gap-4 text-sm">
      {cursor ? (
        <Link className="text-blue-700 underline" href={href(undefined)}>
          ← Newest
        </Link>
      ) : null}
      {nextCursor ? (
        <Link className="text-blue-700 underline" href={href(nextCursor)}>
          Older →
        </Link>
      ) : null}
    </nav>
  );
}

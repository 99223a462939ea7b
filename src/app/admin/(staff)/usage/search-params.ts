/**
 * The usage view lives in the query string (?tab=ledger|dead&q=…&from=…&to=…&status=FAILED
 * &reason=…&instance=…&account=…&cursor=…), so any view can be linked or bookmarked. A value that
 * does not pass the API's own schema is dropped rather than turned into an error page.
 */
import { ZDeadLetterListInput, ZLedgerListInput, ZPushRecordListInput, type DeadReason, type PushStatus } from "~/server/api/routers/usage-admin.schema";
import { parseListWindow, windowOf } from "../list-params";
import { first, hrefWith, valid, type RawSearchParams } from "../query-params";

export type { RawSearchParams };

export type UsageTab = "records" | "dead" | "ledger";

export interface UsageView {
  tab: UsageTab;
  /** Free text (all tabs). */
  q?: string;
  /** Days, as in list-params.ts: the usage hour (records, dead letters) or the entry's time (ledger). */
  from?: string;
  to?: string;
  /** Push records tab only. */
  status?: PushStatus;
  /** Dead letters tab only. */
  reason?: DeadReason;
  /** Both tabs: billed/package instance (records), consuming/billed/package instance (ledger). */
  instance?: string;
  /** Ledger tab only; also shows the account's balances. */
  account?: string;
  /** Page cursor of the current tab. */
  cursor?: string;
}

export function parseUsageView(params: RawSearchParams): UsageView {
  const t = first(params.tab);
  const tab: UsageTab = t === "ledger" || t === "dead" ? t : "records";
  const records = ZPushRecordListInput.shape;
  const ledger = ZLedgerListInput.shape;
  const dead = ZDeadLetterListInput.shape;
  const { q, from, to } = parseListWindow(params);
  return {
    tab,
    q,
    from,
    to,
    status: tab === "records" ? valid(records.status, first(params.status)) : undefined,
    reason: tab === "dead" ? valid(dead.reason, first(params.reason)) : undefined,
    instance: valid(records.instanceId, first(params.instance)),
    account: tab === "ledger" ? valid(ledger.accountKey, first(params.account)) : undefined,
    cursor: tab === "ledger" ? valid(ledger.cursor, first(params.cursor)) : valid(records.cursor, first(params.cursor)),
  };
}

/** The filters every tab's procedure takes (search, window, instance). */
export function usageFilterInput(view: UsageView, offsetMinutes: number) {
  return { search: view.q, ...windowOf(view, offsetMinutes), instanceId: view.instance };
}

/** The view's query parameters; the cursor only when given. */
export function usageParams(view: Partial<UsageView>): Record<string, string | undefined> {
  const { q, from, to, status, reason, instance, account, cursor } = view;
  return { tab: view.tab === "records" ? undefined : view.tab, q, from, to, status, reason, instance, account, cursor };
}

/** `/admin/usage?…` for a view; empty values are left out so links stay short. */
export function usageHref(view: Partial<UsageView>): string {
  return hrefWith("/admin/usage", usageParams(view));
}

/**
 * The call-log view lives in the query string (?q=…&from=…&to=…&activity=…&resultCode=…&channel=…
 * &instanceId=…&requestId=…&hideTest=1&hours=…&cursor=…), so any filtered view can be linked or bookmarked. A value
 * that does not pass the API's own schema is dropped rather than turned into an error page.
 * `resultCode=error` is every error answer (any code but 000000); `hours=24` the calls received in
 * the last 24 hours (to the millisecond, unlike the calendar days of from/to) — together they are
 * the overview's "error answers (24 h)" card.
 */
import { ZCallLogListInput, type CALL_CHANNELS, type CallLogListInput } from "~/server/api/routers/call-log.schema";
import { DEFAULT_PAGE_SIZE, parseListWindow, windowOf, windowParams, type ListWindowView } from "../list-params";
import { first, hrefWith, valid, type RawSearchParams } from "../query-params";

export type { RawSearchParams };

/** `?resultCode=error`: every error answer. */
export const ERROR_RESULTS = "error";
/** The "received within" choices of the filter bar, in hours. */
export const WITHIN_HOURS = [1, 24, 168] as const;
type WithinHours = (typeof WITHIN_HOURS)[number];

export interface CallLogView extends ListWindowView {
  activity?: string;
  resultCode?: string;
  /** Every error answer (the result filter set to "error"). */
  errorsOnly?: boolean;
  /** Received in the last this many hours. */
  hours?: WithinHours;
  channel?: (typeof CALL_CHANNELS)[number];
  /** Instance id, or the license code of License calls. */
  instanceId?: string;
  /** X-Request-Id of the call (README "Operations: logs, health, metrics"): from a log line to its call. */
  requestId?: string;
  hideTest: boolean;
  cursor?: string;
}

const shape = ZCallLogListInput.shape;

export function parseCallLogView(params: RawSearchParams): CallLogView {
  return {
    ...parseListWindow(params),
    activity: valid(shape.activity, first(params.activity)),
    resultCode: valid(shape.resultCode, first(params.resultCode)),
    errorsOnly: first(params.resultCode) === ERROR_RESULTS,
    hours: WITHIN_HOURS.find((h) => String(h) === first(params.hours)),
    channel: valid(shape.channel, first(params.channel)),
    instanceId: valid(shape.instanceId, first(params.instanceId)),
    requestId: valid(shape.requestId, first(params.requestId)),
    hideTest: first(params.hideTest) === "1",
    cursor: valid(shape.cursor, first(params.cursor)),
  };
}

/** The procedure input of a view (the page and the CSV export ask the same question). */
export function callLogInput(view: CallLogView, offsetMinutes: number, nowMs: number = Date.now()): CallLogListInput {
  const days = windowOf(view, offsetMinutes);
  const since = view.hours ? new Date(nowMs - view.hours * 3_600_000) : undefined;
  return {
    search: view.q,
    ...days,
    // Both a first day and "the last N hours": the later start.
    from: since && (!days.from || since > days.from) ? since : days.from,
    activity: view.activity,
    resultCode: view.resultCode,
    errorsOnly: view.errorsOnly || undefined,
    channel: view.channel,
    instanceId: view.instanceId,
    requestId: view.requestId,
    includeTest: !view.hideTest,
    cursor: view.cursor,
    limit: view.size,
  };
}

/** The view's query parameters (without the cursor). */
export function callLogParams(view: CallLogView): Record<string, string | undefined> {
  const { activity, channel, instanceId, requestId } = view;
  const resultCode = view.errorsOnly ? ERROR_RESULTS : view.resultCode;
  const hours = view.hours ? String(view.hours) : undefined;
  return { ...windowParams(view, 1), activity, resultCode, channel, instanceId, requestId, hideTest: view.hideTest ? "1" : undefined, hours };
}

/** `/admin/calls?…` for a view; empty values are left out so links stay short. */
export function callLogHref(view: Partial<CallLogView>): string {
  return hrefWith("/admin/calls", { ...callLogParams({ page: 1, size: DEFAULT_PAGE_SIZE, hideTest: false, ...view }), cursor: view.cursor });
}

/** The rows behind the overview's "error answers (24 h)" card (traffic-cards.tsx): the same count, listed. */
export const ERRORS_24H_HREF = callLogHref({ errorsOnly: true, hours: 24 });

/**
 * The call-log view lives in the query string (?q=…&from=…&to=…&activity=…&resultCode=…&channel=…
 * &instanceId=…&requestId=…&hideTest=1&cursor=…), so any filtered view can be linked or bookmarked. A value
 * that does not pass the API's own schema is dropped rather than turned into an error page.
 */
import { ZCallLogListInput, type CALL_CHANNELS, type CallLogListInput } from "~/server/api/routers/call-log.schema";
import { DEFAULT_PAGE_SIZE, parseListWindow, windowOf, windowParams, type ListWindowView } from "../list-params";
import { first, hrefWith, valid, type RawSearchParams } from "../query-params";

export type { RawSearchParams };

export interface CallLogView extends ListWindowView {
  activity?: string;
  resultCode?: string;
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
    channel: valid(shape.channel, first(params.channel)),
    instanceId: valid(shape.instanceId, first(params.instanceId)),
    requestId: valid(shape.requestId, first(params.requestId)),
    hideTest: first(params.hideTest) === "1",
    cursor: valid(shape.cursor, first(params.cursor)),
  };
}

/** The procedure input of a view (the page and the CSV export ask the same question). */
export function callLogInput(view: CallLogView, offsetMinutes: number): CallLogListInput {
  return {
    search: view.q,
    ...windowOf(view, offsetMinutes),
    activity: view.activity,
    resultCode: view.resultCode,
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
  const { activity, resultCode, channel, instanceId, requestId } = view;
  return { ...windowParams(view, 1), activity, resultCode, channel, instanceId, requestId, hideTest: view.hideTest ? "1" : undefined };
}

/** `/admin/calls?…` for a view; empty values are left out so links stay short. */
export function callLogHref(view: Partial<CallLogView>): string {
  return hrefWith("/admin/calls", { ...callLogParams({ page: 1, size: DEFAULT_PAGE_SIZE, hideTest: false, ...view }), cursor: view.cursor });
}

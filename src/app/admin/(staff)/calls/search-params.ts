/**
 * The call-log view lives in the query string (?activity=…&resultCode=…&channel=…&instanceId=…&requestId=…&hideTest=1
 * &cursor=…), so any filtered view can be linked or bookmarked. A value that does not pass the
 * API's own schema is dropped rather than turned into an error page.
 */
import { ZCallLogListInput, type CALL_CHANNELS } from "~/server/api/routers/call-log.schema";
import { first, hrefWith, valid, type RawSearchParams } from "../query-params";

export type { RawSearchParams };

export interface CallLogView {
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
    activity: valid(shape.activity, first(params.activity)),
    resultCode: valid(shape.resultCode, first(params.resultCode)),
    channel: valid(shape.channel, first(params.channel)),
    instanceId: valid(shape.instanceId, first(params.instanceId)),
    requestId: valid(shape.requestId, first(params.requestId)),
    hideTest: first(params.hideTest) === "1",
    cursor: valid(shape.cursor, first(params.cursor)),
  };
}

/** `/admin/calls?…` for a view; empty values are left out so links stay short. */
export function callLogHref(view: CallLogView): string {
  const { activity, resultCode, channel, instanceId, requestId, cursor } = view;
  return hrefWith("/admin/calls", { activity, resultCode, channel, instanceId, requestId, hideTest: view.hideTest ? "1" : undefined, cursor });
}

/**
 * The call-log view lives in the query string (?activity=…&resultCode=…&channel=…&hideTest=1
 * &cursor=…), so any filtered view can be linked or bookmarked. A value that does not pass the
 * API's own schema is dropped rather than turned into an error page.
 */
import { ZCallLogListInput } from "~/server/api/routers/call-log.schema";
import { first, hrefWith, valid, type RawSearchParams } from "../query-params";

export type { RawSearchParams };

export interface CallLogView {
  activity?: string;
  resultCode?: string;
  channel?: "base" | "kit";
  hideTest: boolean;
  cursor?: string;
}

const shape = ZCallLogListInput.shape;

export function parseCallLogView(params: RawSearchParams): CallLogView {
  return {
    activity: valid(shape.activity, first(params.activity)),
    resultCode: valid(shape.resultCode, first(params.resultCode)),
    channel: valid(shape.channel, first(params.channel)),
    hideTest: first(params.hideTest) === "1",
    cursor: valid(shape.cursor, first(params.cursor)),
  };
}

/** `/admin/calls?…` for a view; empty values are left out so links stay short. */
export function callLogHref(view: CallLogView): string {
  const { activity, resultCode, channel, cursor } = view;
  return hrefWith("/admin/calls", { activity, resultCode, channel, hideTest: view.hideTest ? "1" : undefined, cursor });
}

/**
 * The overview's "error answers (24 h)" card links to the call log filtered the same way: every
 * error answer (`resultCode=error`) received in the last 24 hours (`hours=24`, to the millisecond).
 * The link reads back into that view, the view asks the API for exactly that, and the CSV export
 * and pager keep it.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { callLogHref, callLogInput, callLogParams, ERRORS_24H_HREF, parseCallLogView } from "~/app/admin/(staff)/calls/search-params";


const NOW = Date.parse("2026-12-04T10:30:00.000Z");

describe("call log: error answers of the last hours", () => {
  it("the overview card links to error answers of the last 24 h", () => {
    assert.equal(ERRORS_24H_HREF, "/admin/calls?resultCode=error&hours=24");
    const view = parseCallLogView(Object.fromEntries(new URL(ERRORS_24H_HREF, "http://x").searchParams));
    assert.equal(view.errorsOnly, true);
    assert.equal(view.resultCode, undefined);
    assert.equal(view.hours, 24);
    const input = callLogInput(view, 480, NOW);
    assert.equal(input.errorsOnly, true);
    assert.equal(input.resultCode, undefined);
    assert.equal(input.from?.toISOString(), "2026-12-03T10:30:00.000Z");
    assert.equal(input.to, undefined);
    assert.deepEqual(callLogParams(view), { q: undefined, from: undefined, to: undefined, page: undefined, size: undefined, activity: undefined, resultCode: "error", channel: undefined, instanceId: undefined, requestId: undefined, hideTest: undefined, hours: "24" });
  });

  it("a first day and the last hours: the later start wins", () => {
    const view = parseCallLogView({ from: "2026-12-04", hours: "168" });
    // 2026-12-04 00:00 UTC+8 is later than a week ago.
    assert.equal(callLogInput(view, 480, NOW).from?.toISOString(), "2026-12-03T16:00:00.000Z");
    assert.equal(callLogInput(parseCallLogView({ from: "2026-11-01", hours: "1" }), 480, NOW).from?.toISOString(), "2026-12-04T09:30:00.000Z");
  });

  it("other values are dropped, a six-digit code still filters by that code", () => {
    for (const hours of ["2", "24h", "-24", ""]) assert.equal(parseCallLogView({ hours }).hours, undefined, hours);
    const view = parseCallLogView({ resultCode: "000002" });
    assert.equal(view.errorsOnly, false);
    assert.equal(callLogInput(view, 480, NOW).resultCode, "000002");
    assert.equal(callLogHref(view), "/admin/calls?resultCode=000002");
  });
});

/**
 * The staff lists' query-string views: malformed values fall back to defaults (never an error),
 * calendar days become half-open instant windows in the console offset, and the views write back
 * to the same links.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { dayStart, parseListWindow, windowOf } from "~/app/admin/(staff)/list-params";
import { callLogHref, callLogInput, parseCallLogView } from "~/app/admin/(staff)/calls/search-params";
import { instanceListHref, parseInstanceListView } from "~/app/admin/(staff)/instances/search-params";
import { parseUsageView, usageHref } from "~/app/admin/(staff)/usage/search-params";

describe("parseListWindow", () => {
  it("reads search, days and page", () => {
    assert.deepEqual(parseListWindow({ q: "  acme ", from: "2026-12-01", to: "2026-12-02", page: "3" }), { q: "acme", from: "2026-12-01", to: "2026-12-02", page: 3, size: 50 });
  });
  it("drops what is malformed instead of failing", () => {
    for (const page of ["0", "-1", "abc", "1.5", "9999999", ""]) assert.equal(parseListWindow({ page }).page, 1, page);
    for (const day of ["2026-13-01", "2026-02-30", "20261201", "yesterday", "2026-12-1"]) assert.equal(parseListWindow({ from: day }).from, undefined, day);
    assert.equal(parseListWindow({ q: "   " }).q, undefined);
    // Days whose window PostgreSQL could not store; text it could not store (NUL, lone surrogates).
    for (const day of ["0000-01-01", "0001-01-01", "9999-12-31"]) assert.equal(parseListWindow({ from: day, to: day }).from, undefined, day);
    assert.equal(parseListWindow({ from: "0001-01-02" }).from, "0001-01-02");
    for (const q of ["a\u0000b", "x\ud800", "\udc00y"]) assert.equal(parseListWindow({ q }).q, undefined, JSON.stringify(q));
    assert.equal(parseListWindow({ q: "x".repeat(99) + "😀" }).q, "x".repeat(99));
    assert.equal(parseListWindow({ q: "😀".repeat(60) }).q, "😀".repeat(50));
    assert.equal(parseListWindow({ q: "x".repeat(500) }).q?.length, 100);
    for (const size of ["0", "201", "ten"]) assert.equal(parseListWindow({ size }).size, 50, size);
    assert.equal(parseListWindow({ size: "2" }).size, 2);
  });
  it("takes the first of repeated parameters", () => {
    assert.deepEqual(parseListWindow({ q: ["a", "b"], page: ["2", "5"] }), { q: "a", from: undefined, to: undefined, page: 2, size: 50 });
  });
  it("drops the end of a backwards range", () => {
    assert.deepEqual(parseListWindow({ from: "2026-12-05", to: "2026-12-01" }), { q: undefined, from: "2026-12-05", to: undefined, page: 1, size: 50 });
  });
});

describe("windowOf", () => {
  it("makes [start of from, start of the day after to) in the offset", () => {
    const w = windowOf({ from: "2026-12-01", to: "2026-12-02" }, 480);
    assert.equal(w.from?.toISOString(), "2026-11-30T16:00:00.000Z");
    assert.equal(w.to?.toISOString(), "2026-12-02T16:00:00.000Z");
    assert.deepEqual(windowOf({}, 480), { from: undefined, to: undefined });
    assert.equal(dayStart("2026-12-01", 0).toISOString(), "2026-12-01T00:00:00.000Z");
    assert.equal(dayStart("2026-12-01", -300).toISOString(), "2026-12-01T05:00:00.000Z");
  });
});

describe("list views", () => {
  it("call log: bad filters dropped, input carries search and window, links round-trip", () => {
    const view = parseCallLogView({ q: "order-1", from: "2026-12-01", resultCode: "12", channel: "nope", cursor: "not-a-uuid", hideTest: "1" });
    assert.equal(view.resultCode, undefined);
    assert.equal(view.channel, undefined);
    assert.equal(view.cursor, undefined);
    const input = callLogInput(view, 480);
    assert.equal(input.search, "order-1");
    assert.equal(input.from?.toISOString(), "2026-11-30T16:00:00.000Z");
    assert.equal(input.includeTest, false);
    const href = callLogHref(view);
    assert.equal(href, "/admin/calls?q=order-1&from=2026-12-01&hideTest=1");
    assert.deepEqual(parseCallLogView(Object.fromEntries(new URL(href, "http://x").searchParams)), view);
  });
  it("instances: unknown status dropped; page links keep the filters", () => {
    const view = parseInstanceListView({ status: "DELETED", q: "acme", page: "2" });
    assert.equal(view.status, undefined);
    assert.equal(instanceListHref(view, 3), "/admin/instances?q=acme&page=3");
    assert.equal(instanceListHref(view, 1), "/admin/instances?q=acme");
    assert.equal(instanceListHref(parseInstanceListView({ size: "2" }), 2), "/admin/instances?page=2&size=2");
  });
  it("usage: the window and search survive tab links", () => {
    const view = parseUsageView({ tab: "ledger", q: "m1", from: "2026-12-01", to: "bad" });
    assert.deepEqual([view.tab, view.q, view.from, view.to], ["ledger", "m1", "2026-12-01", undefined]);
    assert.equal(usageHref(view), "/admin/usage?tab=ledger&q=m1&from=2026-12-01");
  });
});

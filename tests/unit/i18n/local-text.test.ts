/**
 * What the tenant pages print around a value: times in a named IANA zone with the zone written
 * out (the browser's zone on the page), plural categories, error-table fragments as sentences,
 * and messages whose placeholders hold React content.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { asSentence, formatInTimeZone, pluralCategory, zoneOffsetMinutes } from "~/i18n/format";
import { rich } from "~/i18n/rich";

describe("times in the reader's zone", () => {
  const cases: Array<[string, string, number | null, string]> = [
    // instant, zone, offset in minutes, as printed
    ["2025-07-01T00:00:00Z", "America/New_York", -240, "2025-06-30 20:00 UTC-4"],
    ["2025-01-15T00:00:00Z", "America/New_York", -300, "2025-01-14 19:00 UTC-5"],
    ["2025-07-01T00:00:00Z", "Asia/Shanghai", 480, "2025-07-01 08:00 UTC+8"],
    ["2025-07-01T00:00:00Z", "Asia/Kolkata", 330, "2025-07-01 05:30 UTC+5:30"],
    ["2025-07-01T00:00:00Z", "Asia/Kathmandu", 345, "2025-07-01 05:45 UTC+5:45"],
    ["2025-07-01T00:00:00Z", "UTC", 0, "2025-07-01 00:00 UTC"],
    ["2025-07-01T00:00:00Z", "Europe/London", 60, "2025-07-01 01:00 UTC+1"],
    // A zone Intl does not know: no offset, printed in UTC rather than failing the page.
    ["2025-07-01T00:00:00Z", "Mars/Olympus_Mons", null, "2025-07-01 00:00 UTC"],
  ];
  for (const [iso, zone, offset, printed] of cases) {
    it(`${iso} in ${zone} → ${printed}`, () => {
      assert.equal(zoneOffsetMinutes(new Date(iso), zone), offset);
      assert.equal(formatInTimeZone(new Date(iso), zone), printed);
    });
  }
});

describe("plural categories", () => {
  const cases: Array<[number, "en" | "zh-CN", "one" | "other"]> = [
    [1, "en", "one"],
    [0, "en", "other"],
    [2, "en", "other"],
    [1.5, "en", "other"],
    [1000, "en", "other"],
    [1, "zh-CN", "other"],
  ];
  for (const [n, locale, category] of cases) it(`${n} in ${locale} → ${category}`, () => assert.equal(pluralCategory(n, locale), category));
});

describe("error-table fragments as sentences", () => {
  const cases: Array<[string, "en" | "zh-CN", string]> = [
    ["your package is used up; buy a new package on KooGallery to continue", "en", "Your package is used up; buy a new package on KooGallery to continue."],
    ["Already a sentence.", "en", "Already a sentence."],
    ["  padded  ", "en", "Padded."],
    ["套餐包额度已用完，请前往云商店续订", "zh-CN", "套餐包额度已用完，请前往云商店续订。"],
    ["已是句子。", "zh-CN", "已是句子。"],
    ["", "en", ""],
  ];
  for (const [text, locale, sentence] of cases) it(`${JSON.stringify(text)} (${locale})`, () => assert.equal(asSentence(text, locale), sentence));
});

describe("messages with React content in placeholders", () => {
  const html = (nodes: ReturnType<typeof rich>) => renderToStaticMarkup(createElement("p", null, ...nodes));
  it("puts nodes where the placeholders are, in the message's order", () => {
    const time = createElement("time", { dateTime: "2025-07-01T00:00:00.000Z" }, "2025-07-01 08:00 UTC+8");
    assert.equal(html(rich("Created by {user} · {date}", { user: "quinn", date: time })), '<p>Created by quinn · <time dateTime="2025-07-01T00:00:00.000Z">2025-07-01 08:00 UTC+8</time></p>');
    assert.equal(html(rich("{date} 起，{user}", { user: "q", date: "D" })), "<p>D 起，q</p>");
  });
  it("leaves an unknown placeholder visible and text without placeholders as it is", () => {
    assert.equal(html(rich("valid until {date}", {})), "<p>valid until {date}</p>");
    assert.equal(html(rich("no placeholders", { a: "x" })), "<p>no placeholders</p>");
    assert.equal(html(rich("{toString}", {})), "<p>{toString}</p>");
  });
});

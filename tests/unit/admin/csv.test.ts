/** CSV of the staff exports (src/server/csv.ts): RFC 4180 quoting and formula-injection guard. */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { csvCell, csvLine, toCsv } from "~/server/csv";

describe("csvCell", () => {
  it("leaves plain text, numbers and booleans alone; empty for null/undefined", () => {
    assert.equal(csvCell("abc"), "abc");
    assert.equal(csvCell("租户 A"), "租户 A");
    assert.equal(csvCell(42), "42");
    assert.equal(csvCell(-3.5), "-3.5", "a negative figure of ours is a number, not a formula");
    assert.equal(csvCell(true), "true");
    assert.equal(csvCell(null), "");
    assert.equal(csvCell(undefined), "");
  });
  it("writes dates as ISO 8601 UTC", () => {
    assert.equal(csvCell(new Date("2026-12-02T13:30:05.000Z")), "2026-12-02T13:30:05.000Z");
  });
  it("quotes fields with a comma, quote, CR or LF and doubles quotes (RFC 4180)", () => {
    assert.equal(csvCell("a,b"), '"a,b"');
    assert.equal(csvCell('say "hi"'), '"say ""hi"""');
    assert.equal(csvCell("line1\nline2"), '"line1\nline2"');
    assert.equal(csvCell("a\r\nb"), '"a\r\nb"');
  });
  it("prefixes text that a spreadsheet would run as a formula with an apostrophe", () => {
    for (const s of ["=1+1", "+SUM(A1)", "-2+3", "@cmd", "\t=x", "\r=x"]) assert.ok(csvCell(s).replace(/^"/, "").startsWith("'"), s);
    assert.equal(csvCell('=HYPERLINK("http://x","y")'), `"'=HYPERLINK(""http://x"",""y"")"`);
    assert.equal(csvCell("a=b"), "a=b", "only a leading sign is dangerous");
  });
});

describe("csvLine / toCsv", () => {
  it("joins with commas and ends every record with CRLF", () => {
    assert.equal(csvLine(["a", 1, null, "x,y"]), 'a,1,,"x,y"\r\n');
    assert.equal(toCsv(["h1", "h2"], [["a", "b"], ["c", "=d"]]), "h1,h2\r\na,b\r\nc,'=d\r\n");
  });
});

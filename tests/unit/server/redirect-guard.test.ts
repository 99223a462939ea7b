/**
 * The redirect guard against a table of hostile inputs. Each accepted answer is also resolved
 * the way the browser would resolve a Location header from an arbitrary page of the app (Node's
 * URL is the WHATWG parser browsers implement), so "accepted" provably means "stays here".
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { MAX_REDIRECT_LENGTH, safeRedirectPath } from "~/server/security/redirect-guard";

const ORIGIN = "https://app.example";
const FALLBACK = "/fallback";
const guard = (v: unknown) => safeRedirectPath(v, { fallback: FALLBACK, origin: ORIGIN });

/** Where a browser on `page` goes with `Location: location`. */
const browserTarget = (location: string, page = `${ORIGIN}/admin/calls/x/y`) => new URL(location, page);

describe("redirect guard: accepted, normalised paths", () => {
  const accepted: Array<[string, string]> = [
    ["/", "/"],
    ["/app", "/app"],
    ["/admin/calls?x=1", "/admin/calls?x=1"],
    ["/app/api-console?x=1#y", "/app/api-console?x=1#y"],
    ["/app/../login", "/login"],
    ["/admin/./calls", "/admin/calls"],
    // The query and fragment are not paths: `//` there is harmless.
    ["/app?next=//evil.example#//evil", "/app?next=//evil.example#//evil"],
    // The browser strips surrounding spaces/control characters: the same path.
    [" /admin ", "/admin"],
    ["\u0000/admin", "/admin"],
    // Same origin, absolute: answered as its path.
    [`${ORIGIN}/admin/calls?x=1`, "/admin/calls?x=1"],
    ["https://app.example:443/admin", "/admin"],
    // Percent-encoding that is not a slash stays encoded.
    ["/app/%E4%B8%AD", "/app/%E4%B8%AD"],
    ["/app/中", "/app/%E4%B8%AD"],
    // Same scheme without slashes is a relative reference to the app (WHATWG): still a path here.
    ["https:evil.example", "/evil.example"],
  ];
  for (const [input, expected] of accepted) {
    it(`${JSON.stringify(input)} → ${expected}`, () => {
      const out = guard(input);
      assert.equal(out, expected);
      assert.equal(browserTarget(out).origin, ORIGIN);
      assert.ok(!browserTarget(out).pathname.startsWith("//"));
    });
  }
});

describe("redirect guard: refused (answers the fallback)", () => {
  const hostile: unknown[] = [
    // Reported in issue 14: dot segments that normalise to `//host`.
    "/.//evil.example",
    "/admin/..//evil.example",
    "/././/evil.example",
    "/a/b/../../..//evil.example",
    // Encoded dots count as dots for the browser.
    "/.%2e//evil.example",
    "/%2e%2e//evil.example",
    "/.%2E/%2e%2E//evil.example",
    // Encoded slashes and backslashes: refused (a later decode could make `//`).
    "/%2F%2Fevil.example",
    "/%2f%2fevil.example",
    "/%5C%5Cevil.example",
    "/%5cevil.example",
    // Scheme-relative and backslash forms.
    "//evil.example",
    "///evil.example",
    "////evil.example",
    "/\\evil.example",
    "\\\\evil.example",
    "\\/evil.example",
    "/\\/evil.example",
    // Tabs and newlines the browser deletes.
    "/\t/evil.example",
    "/\n/evil.example",
    "/\r\n/evil.example",
    "\t//evil.example",
    " //evil.example",
    // Absolute URLs elsewhere, and look-alikes of the app origin.
    "https://evil.example/admin",
    "http://app.example/admin",
    "https://app.example.evil.example/admin",
    "https://app.example@evil.example/admin",
    "https://user:pass@app.example/admin",
    "https:\\\\evil.example",
    "ftp://app.example/admin",
    // Other schemes.
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    " javascript:alert(1)",
    "java\tscript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "vbscript:msgbox",
    // Relative references that are not root-relative.
    "evil.example",
    "admin",
    "./admin",
    "../admin",
    "?x=1",
    "#top",
    // Not a usable value.
    "",
    "   ",
    "\t",
    null,
    undefined,
    42,
    ["/admin"],
    { toString: () => "/admin" },
    // Very long.
    "/" + "a".repeat(MAX_REDIRECT_LENGTH),
    "/" + "./".repeat(5000) + "/evil.example",
  ];
  for (const input of hostile) {
    const label = typeof input === "string" && input.length > 80 ? `${JSON.stringify(input.slice(0, 40))}… (${input.length} chars)` : JSON.stringify(input) ?? String(input);
    it(label, () => assert.equal(guard(input), FALLBACK));
  }

  it("the table is honest: a guard that only parsed and echoed the path would send each of these off-site", () => {
    for (const input of ["/.//evil.example", "/admin/..//evil.example", "/.%2e//evil.example", "/\t/evil.example", "/\\evil.example"]) {
      const naive = new URL(input, ORIGIN);
      const leaves = naive.origin !== ORIGIN || browserTarget(naive.pathname).origin !== ORIGIN;
      assert.ok(leaves, input);
    }
  });
});

describe("redirect guard without an origin", () => {
  it("accepts root-relative paths and refuses every absolute URL", () => {
    const bare = (v: string) => safeRedirectPath(v, { fallback: FALLBACK });
    assert.equal(bare("/admin?x=1"), "/admin?x=1");
    assert.equal(bare(`${ORIGIN}/admin`), FALLBACK);
    assert.equal(bare("/.//evil.example"), FALLBACK);
  });
  it("a malformed origin refuses rather than throws", () => {
    assert.equal(safeRedirectPath("/admin", { fallback: FALLBACK, origin: "not a url" }), FALLBACK);
  });
});

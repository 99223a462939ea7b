/**
 * Request ids (src/server/observability/request-id.ts, request-context.ts): a sane incoming
 * X-Request-Id is kept, anything that could forge a log line or header is replaced, the id is
 * visible to deep code through AsyncLocalStorage and answered in the response header.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
  currentRequestId,
  requestIdFrom,
  runWithRequestContext,
  sanitizeRequestId,
  withRequestId,
} from "~/server/observability/request-context";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe("sanitizeRequestId", () => {
  it("keeps UUIDs, load-balancer and tracing style ids", () => {
    for (const id of ["0f8fad5b-d9cb-469f-a165-70867728950e", "Root=1-67891233-abcdef012345678912345678", "abc.def:42", "a", "x".repeat(128), "YWJj+/=="]) {
      assert.equal(sanitizeRequestId(id), id);
    }
    assert.equal(sanitizeRequestId("  padded-id  "), "padded-id", "surrounding blanks are trimmed");
  });

  it("refuses what could forge a log line or a header, or is too long", () => {
    for (const bad of ["", "   ", "x".repeat(129), "a b", "line\nbreak", "cr\rlf", 'quote"d', "semi;colon", "<script>", "tab\tid", "ümlaut", "a\u0000b", "{json}"]) {
      assert.equal(sanitizeRequestId(bad), null, JSON.stringify(bad));
    }
    assert.equal(sanitizeRequestId(null), null);
    assert.equal(sanitizeRequestId(undefined), null);
  });

  it("makes a new UUID when the header is missing or refused", () => {
    const fresh = requestIdFrom(new Headers());
    assert.match(fresh, UUID);
    assert.notEqual(requestIdFrom(new Headers()), fresh, "each request gets its own");
    assert.match(requestIdFrom(new Headers({ "x-request-id": "bad id with spaces" })), UUID);
    assert.equal(requestIdFrom(new Headers({ "X-Request-Id": "lb-7" })), "lb-7");
  });
});

describe("request context", () => {
  it("is visible to nested async code and gone outside", async () => {
    assert.equal(currentRequestId(), undefined);
    const seen = await runWithRequestContext({ requestId: "outer-1" }, async () => {
      await new Promise((r) => setImmediate(r));
      const inner = await Promise.all([1, 2].map(async () => currentRequestId()));
      return inner;
    });
    assert.deepEqual(seen, ["outer-1", "outer-1"]);
    assert.equal(currentRequestId(), undefined);
  });

  it("keeps concurrent requests apart", async () => {
    const ids = await Promise.all(
      ["r-a", "r-b", "r-c"].map((id, i) =>
        runWithRequestContext({ requestId: id }, async () => {
          await new Promise((r) => setTimeout(r, (3 - i) * 5));
          return currentRequestId();
        }),
      ),
    );
    assert.deepEqual(ids, ["r-a", "r-b", "r-c"]);
  });

  it("withRequestId runs the handler in the context and answers the id", async () => {
    let inside: string | undefined;
    const handler = withRequestId(async () => {
      inside = currentRequestId();
      return new Response("ok");
    });
    const res = await handler(new Request("http://x/api", { headers: { "x-request-id": "client-42" } }));
    assert.equal(inside, "client-42");
    assert.equal(res.headers.get("x-request-id"), "client-42");

    const bad = await handler(new Request("http://x/api", { headers: { "x-request-id": "evil\u00e9" } }));
    assert.match(bad.headers.get("x-request-id")!, UUID);
    assert.equal(inside, bad.headers.get("x-request-id"), "the generated id is the one logged");
  });

  it("adds the header to responses whose headers are immutable", async () => {
    const res = await withRequestId(async () => Response.redirect("http://x/elsewhere", 302))(new Request("http://x/", { headers: { "x-request-id": "redir-1" } }));
    assert.equal(res.status, 302);
    assert.equal(res.headers.get("location"), "http://x/elsewhere");
    assert.equal(res.headers.get("x-request-id"), "redir-1");
  });
});

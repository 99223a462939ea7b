/**
 * The JSON log (src/server/observability/logger.ts) never writes a secret: fields are redacted
 * with the call log's rules, a JSON body string is parsed and redacted, credential headers are
 * censored, and every line of a request carries its request id. Lines are captured from pino's
 * output stream.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { createLogger, logger, setLoggerForTests } from "~/server/observability/logger";
import { runWithRequestContext } from "~/server/observability/request-context";

function capture(level = "trace") {
  const lines: string[] = [];
  const log = createLogger({ level, destination: { write: (s: string) => void lines.push(s) } });
  return { log, lines, parsed: () => lines.map((l) => JSON.parse(l) as Record<string, unknown>) };
}

const SECRETS = ["hunter2-password", "tok-abcdef-secret", "Bearer sk-live-0123456789", "session=cookie-value-xyz", "13800138000", "alice@example.com", "kit-signature-abc"];

describe("component loggers", () => {
  it("are made once per component and follow a swapped process logger", () => {
    const first = capture("info");
    setLoggerForTests(first.log);
    try {
      assert.equal(logger("trpc"), logger("trpc"), "one child per component");
      assert.notEqual(logger("trpc"), logger("marketplace"));
      logger("trpc").info({ path: "tenant.callApi" }, "to the first");
      const second = capture("info");
      setLoggerForTests(second.log);
      logger("trpc").info({ path: "tenant.callApi" }, "to the second");
      assert.deepEqual(first.parsed().map((l) => [l.component, l.msg]), [["trpc", "to the first"]]);
      assert.deepEqual(second.parsed().map((l) => [l.component, l.msg]), [["trpc", "to the second"]]);
    } finally {
      setLoggerForTests(undefined);
    }
  });
});

describe("log redaction", () => {
  it("redacts secret fields in objects, body strings and headers", () => {
    const { log, lines } = capture();
    log.info(
      {
        body: JSON.stringify({ activity: "newInstance", password: "hunter2-password", nested: { accessToken: "tok-abcdef-secret" } }),
        requestBody: { userList: [{ mobile: "13800138000", email: "alice@example.com" }] },
        headers: { authorization: "Bearer sk-live-0123456789", cookie: "session=cookie-value-xyz", "x-sign": "kit-signature-abc", "content-type": "application/json" },
      },
      "call received",
    );
    log.warn({ clientSecret: "tok-abcdef-secret", user: { password: "hunter2-password" } }, "top-level and nested keys");
    log.info({ headers: new Headers({ Authorization: "Bearer sk-live-0123456789", Cookie: "session=cookie-value-xyz" }) }, "fetch Headers");
    log.info({ req: { headers: { authorization: "Bearer sk-live-0123456789" } } }, "request object");
    const out = lines.join("");
    for (const s of SECRETS) assert.ok(!out.includes(s), `"${s}" must not appear in: ${out}`);
    assert.ok(out.includes("[redacted]"));
    // What is not secret stays readable.
    const first = JSON.parse(lines[0]!) as { body: { activity: string }; headers: Record<string, string> };
    assert.equal(first.body.activity, "newInstance");
    assert.equal(first.headers["content-type"], "application/json");
  });

  it("cuts a non-JSON body to a preview", () => {
    const { log, parsed } = capture();
    log.info({ rawBody: "x".repeat(20_000) }, "odd body");
    const body = parsed()[0]!.rawBody as string;
    assert.ok(body.length < 5000, `preview is bounded, got ${body.length}`);
    assert.match(body, /…\[20000 chars\]$/);
  });

  it("keeps errors whole for the err serializer", () => {
    const { log, parsed } = capture();
    log.error({ err: new Error("boom in pipeline") }, "failed");
    const err = parsed()[0]!.err as { message: string; stack: string; type: string };
    assert.equal(err.message, "boom in pipeline");
    assert.equal(err.type, "Error");
    assert.match(err.stack, /boom in pipeline/);
  });

  it("puts the request id on every line inside a request, and none outside", async () => {
    const { log, parsed } = capture();
    await runWithRequestContext({ requestId: "req-7f3a" }, async () => {
      log.info("start");
      await new Promise((r) => setImmediate(r));
      log.child({ component: "marketplace" }).warn({ callId: "c1" }, "deep");
    });
    log.info("outside");
    const [a, b, c] = parsed();
    assert.equal(a!.requestId, "req-7f3a");
    assert.equal(b!.requestId, "req-7f3a");
    assert.equal(b!.component, "marketplace");
    assert.equal(c!.requestId, undefined);
  });

  it("writes one JSON object per line with level names, and honours the level", () => {
    const { log, lines } = capture("warn");
    log.info("hidden");
    log.warn("shown");
    assert.equal(lines.length, 1);
    const line = JSON.parse(lines[0]!) as Record<string, unknown>;
    assert.equal(line.level, "warn");
    assert.equal(line.msg, "shown");
    assert.match(String(line.time), /^\d{4}-\d\d-\d\dT/);
  });
});

/**
 * Command line, schedule and the report sent to /admin: options parse with clear errors, the
 * probe loop stops at the first failing round and waits --every between rounds, and the signed
 * report names the tested address without user info or query.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { parseCliOptions, UsageError } from "~/conformance/cli-options";
import { probeReportPayload, reportTarget, reportUrl, signedProbeReport } from "~/conformance/probe-report";
import { answerExcerpt, redact } from "~/conformance/redact";
import type { ConformanceReport } from "~/conformance/report/model";
import { parseEvery, probeLoop } from "~/conformance/schedule";
import { verifyBase } from "~/koogallery/signature";
import { BodyTooLargeError, readBoundedText } from "~/server/conformance/bounded-body";

describe("parseCliOptions", () => {
  it("defaults: mode period, Kit on, 12 h probe schedule, the console's 20 s limit", () => {
    const o = parseCliOptions([]);
    assert.deepEqual([o.mode, o.kit, o.probe, o.everyMs, o.once, o.timeoutMs, o.seed], ["period", true, false, 12 * 3_600_000, false, 20_000, undefined]);
  });

  it("reads every option", () => {
    const o = parseCliOptions([
      "--url", "https://isv.example.com/api/marketplace", "--mode", "ondemand-pkg", "--key", "k", "--kit-key", "kk", "--license-key", "lk",
      "--public-key", "pub.pem", "--no-kit", "--order-id", "O1", "--seed", "99", "--junit", "r.xml", "--html", "r.html",
      "--save-cases", "c.json", "--report-to", "https://isv.example.com", "--timeout", "5000",
    ]);
    assert.deepEqual(
      [o.url, o.mode, o.key, o.kitKey, o.licenseKey, o.publicKeyFile, o.kit, o.orderId, o.seed, o.junit, o.html, o.saveCases, o.reportTo, o.timeoutMs],
      ["https://isv.example.com/api/marketplace", "ondemand-pkg", "k", "kk", "lk", "pub.pem", false, "O1", 99, "r.xml", "r.html", "c.json", "https://isv.example.com", 5000],
    );
    const p = parseCliOptions(["--probe", "--cases", "c.json", "--every", "30m"]);
    assert.deepEqual([p.probe, p.casesFile, p.everyMs], [true, "c.json", 1_800_000]);
    assert.equal(parseCliOptions(["--probe", "--cases", "c.json", "--once"]).once, true);
  });

  const bad: [string[], RegExp][] = [
    [["--mode", "monthly"], /--mode must be one of period, onetime, ondemand, ondemand-pkg, stop-pkg, license/],
    [["--probe"], /--probe needs --cases/],
    [["--cases", "c.json"], /belong to --probe/],
    [["--once"], /belong to --probe/],
    [["--probe", "--cases", "c", "--save-cases", "d"], /--save-cases saves a generated run/],
    [["--probe", "--cases", "c", "--every", "1h", "--once"], /exclude each other/],
    [["--url", "isv.example.com"], /--url must be an http\(s\) URL/],
    [["--report-to", "ftp://x"], /--report-to must be an http\(s\) URL/],
    [["--seed", "abc"], /--seed must be a whole number/],
    [["--probe", "--cases", "c", "--every", "10s"], /between 1 minute and 30 days/],
    [["--timeout", "0"], /--timeout must be a whole number/],
    [["--bogus"], /Unknown option '--bogus'/],
    [["stray"], /positional/i],
  ];
  for (const [argv, message] of bad) {
    it(`refuses ${argv.join(" ")}`, () => assert.throws(() => parseCliOptions(argv), (e: Error) => e instanceof UsageError && message.test(e.message)));
  }
});

describe("schedule", () => {
  it("parseEvery", () => {
    assert.equal(parseEvery("12h"), 43_200_000);
    assert.equal(parseEvery("1d"), 86_400_000);
    assert.equal(parseEvery("90s"), 90_000);
    for (const bad of ["12", "h", "1w", "-1h", "31d", "59s"]) assert.throws(() => parseEvery(bad), /--every/, bad);
  });

  it("the loop stops with 1 at the first failing round, waiting --every between rounds", async () => {
    const sleeps: number[] = [];
    const results = [true, true, false, true];
    let rounds = 0;
    const code = await probeLoop({ everyMs: 5000, once: false, sleep: async (ms) => void sleeps.push(ms), round: async () => results[rounds++]! });
    assert.equal(code, 1);
    assert.equal(rounds, 3);
    assert.deepEqual(sleeps, [5000, 5000]);
  });

  it("--once runs one round: 0 when it passed, 1 when not", async () => {
    assert.equal(await probeLoop({ everyMs: 1, once: true, sleep: async () => assert.fail("no wait"), round: async () => true }), 0);
    assert.equal(await probeLoop({ everyMs: 1, once: true, round: async () => false }), 1);
  });
});

const report: ConformanceReport = {
  mode: "period", url: "https://user:pw@isv.example.com/api/marketplace?x=1", seed: 5, probe: true,
  startedAt: new Date("2026-12-02T10:00:00Z"), finishedAt: new Date("2026-12-02T10:00:02Z"), skipped: [], instanceIds: {}, stopped: true,
  steps: [{ index: 1, phase: "probe", attempt: 1, caseId: "period.release", title: "release", channel: "base", ok: false, failures: ["resultMsg missing"], warnings: [], ms: 3 }],
};

describe("the report for /admin", () => {
  it("carries the verdict, counts and first failure, never user info or a query", () => {
    const p = probeReportPayload(report, 3_600_000);
    assert.deepEqual(p, {
      kind: "probe", mode: "period", target: "https://isv.example.com/api/marketplace", passed: false,
      startedAt: "2026-12-02T10:00:00.000Z", finishedAt: "2026-12-02T10:00:02.000Z", cases: 1, calls: 1, failedCalls: 1,
      firstFailure: "period.release (probe #1): resultMsg missing", seed: 5, everySeconds: 3600,
    });
    assert.equal(reportTarget("https://a.example/x?token=1"), "https://a.example/x");
  });

  it("is posted to <APP_URL>/api/conformance/report, signed with the base key", () => {
    assert.equal(reportUrl("https://isv.example.com/"), "https://isv.example.com/api/conformance/report");
    assert.equal(reportUrl("https://isv.example.com/app?q=1"), "https://isv.example.com/app/api/conformance/report");
    const req = signedProbeReport("https://isv.example.com", "base-key", probeReportPayload(report), 1_780_000_000_000);
    const q = new URL(req.url).searchParams;
    const ok = verifyBase({ accessKey: "base-key", signature: q.get("signature"), timestamp: q.get("timestamp"), nonce: q.get("nonce"), rawBody: req.body, nowMs: 1_780_000_000_000 });
    assert.equal(ok.ok, true);
  });
});

describe("redaction", () => {
  it("replaces credentials and secrets wherever they are", () => {
    assert.deepEqual(redact({ appInfo: { userName: "u", password: "p", frontEndUrl: "f" }, clientSecret: "c", list: [{ token: "t" }], empty: { password: "" } }), {
      appInfo: { userName: "[redacted]", password: "[redacted]", frontEndUrl: "f" },
      clientSecret: "[redacted]",
      list: [{ token: "[redacted]" }],
      empty: { password: "" },
    });
    assert.equal(answerExcerpt("not json"), "not json");
    assert.equal(answerExcerpt("x".repeat(3000)).length, 2001);
  });
});

describe("readBoundedText", () => {
  const req = (body: string, headers: Record<string, string> = {}) => new Request("http://x/", { method: "POST", body, headers });
  it("reads a body within the limit", async () => assert.equal(await readBoundedText(req("hello"), 5), "hello"));
  it("refuses a declared Content-Length over the limit before reading", async () => {
    await assert.rejects(readBoundedText(req("hi", { "content-length": "100000" }), 10), BodyTooLargeError);
  });
  it("refuses a stream that grows past the limit", async () => {
    const stream = new ReadableStream({ start(c) { for (let i = 0; i < 10; i++) c.enqueue(new TextEncoder().encode("0123456789")); c.close(); } });
    const r = new Request("http://x/", { method: "POST", body: stream, duplex: "half" } as RequestInit);
    await assert.rejects(readBoundedText(r, 50), /larger than 50 bytes/);
  });
});

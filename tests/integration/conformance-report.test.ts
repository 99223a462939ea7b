/**
 * POST /api/conformance/report (the probe's result for /admin) on PGlite and PostgreSQL: a report
 * signed with the base key is stored and shown as the "conformance-probe" row of Setup & health;
 * a wrong key, a stale timestamp, a replayed nonce or a malformed body is refused and stores
 * nothing; the row turns problem on a failed run and warning when reports stop coming.
 */
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { Session } from "next-auth";
import { probeReportSchema, signedProbeReport, type ProbeReport } from "~/conformance/probe-report";
import { resetEnvForTests } from "~/env";
import { marketplaceNonce, signedBaseRequest } from "~/koogallery/client";
import { result } from "~/koogallery/result-codes";
import { signBase } from "~/koogallery/signature";
import { createCaller } from "~/server/api/root";
import { createContextInner } from "~/server/api/trpc";
import { conformanceCheck } from "~/server/conformance/health";
import { handleConformanceReport, REPORT_RETENTION_DAYS } from "~/server/conformance/report-endpoint";
import { testTargets, useTestDatabase } from "../helpers/databases";
import { TEST_ACCESS_KEY } from "../helpers/marketplace";

const HOUR = 3_600_000;
const CONFIG = { accessKey: TEST_ACCESS_KEY, windowMs: 60_000 };
const APP = "https://isv.example.com";

function report(over: Partial<ProbeReport> = {}, nowMs = Date.now()): ProbeReport {
  return {
    kind: "probe",
    mode: "period",
    target: "https://isv.example.com/api/marketplace",
    passed: true,
    startedAt: new Date(nowMs - 5000).toISOString(),
    finishedAt: new Date(nowMs).toISOString(),
    cases: 25,
    calls: 25,
    failedCalls: 0,
    seed: 77,
    everySeconds: 12 * 3600,
    ...over,
  };
}

type Prisma = Parameters<typeof handleConformanceReport>[0];

async function post(prisma: Prisma, req: { url: string; body: string }, receivedAtMs = Date.now()) {
  const res = await handleConformanceReport(prisma, CONFIG, { rawBody: req.body, query: new URL(req.url).searchParams, nowMs: receivedAtMs });
  return { status: res.status, json: JSON.parse(res.body) as { resultCode: string; resultMsg: string } };
}

const staff: Session = { expires: new Date(Date.now() + HOUR).toISOString(), user: { kind: "staff", name: "admin", role: "owner" } };
const saved = { ...process.env };
before(() => {
  Object.assign(process.env, { KOOGALLERY_ACCESS_KEY: TEST_ACCESS_KEY });
  resetEnvForTests();
});
after(() => {
  process.env = { ...saved };
  resetEnvForTests();
});

for (const target of testTargets()) {
  describe(`conformance report endpoint on ${target.name}`, { skip: target.skip }, () => {
    const h = useTestDatabase(target);
    const prisma = () => h.db.prisma;

    it("before any report the overview says so (info) and how to send one", async () => {
      const check = await conformanceCheck(prisma(), Date.now());
      assert.equal(check.status, "info");
      assert.match(check.fix ?? "", /--probe --cases .* --report-to/);
    });

    it("a signed report is stored and shown on the overview as OK", async () => {
      const nowMs = Date.now();
      const res = await post(prisma(), signedProbeReport(APP, TEST_ACCESS_KEY, report({}, nowMs), nowMs));
      assert.deepEqual([res.status, res.json.resultCode], [200, "000000"]);
      const row = await prisma().conformanceRun.findFirstOrThrow({ orderBy: { receivedAt: "desc" } });
      assert.deepEqual(
        { kind: row.kind, mode: row.mode, passed: row.passed, calls: row.calls, seed: row.seed, everySeconds: row.everySeconds },
        { kind: "probe", mode: "period", passed: true, calls: 25, seed: 77, everySeconds: 43200 },
      );
      const overview = await createCaller(createContextInner({ session: staff })).setupAdmin.overview();
      const check = overview.checks.find((c) => c.id === "conformance-probe");
      assert.equal(check?.status, "ok");
      assert.match(check!.title, /Conformance probe passed/);
      assert.match(check!.detail, /against https:\/\/isv\.example\.com\/api\/marketplace/);
    });

    const refusals: { name: string; request: (nowMs: number) => { url: string; body: string }; status: number; code: string; msg?: RegExp }[] = [
      { name: "signed with another key", request: (n) => signedProbeReport(APP, "some-other-key", report(), n), status: 401, code: "000001" },
      { name: "with a stale timestamp", request: (n) => signedProbeReport(APP, TEST_ACCESS_KEY, report(), n - 5 * 60_000), status: 401, code: "000001" },
      { name: "with a future timestamp", request: (n) => signedProbeReport(APP, TEST_ACCESS_KEY, report(), n + 5 * 60_000), status: 401, code: "000001" },
      {
        name: "whose body changed after signing",
        request: (n) => {
          const r = signedProbeReport(APP, TEST_ACCESS_KEY, report({ passed: false }), n);
          return { ...r, body: r.body.replace('"passed":false', '"passed":true') };
        },
        status: 401,
        code: "000001",
      },
      {
        name: "without nonce",
        request: (n) => {
          const r = signedProbeReport(APP, TEST_ACCESS_KEY, report(), n);
          const u = new URL(r.url);
          u.searchParams.delete("nonce");
          return { ...r, url: u.toString() };
        },
        status: 400,
        code: "000002",
      },
      {
        name: "with an unknown field",
        request: (n) => signedBaseRequest({ baseUrl: `${APP}/api/conformance/report`, accessKey: TEST_ACCESS_KEY, body: { ...report(), extra: "x" }, nowMs: n }),
        status: 400,
        code: "000002",
        msg: /extra/,
      },
      {
        name: "with a target longer than 512 characters",
        request: (n) => signedBaseRequest({ baseUrl: `${APP}/api/conformance/report`, accessKey: TEST_ACCESS_KEY, body: { ...report(), target: `https://x/${"a".repeat(520)}` }, nowMs: n }),
        status: 400,
        code: "000002",
        msg: /target/,
      },
      {
        name: "with an unknown mode",
        request: (n) => signedBaseRequest({ baseUrl: `${APP}/api/conformance/report`, accessKey: TEST_ACCESS_KEY, body: { ...report(), mode: "bogus" }, nowMs: n }),
        status: 400,
        code: "000002",
        msg: /mode/,
      },
      {
        name: "whose (validly signed) body is not JSON",
        request: (n) => {
          const nonce = marketplaceNonce();
          const signature = signBase({ accessKey: TEST_ACCESS_KEY, nonce, timestamp: n, payload: "passed" });
          return { url: `${APP}/api/conformance/report?signature=${signature}&timestamp=${n}&nonce=${nonce}`, body: "passed" };
        },
        status: 400,
        code: "000002",
      },
      // Text PostgreSQL refuses and years it cannot store: a clear 400, not a 500 with an empty body.
      ...(
        [
          ["a NUL in the target", { target: "https://isv.example.com/api\u0000" }, /target: may not contain NUL/],
          ["a NUL in firstFailure", { passed: false, firstFailure: "case\u0000 failed" }, /firstFailure: may not contain NUL/],
          ["a lone surrogate in firstFailure", { passed: false, firstFailure: "case \ud800 failed" }, /firstFailure: .*unpaired surrogates/],
          ["a startedAt in year 0000", { startedAt: "0000-01-01T00:00:00Z" }, /startedAt: must be a time in 1970 or later/],
          ["a finishedAt in year 0000", { finishedAt: "0000-12-31T23:59:59.999Z" }, /finishedAt/],
          ["a startedAt in 1969", { startedAt: "1969-12-31T23:59:59Z" }, /startedAt/],
        ] as const
      ).map(([name, over, msg]) => ({
        name: `with ${name}`,
        request: (n: number) => signedBaseRequest({ baseUrl: `${APP}/api/conformance/report`, accessKey: TEST_ACCESS_KEY, body: { ...report({}, n), ...over }, nowMs: n }),
        status: 400,
        code: "000002",
        msg,
      })),
    ];
    for (const r of refusals) {
      it(`refuses a report ${r.name} and stores nothing`, async () => {
        const before = await prisma().conformanceRun.count();
        const res = await post(prisma(), r.request(Date.now()));
        assert.deepEqual([res.status, res.json.resultCode], [r.status, r.code], res.json.resultMsg);
        if (r.msg) assert.match(res.json.resultMsg, r.msg);
        assert.equal(await prisma().conformanceRun.count(), before);
      });
    }

    it("a report signed with a NUL in its nonce is stored once; its replay is refused", async () => {
      const nowMs = Date.now();
      const nonce = `${marketplaceNonce()}\u0000`;
      const body = JSON.stringify(report({}, nowMs));
      const signature = signBase({ accessKey: TEST_ACCESS_KEY, nonce, timestamp: nowMs, payload: body });
      const req = { url: `${APP}/api/conformance/report?signature=${signature}&timestamp=${nowMs}&nonce=${encodeURIComponent(nonce)}`, body };
      assert.deepEqual([(await post(prisma(), req, nowMs)).status], [200]);
      const replay = await post(prisma(), req, nowMs);
      assert.deepEqual([replay.status, replay.json.resultCode], [401, "000001"]);
    });

    it("an unexpected failure is a 500 with a JSON 000005 body, without internals", async () => {
      const nowMs = Date.now();
      const broken = new Proxy(prisma(), {
        get(target, prop, receiver) {
          if (prop === "conformanceRun") throw new Error("connection reset (secret detail)");
          return Reflect.get(target, prop, receiver);
        },
      });
      const res = await handleConformanceReport(broken, CONFIG, { ...(({ url, body }) => ({ rawBody: body, query: new URL(url).searchParams }))(signedProbeReport(APP, TEST_ACCESS_KEY, report({}, nowMs), nowMs)), nowMs });
      assert.equal(res.status, 500);
      assert.deepEqual(JSON.parse(res.body), { resultCode: "000005", resultMsg: result("000005").resultMsg });
      assert.doesNotMatch(res.body, /secret detail/);
    });

    it("refuses a replayed report", async () => {
      const nowMs = Date.now();
      const req = signedProbeReport(APP, TEST_ACCESS_KEY, report({}, nowMs), nowMs);
      assert.equal((await post(prisma(), req)).status, 200);
      const before = await prisma().conformanceRun.count();
      const replay = await post(prisma(), req);
      assert.deepEqual([replay.status, replay.json.resultCode], [401, "000001"]);
      assert.equal(await prisma().conformanceRun.count(), before);
    });

    it("a failed run turns the row into a problem naming the failure and the last pass", async () => {
      const nowMs = Date.now();
      const failure = "period.refresh.renewal (shuffled #40): resultCode 000003 (released), expected 000000";
      const res = await post(prisma(), signedProbeReport(APP, TEST_ACCESS_KEY, report({ kind: "run", passed: false, failedCalls: 3, firstFailure: failure }, nowMs), nowMs));
      assert.equal(res.status, 200);
      const check = await conformanceCheck(prisma(), nowMs);
      assert.equal(check.status, "problem");
      assert.match(check.title, /Conformance run failed/);
      assert.ok(check.detail.includes(failure));
      assert.match(check.detail, /Last pass: \d{4}-\d\d-\d\dT/);
      assert.match(check.fix ?? "", /npm run conformance -- --url https:\/\/isv\.example\.com\/api\/marketplace --mode period --seed 77/);
    });

    it("reports that stop coming turn a pass into a warning after twice the schedule", async () => {
      const t0 = Date.now() + 10 * HOUR;
      assert.equal((await post(prisma(), signedProbeReport(APP, TEST_ACCESS_KEY, report({ everySeconds: 3600 }, t0), t0), t0)).status, 200);
      assert.equal((await conformanceCheck(prisma(), t0 + 2 * HOUR)).status, "ok", "within 2 × 1 h + 1 h");
      const late = await conformanceCheck(prisma(), t0 + 4 * HOUR);
      assert.equal(late.status, "warn");
      assert.match(late.detail, /No report since/);
      const t1 = t0 + HOUR;
      assert.equal((await post(prisma(), signedProbeReport(APP, TEST_ACCESS_KEY, report({ everySeconds: undefined }, t1), t1), t1)).status, 200);
      assert.equal((await conformanceCheck(prisma(), t1 + 20 * HOUR)).status, "ok", "no schedule given: twice a day");
      assert.equal((await conformanceCheck(prisma(), t1 + 26 * HOUR)).status, "warn");
    });

    it(`keeps ${REPORT_RETENTION_DAYS} days of reports`, async () => {
      const t = Date.now() + 20 * HOUR;
      const old = new Date(t - (REPORT_RETENTION_DAYS + 1) * 24 * HOUR);
      await prisma().conformanceRun.create({
        data: { kind: "probe", mode: "period", target: "https://old", passed: true, startedAt: old, finishedAt: old, cases: 1, calls: 1, failedCalls: 0, seed: 1, receivedAt: old },
      });
      assert.equal((await post(prisma(), signedProbeReport(APP, TEST_ACCESS_KEY, report({}, t), t), t)).status, 200);
      assert.equal(await prisma().conformanceRun.count({ where: { target: "https://old" } }), 0);
    });
  });
}

describe("probeReportSchema", () => {
  it("accepts what the runner sends and bounds every field", () => {
    assert.ok(probeReportSchema.safeParse(report()).success);
    assert.ok(!probeReportSchema.safeParse({ ...report(), firstFailure: "x".repeat(501) }).success);
    assert.ok(!probeReportSchema.safeParse({ ...report(), everySeconds: 10 }).success);
    assert.ok(!probeReportSchema.safeParse({ ...report(), startedAt: "yesterday" }).success);
  });
});

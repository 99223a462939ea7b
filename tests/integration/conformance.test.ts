/**
 * The conformance runner (npm run conformance) against the app, over a real socket: one full run
 * per billing mode passes on each database; a saved case set replays as a probe and reports to
 * /admin; and against deliberately broken servers the runner fails, naming the broken rule — so
 * it is proven able to fail.
 */
import assert from "node:assert/strict";
import { randomBytes, randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, afterEach, describe, it } from "node:test";
import { readCaseFile } from "~/conformance/case-file";
import type { CliOptions } from "~/conformance/cli-options";
import { conformanceMain, type ResolvedOptions } from "~/conformance/main";
import type { SaasMode } from "~/conformance/modes";
import { conformanceCheck } from "~/server/conformance/health";
import type { MarketplaceHttpResponse } from "~/server/marketplace/base-interface";
import { testTargets, useTestDatabase } from "../helpers/databases";
import { STOP_PKG_ORDER_ID, useConformanceApp, type Breakage } from "../helpers/conformance-server";
import { TEST_ACCESS_KEY } from "../helpers/marketplace";

const dir = mkdtempSync(join(tmpdir(), "conformance-"));
after(() => rmSync(dir, { recursive: true, force: true }));

const DEFAULTS: CliOptions = { mode: "period", kit: true, probe: false, everyMs: 12 * 3_600_000, once: false, timeoutMs: 20_000, help: false };

function options(url: string, over: Partial<ResolvedOptions>, publicKeyPem?: string): ResolvedOptions {
  return { ...DEFAULTS, url, keys: { base: TEST_ACCESS_KEY, kit: TEST_ACCESS_KEY, license: TEST_ACCESS_KEY }, publicKeyPem, seed: 4242, ...over };
}

async function run(o: ResolvedOptions, io: { maxProbeRounds?: number; sleep?: (ms: number) => Promise<void> } = {}) {
  const lines: string[] = [];
  const code = await conformanceMain(o, { out: (l) => lines.push(l), sleep: io.sleep ?? (async () => {}), maxProbeRounds: io.maxProbeRounds ?? 1 });
  return { code, text: lines.join("\n") };
}

const MODE_RUNS: { mode: SaasMode; orderId?: string; plan: string }[] = [
  { mode: "period", plan: "period" },
  { mode: "onetime", plan: "once" },
  { mode: "ondemand", plan: "od" },
  { mode: "ondemand-pkg", plan: "odpkg" },
  { mode: "stop-pkg", orderId: STOP_PKG_ORDER_ID, plan: "stop" },
];

for (const target of testTargets()) {
  describe(`conformance runner against the app on ${target.name}`, { skip: target.skip }, () => {
    const h = useTestDatabase(target);
    const app = useConformanceApp(() => h.db.prisma, target.skip);

    for (const { mode, orderId, plan } of MODE_RUNS) {
      it(`--mode ${mode}: every case twice, then shuffled, plus the hostile cases — all pass`, async () => {
        const { code, text } = await run(options(app.server.productionAddress, { mode, orderId }, app.publicKeyPem));
        assert.equal(code, 0, text);
        assert.match(text, /\nPASSED$/);
        for (const id of ["hostile.base.replay", "hostile.kit.tamper", "kit.applicationSync.add", `${mode}.release`]) {
          assert.equal(text.split("\n").filter((l) => new RegExp(` ${id.replace(/\./g, "\\.")} `).test(l)).length, 3, `${id}: twice, then once shuffled`);
        }
        const inst = await h.db.prisma.instance.findFirstOrThrow({ where: { orderId: orderId ?? { startsWith: "MOCK" }, planId: plan } });
        assert.equal(inst.isTest, true, "the mode's order made its kind of instance, as debug data");
      });
    }

    it("a saved case set replays as a probe (--once and on a schedule) and reports to /admin", async () => {
      const casesFile = join(dir, `period-${target.name}.json`);
      const saved = await run(options(app.server.productionAddress, { saveCases: casesFile, reportTo: app.server.appUrl }, app.publicKeyPem));
      assert.equal(saved.code, 0, saved.text);
      assert.match(saved.text, /reported to http:\/\/127\.0\.0\.1:\d+\/api\/conformance\/report/);
      const file = readCaseFile(casesFile);
      const main = await h.db.prisma.instance.findFirstOrThrow({ where: { orderId: "MOCKPERIODYEARNEW" } });
      assert.equal(file.cases.find((c) => c.id === "period.newInstance")?.expectInstanceId, main.id, "newInstance is pinned to its instance");
      assert.equal(file.cases.find((c) => c.id === "period.refresh.renewal")?.body.instanceId, main.id, "variables are resolved");

      const probe = await run(options("", { probe: true, casesFile, once: true, reportTo: app.server.appUrl, seed: undefined }));
      assert.equal(probe.code, 0, probe.text);
      assert.match(probe.text, /→ probe http:\/\/127\.0\.0\.1:\d+\/api\/marketplace/, "without --url the probe uses the saved address");
      assert.match(probe.text, /Seed \d+/);
      const check = await conformanceCheck(h.db.prisma, Date.now());
      assert.equal(check.status, "ok", check.detail);
      assert.match(check.title, /probe passed/);

      const sleeps: number[] = [];
      const scheduled = await run(options("", { probe: true, casesFile, everyMs: 3_600_000 }), { maxProbeRounds: 2, sleep: async (ms) => void sleeps.push(ms) });
      assert.equal(scheduled.code, 0, scheduled.text);
      assert.deepEqual(sleeps, [3_600_000], "two rounds, one wait of --every between them");
      assert.equal(scheduled.text.match(/→ probe /g)?.length, 2);

      app.server.setBreakage(rewrite((j) => delete j.resultMsg));
      try {
        const broken = await run(options("", { probe: true, casesFile, once: true, reportTo: app.server.appUrl }));
        assert.equal(broken.code, 1, broken.text);
        assert.match(broken.text, /stopped at the first failure/);
        assert.match(broken.text, /\[ ?1\/\d+\] ✗/, "the first call failed and the round stopped there");
        assert.doesNotMatch(broken.text, /\[ ?2\/\d+\]/);
      } finally {
        app.server.setBreakage(undefined);
      }
      const failed = await conformanceCheck(h.db.prisma, Date.now());
      assert.equal(failed.status, "problem");
      assert.match(failed.detail, /resultMsg missing/);
      assert.match(failed.detail, /Last pass: \d{4}-/);
    });
  });
}

/** Rewrites the JSON of every answer of the app. */
function rewrite(change: (json: Record<string, unknown>, req: { json: Record<string, unknown> | undefined }) => void): Breakage {
  return (req, res) => {
    const json = JSON.parse(res.body) as Record<string, unknown>;
    change(json, req);
    return { ...res, body: JSON.stringify(json) };
  };
}

/** The bug of the issue: production rules on debug calls — renew/freeze/upgrade after a release answer 000003. */
function strictAfterRelease(): Breakage {
  const released = new Set<string>();
  return (req, res) => {
    const activity = req.json?.activity;
    const id = String(req.json?.instanceId ?? "");
    if (activity === "releaseInstance") released.add(id);
    if (["refreshInstance", "updateInstanceStatus", "upgradeInstance"].includes(String(activity)) && released.has(id)) {
      return { ...res, body: JSON.stringify({ resultCode: "000003", resultMsg: "refresh is not allowed when the instance is RELEASED" }) };
    }
    return res;
  };
}

const BROKEN: { name: string; mode?: SaasMode; kit?: boolean; breakage: () => Breakage; failure: RegExp }[] = [
  { name: "answers 000003 to renew/freeze/upgrade after a release", breakage: strictAfterRelease, failure: /period\.refresh\.renewal[\s\S]*resultCode 000003 \(refresh is not allowed[^)]*\), expected 000000/ },
  { name: "omits resultMsg", breakage: () => rewrite((j) => delete j.resultMsg), failure: /resultMsg missing/ },
  {
    name: "answers text/html",
    breakage: () => (_req, res: MarketplaceHttpResponse) => ({ ...res, headers: { ...res.headers, "content-type": "text/html; charset=utf-8" } }),
    failure: /Content-Type "text\/html; charset=utf-8", expected application\/json/,
  },
  {
    name: "answers queryInstance with HTTP 500",
    breakage: () => (req, res) => (req.json?.activity === "queryInstance" ? { ...res, status: 500 } : res),
    failure: /period\.queryInstance[\s\S]*HTTP 500, expected 200/,
  },
  { name: "hands out a new instanceId for the same order", breakage: () => rewrite((j, r) => void (r.json?.activity === "newInstance" && (j.instanceId = randomUUID()))), failure: /instanceId changed: \S+ before, \S+ now/ },
  {
    name: "returns an instanceId longer than 64 characters",
    breakage: () => rewrite((j, r) => void (r.json?.activity === "newInstance" && (j.instanceId = "x".repeat(65)))),
    failure: /instanceId: must be at most 64 characters/,
  },
  {
    name: "encrypts appInfo.password with another key",
    breakage: () => rewrite((j) => void ((j.appInfo as Record<string, unknown> | undefined) && ((j.appInfo as Record<string, unknown>).password = `ABCDEFGHIJKLMNOP${randomBytes(16).toString("base64")}`))),
    failure: /appInfo\.password cannot be decrypted with the key \(encryptType 1\)/,
  },
  {
    name: "leaves usageInfo out of an on-demand queryInstance",
    mode: "ondemand",
    breakage: () => rewrite((j) => void (Array.isArray(j.info) && j.info.forEach((i: Record<string, unknown>) => delete i.usageInfo))),
    failure: /no usageInfo for instance \S+ \(required for on-demand/,
  },
  {
    name: "accepts a replayed nonce",
    breakage: () => rewrite((j) => void (/nonce/.test(String(j.resultMsg)) && Object.assign(j, { resultCode: "000000", resultMsg: "success." }))),
    failure: /hostile\.base\.replay[\s\S]*replay: resultCode 000000 \(success\.\), expected 000001/,
  },
  {
    name: "does not check signatures",
    kit: true,
    breakage: () => rewrite((j) => void (j.resultCode === "000001" && !/nonce/.test(String(j.resultMsg)) && Object.assign(j, { resultCode: "000000", resultMsg: "success." }))),
    failure: /hostile\.kit\.wrong-key[\s\S]*expected 000001/,
  },
];

const pglite = testTargets()[0]!;
describe("the runner fails against deliberately broken servers", () => {
  const h = useTestDatabase(pglite);
  const app = useConformanceApp(() => h.db.prisma, false);
  afterEach(() => app.server.setBreakage(undefined));

  for (const b of BROKEN) {
    it(`a server that ${b.name}`, async () => {
      app.server.setBreakage(b.breakage());
      const { code, text } = await run(options(app.server.productionAddress, { mode: b.mode ?? "period", kit: b.kit ?? false }));
      assert.equal(code, 1, text);
      assert.match(text, /\nFAILED$/);
      assert.match(text, b.failure);
    });
  }

  it("a server that is not there", async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const { code, text } = await run(options(`http://127.0.0.1:${port}/api/marketplace`, { mode: "onetime", kit: false }));
    assert.equal(code, 1);
    assert.match(text, /no answer: ECONNREFUSED/);
    assert.match(text, /needs \$\{instance\.main\}, which no newInstance answer provided/);
  });
});

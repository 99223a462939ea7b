/**
 * The conformance runner (npm run conformance) against the app, over a real socket: one full run
 * per billing mode passes on each database, a saved case set replays as a probe and reports to
 * /admin; and against deliberately broken servers the runner fails, naming the broken rule — so
 * it is proven able to fail.
 */
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import type { CliOptions } from "~/conformance/cli-options";
import { conformanceMain, type ResolvedOptions } from "~/conformance/main";
import type { SaasMode } from "~/conformance/modes";
import { conformanceCheck } from "~/server/conformance/health";
import { testTargets, useTestDatabase } from "../helpers/databases";
import { STOP_PKG_ORDER_ID, useConformanceApp } from "../helpers/conformance-server";
import { TEST_ACCESS_KEY } from "../helpers/marketplace";

const dir = mkdtempSync(join(tmpdir(), "conformance-"));
after(() => rmSync(dir, { recursive: true, force: true }));

const DEFAULTS: CliOptions = { mode: "period", kit: true, probe: false, everyMs: 12 * 3_600_000, once: false, timeoutMs: 20_000, help: false };

function options(url: string, over: Partial<ResolvedOptions>, publicKeyPem?: string): ResolvedOptions {
  return { ...DEFAULTS, url, keys: { base: TEST_ACCESS_KEY, kit: TEST_ACCESS_KEY, license: TEST_ACCESS_KEY }, publicKeyPem, seed: 4242, ...over };
}

async function run(o: ResolvedOptions) {
  const lines: string[] = [];
  const code = await conformanceMain(o, { out: (l) => lines.push(l), sleep: async () => {}, maxProbeRounds: 1 });
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
        assert.match(text, /hostile\.base\.replay/);
        assert.match(text, /kit\.applicationSync\.add/);
        const inst = await h.db.prisma.instance.findFirstOrThrow({ where: { orderId: orderId ?? { startsWith: "MOCK" }, planId: plan } });
        assert.equal(inst.isTest, true, "debug cases make debug instances");
      });
    }
  });
}

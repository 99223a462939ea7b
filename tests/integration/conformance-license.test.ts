/**
 * `npm run conformance -- --mode license` against the app: the License callbacks
 * (refreshLicenseCode, updateLicenseCodeStatus, releaseLicenseCode) with testFlag "1", each twice,
 * then shuffled, plus the hostile License requests — all must pass, on each database — and the
 * runner fails when a server answers 000003 to a renewal after a release.
 *
 * The License server side is built on another branch; until it is merged this suite is skipped,
 * visibly (the app answers License activities 000002 without it). The calls go to the production
 * address, which dispatches License activities on `activity`; the License key defaults to the
 * base key in the app as in the runner.
 */
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { describe, it } from "node:test";
import type { CliOptions } from "~/conformance/cli-options";
import { conformanceMain, type ResolvedOptions } from "~/conformance/main";
import { testTargets, useTestDatabase } from "../helpers/databases";
import { useConformanceApp, type Breakage } from "../helpers/conformance-server";
import { TEST_ACCESS_KEY } from "../helpers/marketplace";

const licenseServer = existsSync(new URL("../../src/server/license", import.meta.url));
const notYet = licenseServer ? false : "the License server side (src/server/license) is not in this checkout yet";

const OPTIONS: CliOptions = { mode: "license", kit: false, probe: false, everyMs: 12 * 3_600_000, once: false, timeoutMs: 20_000, help: false, seed: 1717 };

async function run(url: string) {
  const lines: string[] = [];
  const o: ResolvedOptions = { ...OPTIONS, url, keys: { base: TEST_ACCESS_KEY, kit: TEST_ACCESS_KEY, license: TEST_ACCESS_KEY } };
  const code = await conformanceMain(o, { out: (l) => lines.push(l) });
  return { code, text: lines.join("\n") };
}

for (const target of testTargets()) {
  const skip = target.skip || notYet;
  describe(`conformance --mode license against the app on ${target.name}`, { skip }, () => {
    const h = useTestDatabase(target);
    const app = useConformanceApp(() => h.db.prisma, skip);

    it("every License callback twice, then shuffled, plus the hostile requests — all pass", async () => {
      const { code, text } = await run(app.server.productionAddress);
      assert.equal(code, 0, text);
      assert.match(text, /\nPASSED$/);
      for (const id of ["license.refresh.renewal", "license.status.freeze", "license.release.expired", "hostile.license.replay", "hostile.license.wrong-key"]) {
        assert.equal(text.split("\n").filter((l) => l.includes(` ${id} `)).length, 3, id);
      }
    });

    it("fails against a server that answers 000003 to a renewal after a release", async () => {
      const released = new Set<string>();
      const breakage: Breakage = (req, res) => {
        const code = String(req.json?.license ?? "");
        if (req.json?.activity === "releaseLicenseCode") released.add(code);
        if (req.json?.activity === "refreshLicenseCode" && released.has(code)) return { ...res, body: '{"resultCode":"000003","resultMsg":"license code released"}' };
        return res;
      };
      app.server.setBreakage(breakage);
      try {
        const { code, text } = await run(app.server.productionAddress);
        assert.equal(code, 1, text);
        assert.match(text, /license\.refresh\.renewal[\s\S]*resultCode 000003 \(license code released\), expected 000000/);
      } finally {
        app.server.setBreakage(undefined);
      }
    });
  });
}

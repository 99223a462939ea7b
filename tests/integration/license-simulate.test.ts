/**
 * `npm run simulate -- license lifecycle|debug` against the real production address (an HTTP
 * server around handleBaseCall, which dispatches License activities) on each database: every
 * answer is the documented one (production and debug calls), and the console's repeat-everything
 * run in random order answers 000000 throughout, however often it is repeated.
 */
import assert from "node:assert/strict";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { after, before, describe, it } from "node:test";
import { handleBaseCall } from "~/server/marketplace/base-interface";
import { runLicenseSimulation } from "../../scripts/simulate-license";
import { testTargets, useTestDatabase, type TestDatabaseHandle } from "../helpers/databases";
import { TEST_LICENSE_KEY } from "../helpers/license";
import { testConfig } from "../helpers/marketplace";

function serve(h: TestDatabaseHandle): Promise<Server> {
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const url = new URL(req.url ?? "/", "http://x");
      void handleBaseCall(h.db.prisma, testConfig({ licenseAccessKey: TEST_LICENSE_KEY }), { rawBody: Buffer.concat(chunks).toString("utf8"), query: url.searchParams, path: url.pathname }).then((out) => {
        res.writeHead(out.status, out.headers);
        res.end(out.body);
      });
    });
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(server)));
}

for (const target of testTargets()) {
  describe(`simulate license on ${target.name}`, { skip: target.skip }, () => {
    const h = useTestDatabase(target);
    let server: Server;
    let url: string;
    before(async () => {
      if (target.skip) return;
      server = await serve(h);
      url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/marketplace`;
    });
    after(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

    for (const test of [false, true]) {
      it(`lifecycle${test ? " (debug calls)" : ""}: every answer as documented`, async () => {
        const lines: string[] = [];
        const exit = await runLicenseSimulation(["lifecycle"], { url, key: TEST_LICENSE_KEY, test, log: (l) => lines.push(l) });
        assert.equal(exit, 0, lines.join("\n"));
        assert.equal(lines.filter((l) => l.endsWith("  ok")).length, 16);
      });
    }

    it("debug: each case twice, then shuffled rounds, all 000000 — and again on the same code in another order", async () => {
      const lines: string[] = [];
      const exit = await runLicenseSimulation(["debug", "SIM-DEBUG-FIXED"], { url, key: TEST_LICENSE_KEY, test: true, seed: "12345", rounds: "4", log: (l) => lines.push(l) });
      assert.equal(exit, 0, lines.join("\n"));
      assert.match(lines.at(-1)!, /^36\/36 answered 000000$/);
      const again = await runLicenseSimulation(["debug", "SIM-DEBUG-FIXED"], { url, key: TEST_LICENSE_KEY, test: true, seed: "99", log: () => {} });
      assert.equal(again, 0, "the same code run again, in another order");
      const calls = await h.db.prisma.marketplaceCall.findMany({ where: { instanceId: "SIM-DEBUG-FIXED" } });
      assert.ok(calls.length === 36 + 30 && calls.every((c) => c.isTest && c.resultCode === "000000" && c.channel === "license"));
    });

    it("a wrong key makes the run fail with exit 1", async () => {
      const exit = await runLicenseSimulation(["debug"], { url, key: "not-the-license-key", test: true, rounds: "0", log: () => {} });
      assert.equal(exit, 1);
    });
  });
}

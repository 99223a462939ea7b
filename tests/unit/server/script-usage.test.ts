/**
 * Every npm script that takes arguments answers `--help` with its usage (exit 0) and an unknown
 * option with one line naming it plus the usage (exit 2) — never node's stack trace, and never by
 * starting its work (the mock and the worker would otherwise open a port or a database).
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { runScript } from "../../helpers/child-process";

function run(script: string, args: string[]) {
  // No database and no port for these runs: a script that started its work would fail or hang visibly.
  return runScript(script, args, { ...process.env, NODE_ENV: "development", DATABASE_URL: "", MOCK_OPENAPI_PORT: "1" });
}

const SCRIPTS: Array<[script: string, usageMentions: RegExp]> = [
  ["scripts/simulate.ts", /npm run simulate -- <command>[\s\S]*lifecycle/],
  ["scripts/license.ts", /npm run license -- activate\|heartbeat <code>/],
  ["scripts/generate-rsa-key.ts", /npm run keys:rsa[\s\S]*3072/],
  ["scripts/mock-openapi.ts", /npm run mock:openapi/],
  ["scripts/worker.ts", /npm run worker/],
];

describe("npm script usage", () => {
  for (const [script, usage] of SCRIPTS) {
    it(`${script}: --help prints the usage and exits 0; an unknown option exits 2 naming it`, async () => {
      const help = await run(script, ["--help"]);
      assert.equal(help.code, 0, help.err);
      assert.match(help.out, usage);
      assert.doesNotMatch(help.out, /^ \*/m, "comment marks stripped");

      const bad = await run(script, ["--no-such-option"]);
      assert.equal(bad.code, 2, bad.out + bad.err);
      assert.match(bad.err, /^Unknown option '--no-such-option'\n/);
      assert.match(bad.err, usage);
      assert.doesNotMatch(bad.err, /at .*node:internal|ERR_PARSE_ARGS/);
    });
  }
});

/**
 * The layering rules of eslint.config.mjs refuse what they promise (README.md "Architecture"):
 * each case lints one import line as if it were in the named file and expects the rule to fire
 * or to stay quiet. `npm run lint` passing only shows the tree obeys them; this shows they bite.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { ESLint } from "eslint";

const eslint = new ESLint({ cwd: process.cwd() });

async function refused(filePath: string, source: string): Promise<boolean> {
  const [result] = await eslint.lintText(`import { x } from "${source}";\nexport const y = x;\n`, { filePath });
  return result!.messages.some((m) => m.ruleId === "no-restricted-imports");
}

const CASES: Array<[file: string, source: string, refusedExpected: boolean]> = [
  // The protocol library is framework-free.
  ["src/koogallery/probe.ts", "~/server/db", true],
  ["src/koogallery/probe.ts", "~/app/page", true],
  ["src/koogallery/probe.ts", "~/dev/openapi-mock/server", true],
  ["src/koogallery/probe.ts", "next/server", true],
  ["src/koogallery/probe.ts", "react", true],
  ["src/koogallery/probe.ts", "@prisma/client", true],
  ["src/koogallery/probe.ts", "~/generated/prisma/client", true],
  ["src/koogallery/probe.ts", "./time", false],
  // The server imports neither the app nor the dev tools.
  ["src/server/marketplace/probe.ts", "~/app/page", true],
  ["src/server/marketplace/probe.ts", "~/dev/oneaccess-emulator", true],
  ["src/server/marketplace/probe.ts", "../../dev/oneaccess-emulator", true],
  ["src/server/billing/probe.ts", "~/dev/openapi-mock/orders", true],
  ["src/server/marketplace/probe.ts", "~/koogallery/time", false],
  // Billing only through its barrel — except inside billing itself.
  ["src/server/api/routers/probe.ts", "~/server/billing/consume", true],
  ["src/app/app/probe.tsx", "~/server/billing/config", true],
  ["src/server/api/routers/probe.ts", "~/server/billing", false],
  ["src/server/billing/probe.ts", "./consume", false],
  // Dev tools: no billing code; production code never imports them.
  ["src/dev/openapi-mock/probe.ts", "~/server/billing/catalog", true],
  ["src/dev/openapi-mock/probe.ts", "~/server/openapi/mkt-codes", false],
  ["src/app/admin/probe.tsx", "~/dev/oneaccess-emulator", true],
  ["src/conformance/probe.ts", "~/dev/openapi-mock/server", true],
  // Route handlers: server entry points only.
  ["src/app/api/probe/route.ts", "~/server/marketplace/pipeline", false],
  ["src/app/api/probe/route.ts", "~/server/auth", false],
  ["src/app/api/probe/route.ts", "next/server", false],
  ["src/app/api/probe/route.ts", "~/server/marketplace/activities/new-instance", true],
  ["src/app/api/probe/route.ts", "~/server/license/callbacks/release-license-code", true],
  ["src/app/api/probe/route.ts", "~/generated/prisma/client", true],
  ["src/app/api/probe/route.ts", "~/koogallery/signature", true],
  ["src/app/api/probe/route.ts", "~/dev/oneaccess-emulator", true],
  ["src/app/dev/probe/route.ts", "~/dev/oneaccess-emulator", false],
  ["src/app/dev/probe/route.ts", "~/dev/oneaccess-emulator/handler", true],
];

describe("eslint layering rules", () => {
  for (const [file, source, expected] of CASES) {
    it(`${expected ? "refuses" : "allows"} ${source} in ${file}`, async () => {
      assert.equal(await refused(file, source), expected);
    });
  }
});

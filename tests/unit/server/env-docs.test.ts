/**
 * Docs for every env var: each variable src/env.ts reads has a row in README.md's
 * "Environment variables" table, and the table names no variable the app does not read.
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";
import { ENV_SCHEMA } from "~/env";

const readme = readFileSync(new URL("../../../README.md", import.meta.url), "utf8");
const section = readme.slice(readme.indexOf("## Environment variables"), readme.indexOf("\n## ", readme.indexOf("## Environment variables") + 5));
/** Variable names in the first column of the table (a row may name two: `A` / `B`). */
const documented = new Set(
  section
    .split("\n")
    .filter((l) => l.startsWith("| `"))
    .flatMap((l) => [...(l.split("|")[1] ?? "").matchAll(/`([A-Z][A-Z0-9_]+)`/g)].map((m) => m[1]!)),
);

describe("README documents the environment", () => {
  it("has the environment section with a table", () => {
    assert.ok(section.includes("| variable |"), "README.md must keep its '## Environment variables' table");
  });
  it("every variable src/env.ts reads has a row", () => {
    const missing = Object.keys(ENV_SCHEMA.shape).filter((k) => !documented.has(k));
    assert.deepEqual(missing, []);
  });
  it("every documented variable is read by src/env.ts (or by a script named in its row)", () => {
    const read = new Set(Object.keys(ENV_SCHEMA.shape));
    // Read outside src/env.ts: by Next.js (PORT), next-auth itself (NEXTAUTH_URL) and the
    // open-API mock process (scripts/mock-openapi.ts).
    for (const k of ["PORT", "NEXTAUTH_URL", "MOCK_OPENAPI_PORT", "MOCK_OPENAPI_HOST"]) read.add(k);
    assert.deepEqual([...documented].filter((k) => !read.has(k)), []);
  });
});

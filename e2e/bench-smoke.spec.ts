/**
 * `npm run bench -- --quick` end to end, on the production build this Playwright run already
 * uses (`--no-build`: the e2e app serves that build, so the bench must never rebuild it). It
 * starts its own servers on E2E_PORT + 10 … + 14 and its own throw-away databases (and builds the
 * bench's Next.js floor, bench/next-floor, when it has no build yet). Asserts no
 * speed at all — only that the bench runs through, checks every answer and ledger, and fails
 * (exit 1) when the baseline is made to answer wrongly.
 */
import { spawn } from "node:child_process";
import { expect, test } from "@playwright/test";
import { E2E_PORT } from "./helpers/env";

test.describe.configure({ mode: "serial" });

const BENCH_PORT = E2E_PORT + 10;

function bench(args: string[]): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ["--import", "tsx", "bench/run.ts", "--quick", "--no-build", "--port", String(BENCH_PORT), ...args], {
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (d) => (output += d));
    child.stderr.on("data", (d) => (output += d));
    child.on("exit", (code) => resolve({ code, output }));
  });
}

test("the quick bench runs every scenario and checks every answer and ledger", async () => {
  // Generous: a whole bench on a busy CI machine. Not a speed limit — the run's end is awaited.
  test.setTimeout(40 * 60_000);
  const { code, output } = await bench([]);
  expect(code, output).toBe(0);
  expect(output).toMatch(/^commit \w+( \(dirty\))? · \d{4}-\d\d-\d\dT/m);
  expect(output).toContain("| app ÷ baseline | conc. |");
  for (const line of [
    "pglite: ",
    "pglite app package (HTTP): ",
    "pglite baseline package (HTTP): ",
    "pglite consume() package: ",
    "pglite raw UPDATE package: ",
  ]) {
    expect(output).toContain(`- ${line}`);
  }
  // PostgreSQL runs when reachable (as in the integration tests); then all of it is checked too.
  if (!output.includes("PostgreSQL skipped")) {
    expect(output).toContain("- postgres app package (HTTP): ");
    expect(output).toContain("- postgres Next.js floor package (HTTP): ");
    expect(output).toContain("| Next.js floor | conc. |");
    expect(output).toMatch(/Overdraft: 3 processes × 64 callers on a package of 300: exactly 300 debits/);
  }
  expect(output).toContain("bench: all answers and ledgers checked ✓");
});

test("a wrong result code from the baseline fails the bench", async () => {
  test.setTimeout(15 * 60_000);
  const { code, output } = await bench(["--targets", "pglite", "--groups", "marketplace", "--inject", "wrong-code"]);
  expect(code, output).toBe(1);
  expect(output).toMatch(/bench FAILED: baseline newInstance \w+: resultCode 000005 .*expected 000000/);
  expect(output).not.toContain("all answers and ledgers checked");
});

test("debits missing from the baseline's package fail the bench at the ledger check", async () => {
  test.setTimeout(15 * 60_000);
  const { code, output } = await bench(["--targets", "pglite", "--groups", "metered", "--inject", "lost-debit"]);
  expect(code, output).toBe(1);
  expect(output).toMatch(/bench FAILED: ledger ≠ debits: pglite baseline package \(HTTP\): grant\.used = \d+, but the client counted \d+ debits/);
});

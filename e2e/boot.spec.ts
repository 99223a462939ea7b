/**
 * The production server refuses to start misconfigured: `next start` without the required
 * secrets exits with code 1 and names each missing variable, instead of serving 500s.
 * Uses the same production build as the other specs, on its own port and data directory.
 */
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { E2E_PORT } from "./helpers/env";

test("next start without the production secrets exits 1 and names them", async () => {
  // Generous: a cold `next start` on a loaded CI machine is slow; the exit is what is awaited.
  test.setTimeout(180_000);
  const dir = mkdtempSync(path.join(os.tmpdir(), "koo-boot-"));
  try {
    const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: process.env.HOME, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1", PGLITE_DIR: dir };
    const child = spawn("npx", ["--no-install", "next", "start", "-p", String(E2E_PORT + 2), "-H", "127.0.0.1"], { env, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (d) => (output += d));
    child.stderr.on("data", (d) => (output += d));
    const code = await new Promise<number | null>((resolve) => {
      const timer = setTimeout(() => {
        child.kill("SIGKILL");
        resolve(null);
      }, 150_000);
      child.on("exit", (c) => {
        clearTimeout(timer);
        resolve(c);
      });
    });
    expect(code, output).toBe(1);
    for (const name of ["NEXTAUTH_SECRET", "DATA_ENCRYPTION_KEY", "STAFF_PASSWORD", "KOOGALLERY_ACCESS_KEY"]) {
      expect(output).toContain(`${name}: required when NODE_ENV=production`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

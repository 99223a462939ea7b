/**
 * Deletes this run's PGlite directory. Playwright stops the web server only after global
 * teardown, so a directory the dying server still touches is removed by the next run's
 * global setup instead.
 */
import { rmSync } from "node:fs";

export default function globalTeardown(): void {
  const dir = process.env.E2E_PGLITE_DIR;
  if (dir && /(^|[\\/])e2e-[\w-]+$/.test(dir)) rmSync(dir, { recursive: true, force: true });
}

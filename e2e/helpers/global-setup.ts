/**
 * Removes PGlite directories left by e2e runs that were killed before their teardown
 * (older than an hour, so a run going on in parallel keeps its own).
 */
import { readdirSync, rmSync, statSync } from "node:fs";
import path from "node:path";

export default function globalSetup(): void {
  const root = ".data";
  let names: string[];
  try {
    names = readdirSync(root);
  } catch {
    return;
  }
  const cutoff = Date.now() - 60 * 60 * 1000;
  for (const name of names) {
    if (!name.startsWith("e2e-")) continue;
    const dir = path.join(root, name);
    if (statSync(dir).mtimeMs < cutoff) rmSync(dir, { recursive: true, force: true });
  }
}

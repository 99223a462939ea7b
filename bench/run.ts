/**
 * npm run bench — prints throughput figures and their ratio to raw-database baselines measured
 * in the same run. Figures depend on the machine; compare ratios across machines.
 */
import { existsSync } from "node:fs";
import os from "node:os";
import { runMarketplaceBench } from "./marketplace";

console.log(`# KooGallery SaaS starter benchmarks — node ${process.version}, ${os.cpus().length} cores, ${os.cpus()[0]?.model ?? "?"}`);
await runMarketplaceBench();
const metering = new URL("./metering.ts", import.meta.url);
if (existsSync(metering)) {
  // Loaded by URL so this file does not depend on the metering module at type-check time.
  const { runMeteringBench } = (await import(metering.href)) as { runMeteringBench: () => Promise<void> };
  await runMeteringBench();
}
console.log("\ndone.");

/**
 * npm run bench — prints throughput figures and their ratio to raw-database baselines measured
 * in the same run. Figures depend on the machine; compare ratios across machines.
 */
import { existsSync } from "node:fs";
import os from "node:os";
import { runMarketplaceBench } from "./marketplace";

console.log(`# KooGallery SaaS starter benchmarks — node ${process.version}, ${os.cpus().length} cores, ${os.cpus()[0]?.model ?? "?"}`);
await runMarketplaceBench();
if (existsSync(new URL("./metering.ts", import.meta.url))) {
  const { runMeteringBench } = (await import("./metering")) as { runMeteringBench: () => Promise<void> };
  await runMeteringBench();
}
console.log("\ndone.");

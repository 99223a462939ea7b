/**
 * npm run bench — prints throughput figures and their ratio to raw-database baselines measured
 * in the same run. Figures depend on the machine; compare ratios across machines.
 */
import os from "node:os";
import { runMarketplaceBench } from "./marketplace";
import { runMeteringBench } from "./metering";

console.log(`# KooGallery SaaS starter benchmarks — node ${process.version}, ${os.cpus().length} cores, ${os.cpus()[0]?.model ?? "?"}`);
await runMarketplaceBench();
await runMeteringBench();
console.log("\ndone.");

/**
 * The baseline's handlers (bench/baseline), built once per process from the config the bench
 * passes in BENCH_FLOOR_CONFIG (base64url JSON, as the baseline server's argv[2]).
 */
import { parseBaselineConfig } from "../../baseline/config";
import { openSql } from "../../baseline/db";
import { marketplaceHandler } from "../../baseline/marketplace";
import { meteredHandler } from "../../baseline/metered";

function build() {
  const cfg = parseBaselineConfig(process.env.BENCH_FLOOR_CONFIG);
  const sql = openSql(cfg.db);
  return { marketplace: marketplaceHandler(sql, cfg), metered: meteredHandler(sql, cfg) };
}

let handlers: ReturnType<typeof build> | undefined;

export function floorHandlers(): ReturnType<typeof build> {
  return (handlers ??= build());
}

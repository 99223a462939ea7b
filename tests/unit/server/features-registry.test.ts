/**
 * The feature registry (src/server/features.ts) is the one list the retention worker purges:
 * every table it names is a model of prisma/schema.prisma, and every table keyed by tenant or
 * instance is either owned by a feature there or is one of the starter's own (kept or purged by
 * their own modules, listed below with why). A new feature table that is not registered fails here.
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";
import { PRODUCT_FEATURES } from "~/server/features";

/** The starter's tables keyed by tenant or instance, and why the feature registry does not purge them. */
const CORE_TABLES: Record<string, string> = {
  InstanceOrder: "marketplace order history of the kept Instance tombstone",
  InstanceTransition: "audit trail of the instance state machine",
  MarketplaceCall: "call log, pruned by CALL_LOG_RETENTION_DAYS (marketplace/housekeeping.ts)",
  Tenant: "Kit sync: the marketplace removes it (tenantSync flag=0)",
  Application: "Kit sync (applicationSync)",
  TenantUser: "Kit sync (authSync)",
  Department: "Kit sync (orgSync)",
  CustomerSession: "sign-in sessions, revoked on release and expired by their own max age",
  UsageDebit: "financial record (docs/billing.md §8)",
  UsageEntry: "financial record (docs/billing.md §8)",
  UsagePushRecord: "financial record (docs/billing.md §8)",
};

function schemaModels(): Map<string, string[]> {
  const models = new Map<string, string[]>();
  let current: string[] | undefined;
  for (const line of readFileSync("prisma/schema.prisma", "utf8").split("\n")) {
    const m = /^model (\w+) \{/.exec(line);
    if (m) models.set(m[1]!, (current = []));
    else if (line.startsWith("}")) current = undefined;
    else if (current) {
      const field = /^\s+(\w+)\s/.exec(line);
      if (field) current.push(field[1]!);
    }
  }
  return models;
}

describe("feature registry", () => {
  const models = schemaModels();

  it("names each feature once, with tables of the schema and a purger", () => {
    const names = PRODUCT_FEATURES.map((f) => f.name);
    assert.equal(new Set(names).size, names.length);
    for (const f of PRODUCT_FEATURES) {
      assert.ok(f.tables.length > 0, `${f.name} owns no table`);
      for (const table of f.tables) assert.ok(models.has(table), `${f.name}: no model ${table} in prisma/schema.prisma`);
      assert.equal(typeof f.purge, "function");
    }
  });

  it("every tenant- or instance-keyed table is owned by exactly one feature or is a core table", () => {
    const owners = new Map<string, string[]>();
    for (const f of PRODUCT_FEATURES) for (const t of f.tables) owners.set(t, [...(owners.get(t) ?? []), f.name]);
    const keyed = [...models].filter(([, fields]) => fields.includes("tenantId") || fields.includes("instanceId")).map(([name]) => name);
    assert.ok(keyed.includes("Project") && keyed.includes("DataExport"), "the parser finds the demo tables");
    for (const table of keyed) {
      const by = owners.get(table) ?? [];
      if (CORE_TABLES[table]) assert.equal(by.length, 0, `${table} is a core table but listed by ${by.join(", ")}`);
      else assert.equal(by.length, 1, `${table} has tenant data: list it (and its purger) in src/server/features.ts (docs/extending.md)`);
    }
  });
});

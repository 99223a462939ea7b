/**
 * Type-level test of the catalog keys (src/server/billing/catalog-keys.ts), checked by
 * `npx tsc --noEmit` (tsconfig includes tests/**): each `@ts-expect-error` line must fail to
 * compile — if a key check is lost, the directive itself becomes the error. Never run; the
 * functions exist only to be type-checked.
 */
import { featureProcedure, quotaProcedure } from "~/server/api/trpc";
import type { FeatureKey, MeterKey, MeterKeyOf, QuotaKey } from "~/server/billing/catalog-keys";
import { consumeMeter } from "~/server/billing/consume-meter";
import type { PrismaClient } from "~/generated/prisma/client";
import type { TEST_CATALOG } from "../../helpers/billing";

export function appCodeIsCheckedAgainstTheShippedCatalog(db: PrismaClient) {
  featureProcedure("api");
  featureProcedure("export");
  // @ts-expect-error — a typo: not a feature of catalog.ts
  featureProcedure("apii");
  quotaProcedure("projects");
  // @ts-expect-error — "api" is a feature, not a count quota
  quotaProcedure("api");
  const base = { instanceId: "i", amount: 1, idempotencyKey: "k" };
  void consumeMeter(db, { ...base, meter: "api_calls" });
  void consumeMeter(db, { ...base, meter: "exports" });
  // @ts-expect-error — not a meter of catalog.ts
  void consumeMeter(db, { ...base, meter: "api_call" });
  // @ts-expect-error — a meter name is not any string
  void consumeMeter(db, { ...base, meter: String("api_calls") });
}

export function testsUseTheirOwnCatalog(db: PrismaClient) {
  const base = { instanceId: "i", amount: 1, idempotencyKey: "k" };
  // TEST_CATALOG has "calls", which the shipped catalog does not.
  void consumeMeter<typeof TEST_CATALOG>(db, { ...base, meter: "calls" });
  // @ts-expect-error — …and not the shipped "api_calls"
  void consumeMeter<typeof TEST_CATALOG>(db, { ...base, meter: "api_calls" });
  featureProcedure<typeof TEST_CATALOG>("core");
  // @ts-expect-error — the shipped "workspace" is not a TEST_CATALOG feature
  featureProcedure<typeof TEST_CATALOG>("workspace");
  const m: MeterKeyOf<typeof TEST_CATALOG> = "events";
  return m;
}

// The key unions are exactly the catalog's keys.
type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
export const featureKeys: Equal<FeatureKey, "workspace" | "api" | "export" | "sso"> = true;
export const quotaKeys: Equal<QuotaKey, "seats" | "projects"> = true;
export const meterKeys: Equal<MeterKey, "api_calls" | "sms" | "exports"> = true;

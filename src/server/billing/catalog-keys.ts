/**
 * The catalog's keys as types, so app code naming a feature, count quota or meter the catalog
 * does not have fails to compile instead of refusing every call at run time:
 *
 *   featureProcedure("export")      // FeatureKey
 *   quotaProcedure("projects")      // QuotaKey
 *   consumeMeter(db, { meter: "api_calls", … })  // MeterKey
 *
 * The plain names (FeatureKey …) are the shipped catalog's (catalog.ts). The *Of<C> forms take
 * any catalog, so tests that install their own (tests/helpers/billing.ts TEST_CATALOG) write
 * `consumeMeter<typeof TEST_CATALOG>(…)` and are checked against theirs.
 */
import type { CATALOG } from "./catalog";
import type { Catalog } from "./catalog-types";

export type FeatureKeyOf<C extends Catalog> = keyof C["features"] & string;
export type QuotaKeyOf<C extends Catalog> = keyof C["quotas"] & string;
export type MeterKeyOf<C extends Catalog> = keyof C["meters"] & string;
export type PlanKeyOf<C extends Catalog> = keyof C["plans"] & string;

/** The catalog the app ships (catalog.ts); tests may install another at run time. */
export type ShippedCatalog = typeof CATALOG;
export type FeatureKey = FeatureKeyOf<ShippedCatalog>;
export type QuotaKey = QuotaKeyOf<ShippedCatalog>;
export type MeterKey = MeterKeyOf<ShippedCatalog>;
export type PlanKey = PlanKeyOf<ShippedCatalog>;

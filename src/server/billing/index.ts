/**
 * Billing's public surface for the tRPC layer and feature code (docs/billing.md). Framework-free:
 * every function takes the PrismaClient and throws AppError on refusal.
 */
export { assertEntitled, getEntitlement, instanceIdForTenant, type Entitlement } from "./entitlements";
export { consume, type ConsumeInput, type ConsumeResult } from "./consume";
export { consumeMeter, type MeterInput } from "./consume-meter";
export { giveQuotaUnits, quotaUsage } from "./quota-allocation";
export type { FeatureKey, FeatureKeyOf, MeterKey, MeterKeyOf, QuotaKey, QuotaKeyOf } from "./catalog-keys";
export { getUsageSummary, type UsageSummary } from "./usage-summary";
export type { DataPurger } from "./retention";
export { runBillingCycle, startBillingWorker, startBillingWorkerOnce } from "./worker";
export { activeCatalog } from "./config";

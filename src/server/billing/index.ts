/**
 * Billing's public surface for the tRPC layer and feature code (docs/billing.md). Framework-free:
 * every function takes the PrismaClient and throws AppError on refusal.
 */
export { assertEntitled, assertWithinQuota, getEntitlement, instanceIdForTenant, type Entitlement } from "./entitlements";
export { consume, type ConsumeInput, type ConsumeResult } from "./consume";
export { allocateQuota, releaseQuota, quotaUsage } from "./quota-allocation";
export { getUsageSummary, type UsageSummary } from "./usage-summary";
export { registerDataPurger, type DataPurger } from "./retention";
export { runBillingCycle, startBillingWorker, startBillingWorkerOnce } from "./worker";
export { activeCatalog } from "./config";

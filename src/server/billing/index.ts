/**
 * Billing's public surface (docs/billing.md): the ONLY way code outside src/server/billing reaches
 * it — the tRPC layer, the marketplace activities, the staff console, the tenant app.
 * eslint.config.mjs refuses `~/server/billing/<file>` imports elsewhere in src/; tests, scripts
 * and benchmarks may reach the internals (config overrides for tests, the raw drawdown …).
 * Framework-free: every function takes the PrismaClient and throws AppError on refusal.
 */

// Entitlements and metering (the tRPC layer and feature code).
export { assertEntitled, getEntitlement, instanceIdForTenant, type Entitlement } from "./entitlements";
export { consume, type ConsumeInput, type ConsumeResult } from "./consume";
export { consumeMeter, type MeterInput } from "./consume-meter";
export { giveQuotaUnits, quotaUsage, takeQuotaUnits } from "./quota-allocation";
export type { FeatureKey, FeatureKeyOf, MeterKey, MeterKeyOf, QuotaKey, QuotaKeyOf, ShippedCatalog } from "./catalog-keys";
export { findPlanForOrder, type Catalog } from "./catalog-types";
export { getUsageSummary, type UsageSummary } from "./usage-summary";
export { LOW_BALANCE_RATIO, purchaseState } from "./purchase-state";
export type { DataPurger } from "./retention";
export { accountFromRows, accountMembersSql, ownAccountKey, type MemberRow } from "./account";

// Configuration and the worker.
export { activeCatalog, billingConfig } from "./config";
export { runBillingCycle, startBillingWorker, startBillingWorkerOnce } from "./worker";

// What the marketplace activities (src/server/marketplace/activities) do to billing.
export {
  afterPlanChange,
  createGrantsForNewInstance,
  defaultProvision,
  needsGrants,
  newInstanceBillingData,
  refreshPlanChanges,
  releaseChanges,
  resolveOrder,
  upgradePlanChanges,
  type Provision,
} from "./marketplace-hooks";
export { usageInfoFor } from "./usage-info";

// The usage push outbox as staff see it (/admin/usage, Setup & health).
export { sqlToUnits, unitsToSql } from "./amounts";
export { formatUsageValue } from "./push";
export { DEAD_REASONS, oldestPendingSelect, pushHealth, PUSH_STATUSES, type DeadReason, type PushAlert, type PushStatus } from "./push-health";
export { notRequeueableBecause, notRequeueableCode, requeueDeadLetter, requeuesOf, type NotRequeueableCode } from "./requeue";

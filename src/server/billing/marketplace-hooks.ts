/**
 * What the marketplace callbacks (src/server/marketplace/activities) do for billing:
 *   newInstance     store plan, SKU, expiry, trial, buyer and account; create a package's grants
 *   upgradeInstance switch the plan at once (查询订单 for the upgrade order) and re-size allowances
 *   refreshInstance trial → paid ends the trial limits
 *   releaseInstance schedule the data deletion after DATA_RETENTION_DAYS
 */
import type { Instance, Prisma, PrismaClient } from "~/generated/prisma/client";
import type { AccountMember } from "./account";
import { accountKeyOf } from "./account";
import { PACKAGE_MODES, findPlanForOrder } from "./catalog-types";
import { activeCatalog, billingConfig } from "./config";
import { createPackageGrants, syncAllowances } from "./grants";
import { effectivePlan } from "./plan-view";
import { accountKeyFor, resolveOrder, type Provision } from "./provisioning";

export { defaultProvision, resolveOrder, type Provision } from "./provisioning";

const DAY = 86_400_000;

/** Columns of a new Instance row for what the order bought; a debug instance gets its own account. */
export function newInstanceBillingData(p: Provision, instanceId: string, isTest = false) {
  return {
    planId: p.planId,
    accountKey: accountKeyFor(p, instanceId, isTest),
    customerId: p.customerId,
    linearValue: p.linearValue,
    productId: p.productId,
    skuCode: p.skuCode,
    chargingMode: p.chargingMode,
    expireAt: p.expireAt,
    trialEndsAt: p.trialEndsAt,
  };
}

/** Package plans need their grants written in the same transaction as the instance. */
export function needsGrants(p: Provision): boolean {
  const plan = activeCatalog().plans[p.planId];
  return !!plan && PACKAGE_MODES.has(plan.billingMode);
}

export async function createGrantsForNewInstance(
  tx: Prisma.TransactionClient,
  instance: Pick<Instance, "id" | "orderId" | "orderLineId" | "accountKey">,
  p: Provision,
  nowMs: number,
): Promise<void> {
  const plan = activeCatalog().plans[p.planId]!;
  await createPackageGrants(tx, {
    instanceId: instance.id,
    orderId: instance.orderId,
    orderLineId: instance.orderLineId,
    accountKey: accountKeyOf(instance),
    plan,
    validFrom: p.orderCreatedAt && p.orderCreatedAt.getTime() <= nowMs ? p.orderCreatedAt : new Date(nowMs),
    validUntil: p.expireAt,
  });
}

/**
 * The plan change an upgrade order makes, or undefined when the order was already applied, the
 * instance is unknown or released (the state machine answers those). 查询订单 failures throw
 * ORDER_UNAVAILABLE so nothing is applied and the marketplace retries.
 */
export async function upgradePlanChanges(
  prisma: PrismaClient,
  body: { instanceId: string; orderId: string; orderLineId: string; productId?: string; skuCode?: string },
  nowMs: number,
): Promise<Prisma.InstanceUpdateManyMutationInput | undefined> {
  const inst = await prisma.instance.findUnique({ where: { id: body.instanceId }, select: { status: true, planId: true } });
  if (!inst || inst.status === "RELEASED") return undefined;
  const seen = await prisma.instanceOrder.count({
    where: { instanceId: body.instanceId, activity: "upgradeInstance", orderId: body.orderId, orderLineId: body.orderLineId },
  });
  if (seen > 0) return undefined;
  const p = await resolveOrder(body, nowMs, { productId: body.productId, skuCode: body.skuCode, fallbackPlanId: inst.planId ?? undefined });
  return {
    planId: p.planId,
    ...(p.productId ? { productId: p.productId } : {}),
    ...(p.skuCode ? { skuCode: p.skuCode } : {}),
    ...(p.chargingMode ? { chargingMode: p.chargingMode } : {}),
    ...(p.linearValue !== null ? { linearValue: p.linearValue } : {}),
  };
}

/** refreshInstance: trial → paid lifts the trial limits; a new productId may select another plan. */
export function refreshPlanChanges(scene: string, productId: string | undefined): Prisma.InstanceUpdateManyMutationInput {
  const planId = productId ? findPlanForOrder(activeCatalog(), { productId }) : undefined;
  return {
    ...(scene === "TRIAL_TO_FORMAL" ? { trialEndsAt: null } : {}),
    ...(planId ? { planId } : {}),
  };
}

/** After a plan change: this month's allowances follow the new plan immediately. Idempotent. */
export async function afterPlanChange(prisma: PrismaClient, instanceId: string, nowMs: number): Promise<void> {
  const m = await prisma.instance.findUnique({
    where: { id: instanceId },
    select: { id: true, status: true, planId: true, accountKey: true, expireAt: true, trialEndsAt: true, createdAt: true, linearValue: true },
  });
  if (!m) return;
  const member: AccountMember = { ...m, linearValue: m.linearValue === null ? null : Number(m.linearValue) };
  const eff = effectivePlan(activeCatalog(), member, nowMs);
  await syncAllowances(prisma, accountKeyOf(m), eff.meters, nowMs);
}

/** releaseInstance: keep the first scheduled deletion date when the release is repeated. */
export function releaseChanges(current: Pick<Instance, "dataPurgeAfter">, nowMs: number): Prisma.InstanceUpdateManyMutationInput {
  if (current.dataPurgeAfter) return {};
  return { dataPurgeAfter: new Date(nowMs + billingConfig().retentionDays * DAY) };
}

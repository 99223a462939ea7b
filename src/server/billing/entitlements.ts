/**
 * Server-side entitlement checks for tenant calls: the instance (or its account) exists and is
 * live — not frozen, expired, past its trial or released — and the plan includes the feature.
 * Refusals are AppErrors whose zh/en messages tell the user what to do (src/server/errors.ts).
 *
 *   const ent = await assertEntitled(prisma, instanceId, { feature: "export" });
 *
 * tRPC procedures get this from featureProcedure / quotaProcedure (src/server/api/trpc.ts),
 * which take the catalog's keys as types; count quotas are taken with quotaProcedure only.
 */
import type { PrismaClient } from "~/generated/prisma/client";
import { AppError } from "~/server/errors";
import { judgeAccount, type Account, type AccountMember } from "./account";
import { freshAccount } from "./account-cache";
import type { BillingMode, PlanMeter, Text } from "./catalog-types";
import { activeCatalog, billingConfig } from "./config";
import { effectivePlan, largestQuotas, unionFeatures, type LivePlan } from "./plan-view";

export interface Entitlement {
  instanceId: string;
  accountKey: string;
  /** The plan shown to the user: the caller's when it is live, else the newest live instance's. */
  planId: string;
  planName: Text;
  billingMode: BillingMode;
  inTrial: boolean;
  status: AccountMember["status"];
  expireAt: Date | null;
  trialEndsAt: Date | null;
  features: string[];
  quotas: Record<string, number>;
  meters: Record<string, PlanMeter>;
  /** Live instances of the account (ids), oldest first. */
  liveInstanceIds: string[];
  /** The instance was created by a seller-console debug call: its usage is never billed. */
  isTest: boolean;
  /** Set when the account may not be used: the error consume/assertEntitled throw. */
  refusal?: AppError["code"];
  /** @internal for consume() and the usage summary: the live instances' effective plans. */
  livePlans: LivePlan[];
}

export interface EntitlementOptions {
  nowMs?: number;
  /**
   * The tenant (联营 organisation) asking, when there is one: a real tenant bound to a debug
   * instance (testFlag=1) is refused — debug orders never grant anything to real customers.
   */
  tenant?: { isTest: boolean };
  /** The instance's account as the caller just read it (tenantProcedure's one statement). */
  account?: Account;
}

/** Reads the entitlement without refusing (for the tenant home page). Throws INSTANCE_NOT_FOUND. */
export async function getEntitlement(prisma: PrismaClient, instanceId: string, opts: EntitlementOptions = {}): Promise<Entitlement> {
  const account = opts.account?.caller.id === instanceId ? opts.account : await freshAccount(prisma, instanceId);
  return getEntitlementFrom(account, instanceId, opts.nowMs ?? Date.now(), opts.tenant);
}

/** What a debit is decided from (consume.ts): an Entitlement without the display fields. */
export type DebitEntitlement = Pick<Entitlement, "instanceId" | "accountKey" | "planId" | "liveInstanceIds" | "isTest" | "refusal" | "livePlans">;

/** The account judged for `instanceId` at `nowMs`, and the live plan shown for it. */
function judgeFor(account: Account, instanceId: string, nowMs: number, tenant?: { isTest: boolean }): { ent: DebitEntitlement; shown: LivePlan } {
  const catalog = activeCatalog();
  const debugForReal = tenant?.isTest === false && account.caller.isTest === true;
  const judged = judgeAccount(account, nowMs, billingConfig().expiryGraceMs);
  const { live, refusal } = debugForReal ? { live: [], refusal: "DEBUG_INSTANCE" as const } : judged;
  const livePlans = live.map((member) => ({ member, eff: effectivePlan(catalog, member, nowMs) }));
  const shown =
    livePlans.find((lp) => lp.member.id === instanceId) ??
    livePlans[livePlans.length - 1] ?? { member: account.caller, eff: effectivePlan(catalog, account.caller, nowMs) };
  const ent: DebitEntitlement = {
    instanceId,
    accountKey: account.accountKey,
    planId: shown.eff.planId,
    liveInstanceIds: live.map((m) => m.id),
    isTest: account.caller.isTest === true,
    ...(refusal ? { refusal } : {}),
    livePlans,
  };
  return { ent, shown };
}

/**
 * The part of getEntitlementFrom a debit needs, judged the same way: consume() runs it for every
 * debit, so it skips the union of features, quotas and meters that only pages and tRPC show.
 */
export function debitEntitlementFrom(account: Account, instanceId: string, nowMs: number, tenant?: { isTest: boolean }): DebitEntitlement {
  return judgeFor(account, instanceId, nowMs, tenant).ent;
}

/** The entitlement of `instanceId` judged from its account's rows at `nowMs` (no database access). */
export function getEntitlementFrom(account: Account, instanceId: string, nowMs: number, tenant?: { isTest: boolean }): Entitlement {
  const { ent, shown } = judgeFor(account, instanceId, nowMs, tenant);
  const { livePlans, refusal } = ent;
  return {
    ...ent,
    planName: shown.eff.plan.name,
    billingMode: shown.eff.plan.billingMode,
    inTrial: shown.eff.inTrial,
    status: shown.member.status,
    expireAt: shown.member.expireAt,
    trialEndsAt: shown.member.trialEndsAt,
    features: refusal ? [] : unionFeatures(livePlans.map((lp) => lp.eff)),
    quotas: refusal ? {} : largestQuotas(livePlans.map((lp) => lp.eff)),
    meters: Object.assign({}, ...livePlans.map((lp) => lp.eff.meters)) as Record<string, PlanMeter>,
  };
}

/**
 * Throws INSTANCE_NOT_FOUND / INSTANCE_FROZEN / INSTANCE_EXPIRED / TRIAL_EXPIRED /
 * INSTANCE_RELEASED, or FEATURE_NOT_IN_PLAN when `feature` is given and not in the plan.
 */
export async function assertEntitled(
  prisma: PrismaClient,
  instanceId: string,
  opts: EntitlementOptions & { feature?: string } = {},
): Promise<Entitlement> {
  const ent = await getEntitlement(prisma, instanceId, opts);
  if (ent.refusal) throw new AppError(ent.refusal, `instance ${instanceId}`);
  if (opts.feature !== undefined && !ent.features.includes(opts.feature)) {
    throw new AppError("FEATURE_NOT_IN_PLAN", `feature "${opts.feature}" is not in plan ${ent.planId}`);
  }
  return ent;
}

/** The instance a Kit tenant (联营 tenantId) belongs to, and whether the tenant is a debug one. Throws NOT_FOUND. */
export async function tenantBinding(prisma: PrismaClient, tenantId: string): Promise<{ instanceId: string; tenant: { isTest: boolean } }> {
  const t = await prisma.tenant.findUnique({ where: { tenantId }, select: { instanceId: true, deletedAt: true, isTest: true } });
  if (!t?.instanceId || t.deletedAt) throw new AppError("NOT_FOUND", `tenant ${tenantId} has no instance`);
  return { instanceId: t.instanceId, tenant: { isTest: t.isTest } };
}

/** The instance a Kit tenant (联营 tenantId) belongs to. Throws NOT_FOUND. */
export async function instanceIdForTenant(prisma: PrismaClient, tenantId: string): Promise<string> {
  return (await tenantBinding(prisma, tenantId)).instanceId;
}

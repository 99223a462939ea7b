/**
 * consume(): meter usage for a tenant — check the entitlement and debit in one atomic statement,
 * shared with the concurrent debits of the same account and meter (group commit).
 *
 *   await consume(prisma, { instanceId, meter: "api_calls", amount: 1, idempotencyKey: requestId });
 *
 * Outcomes: a debit (packages/allowance drawn first, the rest billed on demand where the plan
 * allows), a replay of an earlier debit with the same idempotency key (nothing debited again), or
 * an AppError: INVALID_INPUT, INSTANCE_NOT_FOUND, INSTANCE_FROZEN/EXPIRED/RELEASED, TRIAL_EXPIRED,
 * FEATURE_NOT_IN_PLAN (meter not in the plan), QUOTA_EXCEEDED (monthly quota), PACKAGE_EXHAUSTED
 * (用完即停: not enough left, nothing debited) — these two carry the balance left as
 * `facts.remaining` — IDEMPOTENCY_CONFLICT (key reused for another debit),
 * DEBUG_INSTANCE (a real tenant bound to a seller debug instance). A debug instance's usage is
 * recorded in the ledger but never billed (no usage push).
 */
import type { PrismaClient } from "~/generated/prisma/client";
import { AppError } from "~/server/errors";
import { observeConsume } from "~/server/observability/metrics";
import { parseAmount, sqlToUnits, unitsToNumber, unitsToSql } from "./amounts";
import { activeCatalog, billingConfig } from "./config";
import { batchedDrawdown } from "./debit-batcher";
import type { DrawdownRow } from "./drawdown-sql";
import type { Account } from "./account";
import { forgetAccount, freshAccount, rememberedAccount } from "./account-cache";
import { debitEntitlementFrom, getEntitlement, tenantBinding, type DebitEntitlement, type Entitlement } from "./entitlements";
import { ensureAllowance, prepaidBalance } from "./grants";
import { meterRule, type MeterRule } from "./plan-view";

export interface ConsumeInput {
  /** The tenant's instance; or give tenantId (联营 Kit tenant) instead. */
  instanceId?: string;
  tenantId?: string;
  meter: string;
  /** > 0, at most 4 decimals. */
  amount: number | string;
  /** Unique per logical use (e.g. the request id); a repeat debits nothing. 1–128 characters. */
  idempotencyKey: string;
  nowMs?: number;
  /**
   * The instance's entitlement when this request has just read it (a tRPC procedure's
   * ctx.entitlement): consume() then skips reading the account again. Used only when it is for
   * the same instance; liveness is re-checked by the debit statement either way.
   */
  entitlement?: Entitlement;
}

export interface ConsumeResult {
  ok: true;
  debitId: string;
  /** True when this key was debited before: nothing was debited now. */
  replayed: boolean;
  meter: string;
  amount: number;
  /** Drawn from packages / the monthly allowance. */
  fromPrepaid: number;
  /** Billed on demand (pushed to the marketplace). */
  onDemand: number;
  /** Prepaid balance left for this meter; null when the meter has no limit at all. */
  remaining: number | null;
}

function validate(input: ConsumeInput): { amountUnits: number } {
  if (!input || typeof input !== "object") throw new AppError("INVALID_INPUT", "consume input is required");
  if (typeof input.meter !== "string" || !activeCatalog().meters[input.meter]) {
    throw new AppError("INVALID_INPUT", `unknown meter "${String(input.meter)}"`);
  }
  const key = input.idempotencyKey;
  if (typeof key !== "string" || key.length === 0 || key.length > 128) {
    throw new AppError("INVALID_INPUT", "idempotencyKey must be 1–128 characters");
  }
  if (!input.instanceId === !input.tenantId) throw new AppError("INVALID_INPUT", "give exactly one of instanceId and tenantId");
  return { amountUnits: parseAmount(input.amount) };
}

const refusalOf = (rule: MeterRule): "QUOTA_EXCEEDED" | "PACKAGE_EXHAUSTED" =>
  rule.kind === "allowance" ? "QUOTA_EXCEEDED" : "PACKAGE_EXHAUSTED";

/** Every outcome is counted once, debit or refusal (src/server/observability/metrics.ts). */
export const consume = (prisma: PrismaClient, input: ConsumeInput): Promise<ConsumeResult> => observeConsume(input?.meter, consumeOnce(prisma, input));

/** What consume() decides a debit from: the entitlement, and the remembered account it came from (if any). */
interface View {
  ent: DebitEntitlement;
  remembered: { fingerprint: string; instanceId: string } | null;
}

// The helpers below are module functions, not closures of consumeOnce: it runs for every debit,
// and a closure is one more allocation per call (and, under tsx, a name to define).

/** Whose view a debit takes. */
interface ViewAt {
  prisma: PrismaClient;
  instanceId: string;
  nowMs: number;
  tenant: { isTest: boolean } | undefined;
}

function viewOf(at: ViewAt, account: Account): View {
  return {
    ent: debitEntitlementFrom(account, at.instanceId, at.nowMs, at.tenant),
    remembered: account.fingerprint ? { fingerprint: account.fingerprint, instanceId: at.instanceId } : null,
  };
}

async function readView(at: ViewAt, stale?: string): Promise<View> {
  return viewOf(at, await freshAccount(at.prisma, at.instanceId, stale));
}

function ruleOf(v: View, meter: string, nowMs: number): MeterRule | null | undefined {
  return v.ent.refusal ? null : meterRule(activeCatalog(), v.ent.accountKey, v.ent.livePlans, meter, nowMs, billingConfig().usagePush.packageUsage);
}

/** Debug instances (testFlag=1) are never billed: their usage is recorded, never pushed. */
function billable(ent: DebitEntitlement, id: string | null): string | null {
  if (id === null || ent.isTest) return null;
  for (const lp of ent.livePlans) if (lp.member.isTest && lp.member.id === id) return null;
  return id;
}

async function consumeOnce(prisma: PrismaClient, input: ConsumeInput): Promise<ConsumeResult> {
  const { amountUnits } = validate(input);
  const nowMs = input.nowMs ?? Date.now();
  const binding = input.instanceId ? undefined : await tenantBinding(prisma, input.tenantId!);
  const instanceId = input.instanceId ?? binding!.instanceId;
  const tenant = binding?.tenant;

  // The account as this request's caller just read it (a tRPC procedure's ctx.entitlement), or as
  // remembered from an earlier debit (account-cache.ts: checked by the debit statement itself), or
  // read now. `stale`: the fingerprint found out of date, so a read in flight from before is not used.
  const at: ViewAt = { prisma, instanceId, nowMs, tenant };
  const given = input.entitlement?.instanceId === instanceId ? input.entitlement : undefined;
  const remembered = given ? undefined : rememberedAccount(prisma, instanceId);
  let view: View = given ? { ent: given, remembered: null } : remembered ? viewOf(at, remembered) : await readView(at);

  for (let attempt = 0; attempt < 3; attempt++) {
    let rule = ruleOf(view, input.meter, nowMs);
    // Refusals are decided on a fresh read only: a remembered account may predate an unfreeze.
    if (!rule && view.remembered) {
      view = await readView(at, view.remembered.fingerprint);
      rule = ruleOf(view, input.meter, nowMs);
    }
    const ent = view.ent;
    if (ent.refusal) throw new AppError(ent.refusal, `instance ${instanceId}`);
    if (!rule) throw new AppError("FEATURE_NOT_IN_PLAN", `meter "${input.meter}" is not in plan ${ent.planId}`);

    // Unmetered meters and on-demand overflow never refuse; allowances and 用完即停 packages do.
    const mayOverflow = rule.kind === "unmetered" || (rule.kind === "packages" && rule.overflowTo !== null);
    const request = {
      accountKey: ent.accountKey,
      meter: input.meter,
      amount: unitsToSql(amountUnits),
      idempotencyKey: input.idempotencyKey,
      instanceId,
      now: new Date(nowMs),
      liveInstanceIds: ent.liveInstanceIds,
      shortfall: mayOverflow ? ("overflow" as const) : ("refuse" as const),
      overflowTo: rule.kind === "packages" ? billable(ent, rule.overflowTo) : null,
      // "self" (用完即停): the statement itself leaves a debug package's draws unbilled.
      packageBilledTo: rule.kind !== "packages" || ent.isTest ? null : rule.packageBilledTo === "self" ? "self" : billable(ent, rule.packageBilledTo),
      requiredGrantKey: rule.kind === "allowance" ? rule.grantKey : null,
      remembered: view.remembered,
    };

    // Joins concurrent debits of this account and meter in one statement (debit-batcher.ts).
    const row = await batchedDrawdown(prisma, request, { injectedNow: input.nowMs !== undefined });
    if (row.debitId) return debited(row, input.meter, amountUnits, rule);
    if (row.priorId) return replay(prisma, row, input, amountUnits, ent.accountKey, nowMs, rule);
    if (row.stale) {
      // Changed since remembered (by this process or another): read it again (which replaces
      // what is remembered) and retry.
      view = await readView(at, view.remembered?.fingerprint);
      continue;
    }
    if (row.live === 0) {
      // Frozen or released between our read and the statement.
      forgetAccount(prisma, instanceId);
      const again = await getEntitlement(prisma, instanceId, { nowMs });
      throw new AppError(again.refusal ?? "INSTANCE_FROZEN", `instance ${instanceId}`);
    }
    if (rule.kind === "allowance" && row.requiredGrantFound === 0) {
      await ensureAllowance(prisma, ent.accountKey, input.meter, rule);
      continue;
    }
    if (mayOverflow || sqlToUnits(row.available) >= amountUnits) {
      // Lost a race against the same idempotency key: the other call's debit is the answer.
      const prior = await prisma.usageDebit.findUnique({
        where: { accountKey_idempotencyKey: { accountKey: ent.accountKey, idempotencyKey: input.idempotencyKey } },
        select: { id: true, meter: true, amount: true },
      });
      if (prior) {
        return replay(prisma, { ...row, priorId: prior.id, priorMeter: prior.meter, priorAmount: prior.amount.toFixed(4) }, input, amountUnits, ent.accountKey, nowMs, rule);
      }
      continue;
    }
    const left = sqlToUnits(row.available);
    throw new AppError(refusalOf(rule), `${input.meter}: ${unitsToSql(left)} left, ${unitsToSql(amountUnits)} asked`, { facts: { remaining: unitsToNumber(Math.max(0, left)) } });
  }
  throw new AppError("PROCESSING", "debit could not be completed; retry with the same idempotency key");
}

function debited(row: DrawdownRow, meter: string, amountUnits: number, rule: MeterRule): ConsumeResult {
  const fromGrants = sqlToUnits(row.fromGrants);
  return {
    ok: true,
    debitId: row.debitId!,
    replayed: false,
    meter,
    amount: unitsToNumber(amountUnits),
    fromPrepaid: unitsToNumber(fromGrants),
    onDemand: rule.kind === "unmetered" ? 0 : unitsToNumber(amountUnits - fromGrants),
    remaining: rule.kind === "unmetered" ? null : unitsToNumber(Math.max(0, sqlToUnits(row.available) - fromGrants)),
  };
}

async function replay(
  prisma: PrismaClient,
  row: DrawdownRow,
  input: ConsumeInput,
  amountUnits: number,
  accountKey: string,
  nowMs: number,
  rule: MeterRule,
): Promise<ConsumeResult> {
  if (row.priorMeter !== input.meter || sqlToUnits(row.priorAmount) !== amountUnits) {
    throw new AppError("IDEMPOTENCY_CONFLICT", `key ${input.idempotencyKey} was used for ${row.priorAmount} ${row.priorMeter}`);
  }
  const parts = await prisma.usageEntry.findMany({ where: { debitId: row.priorId! }, select: { amount: true, grantId: true } });
  const fromGrants = parts.filter((p) => p.grantId).reduce((s, p) => s + sqlToUnits(p.amount.toFixed(4)), 0);
  const billed = rule.kind === "unmetered" ? 0 : amountUnits - fromGrants;
  return {
    ok: true,
    debitId: row.priorId!,
    replayed: true,
    meter: input.meter,
    amount: unitsToNumber(amountUnits),
    fromPrepaid: unitsToNumber(fromGrants),
    onDemand: unitsToNumber(billed),
    remaining: rule.kind === "unmetered" ? null : unitsToNumber(await prepaidBalance(prisma, accountKey, input.meter, nowMs)),
  };
}

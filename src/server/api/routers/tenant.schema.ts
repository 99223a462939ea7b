/**
 * What the tenant pages may show: explicit selects and output schemas, so a new column (a
 * secret, a billing internal) never reaches a customer by accident.
 */
import { z } from "zod";
import type { FeatureKey, MeterKey, QuotaKey } from "~/server/billing";
import type { Prisma } from "~/generated/prisma/client";

export const meUserSelect = {
  userName: true,
  name: true,
  role: true,
  orgCode: true,
} as const satisfies Prisma.TenantUserSelect;

export const meInstanceSelect = {
  id: true,
  status: true,
  expireAt: true,
  isTest: true,
} as const satisfies Prisma.InstanceSelect;

const text = z.object({ zh: z.string(), en: z.string() });

const purchaseNotice = z.discriminatedUnion("kind", [
  z.object({ kind: z.enum(["frozen", "expired", "trialEnded", "released"]), since: z.date().nullable() }),
  z.object({ kind: z.literal("usedUp"), meter: z.string(), quota: z.number() }),
  z.object({ kind: z.literal("allowanceUsedUp"), meter: z.string(), quota: z.number(), resetsAt: z.date() }),
  z.object({
    kind: z.literal("runningLow"),
    meter: z.string(),
    remaining: z.number(),
    quota: z.number(),
    source: z.enum(["packages", "allowance"]),
    resetsAt: z.date().nullable(),
  }),
  z.object({ kind: z.literal("trialEnding"), endsAt: z.date() }),
]);

/** tenant.usage: the home page's plan, quota bars, package balances and usage chart. */
export const usageOutput = z.object({
  instanceId: z.string(),
  plan: z.object({ id: z.string(), name: text, billingMode: z.string(), inTrial: z.boolean() }),
  status: z.string(),
  expireAt: z.date().nullable(),
  trialEndsAt: z.date().nullable(),
  /** Set when the instance may not be used now: what the user reads, in both languages. */
  refusal: z.object({ code: z.string(), message: text }).nullable(),
  features: z.array(z.object({ key: z.string(), name: text, included: z.boolean() })),
  quotas: z.array(z.object({ key: z.string(), name: text, limit: z.number(), used: z.number() })),
  meters: z.array(
    z.object({
      meter: z.string(),
      name: text,
      unit: text,
      unitOne: text,
      rule: z.enum(["allowance", "packages", "on-demand", "unmetered", "none"]),
      /** Prepaid balance left over all grants; null when the meter has no prepaid limit. */
      remaining: z.number().nullable(),
      grants: z.array(
        z.object({ kind: z.string(), sourceInstanceId: z.string(), quota: z.number(), used: z.number(), remaining: z.number(), validUntil: z.date().nullable() }),
      ),
      usedThisPeriod: z.number(),
      /** Usage no package or allowance covered, billed on demand; prepaid usage never counts here. */
      onDemandThisPeriod: z.number(),
    }),
  ),
  period: z.object({ start: z.date(), end: z.date() }),
  daily: z.array(z.object({ day: z.string(), meter: z.string(), amount: z.number() })),
  /** The badge and the banners (src/server/billing/purchase-state.ts). */
  state: z.object({ status: z.string(), notices: z.array(purchaseNotice) }),
});
export type UsageView = z.infer<typeof usageOutput>;

/** The metered demo feature: N calls of the product's API, debited as one all-or-nothing use. */
export const callApiInput = z.object({
  count: z.number().int().min(1).max(1000),
  /** Client-generated per click: a retried or double-sent request debits once. */
  requestId: z.uuid(),
});

export const callApiOutput = z.object({
  replayed: z.boolean(),
  served: z.number(),
  fromPrepaid: z.number(),
  onDemand: z.number(),
  remaining: z.number().nullable(),
  servedAt: z.date(),
});

/** The one meter the demo feature uses; a key of the catalog's meters. */
export const API_CONSOLE_METER = "api_calls" satisfies MeterKey;
/** The plan feature that unlocks it. */
export const API_CONSOLE_FEATURE = "api" satisfies FeatureKey;
/** The count quota shown as the tenant's synced users (a key of the catalog's quotas). */
export const SEAT_QUOTA = "seats" satisfies QuotaKey;

/**
 * What the tenant pages may show: explicit selects and output schemas, so a new column (a
 * secret, a billing internal) never reaches a customer by accident.
 */
import { z } from "zod";
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
      rule: z.enum(["allowance", "packages", "on-demand", "unmetered", "none"]),
      /** Prepaid balance left over all grants; null when the meter has no prepaid limit. */
      remaining: z.number().nullable(),
      grants: z.array(
        z.object({ kind: z.string(), sourceInstanceId: z.string(), quota: z.number(), used: z.number(), remaining: z.number(), validUntil: z.date().nullable() }),
      ),
      usedThisPeriod: z.number(),
      billedThisPeriod: z.number(),
    }),
  ),
  period: z.object({ start: z.date(), end: z.date() }),
  daily: z.array(z.object({ day: z.string(), meter: z.string(), amount: z.number() })),
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
export const API_CONSOLE_METER = "api_calls";
/** The plan feature that unlocks it. */
export const API_CONSOLE_FEATURE = "api";

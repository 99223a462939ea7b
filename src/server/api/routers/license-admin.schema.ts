/**
 * Inputs, shared selects and explicit outputs of the staff License view: exactly these fields
 * leave the server.
 */
import { z } from "zod";
import type { Prisma } from "~/generated/prisma/client";
import { isValidCompactUtc } from "~/koogallery/time";
import { zOffsetPage, zSearch, zWindow } from "./list-window";

export const LICENSE_CODE_STATUSES = ["ACTIVE", "FROZEN", "RELEASED"] as const;

const code = z.string().trim().min(1).max(64);

export const ZLicenseListInput = z.object({
  status: z.enum(LICENSE_CODE_STATUSES).optional(),
  /** Part of the code, its latest order or line id, or its product id. */
  search: zSearch,
  /** createdAt (first seen) in [from, to). */
  ...zWindow,
  includeTest: z.boolean().default(true),
  ...zOffsetPage,
});
export type LicenseListInput = z.input<typeof ZLicenseListInput>;

export const ZLicenseDetailInput = z.object({ license: code });

export const ZLicenseActivateInput = z.object({
  license: code,
  /** yyyyMMddHHmmss (UTC): the service start, if not now. */
  realEffectTime: z.string().regex(/^\d{14}$/, "must be yyyyMMddHHmmss").refine(isValidCompactUtc, "must be a real date and time").optional(),
});

export const ZLicenseHeartbeatInput = z.object({ license: code });

export const licenseCodeSelect = {
  license: true,
  status: true,
  productId: true,
  orderId: true,
  orderLineId: true,
  expireAt: true,
  isTest: true,
  firstSeenVia: true,
  createdAt: true,
  updatedAt: true,
  frozenAt: true,
  releasedAt: true,
  activatedAt: true,
  lastActivateAt: true,
  lastActivateCode: true,
  lastHeartbeatAt: true,
  lastHeartbeatCode: true,
  lastHeartbeatStatus: true,
  lastHeartbeatAnswer: true,
} as const satisfies Prisma.LicenseCodeSelect;

export const licenseOrderSelect = {
  activity: true,
  scene: true,
  orderId: true,
  orderLineId: true,
  productId: true,
  expireAt: true,
  isTest: true,
  appliedAt: true,
} as const satisfies Prisma.LicenseOrderSelect;

export const licenseTransitionSelect = {
  id: true,
  activity: true,
  event: true,
  fromStatus: true,
  toStatus: true,
  accepted: true,
  isTest: true,
  reason: true,
  reasonCode: true,
  callId: true,
  createdAt: true,
} as const satisfies Prisma.LicenseTransitionSelect;

export const licenseCallSelect = {
  id: true,
  activity: true,
  resultCode: true,
  resultMsg: true,
  isTest: true,
  path: true,
  receivedAt: true,
} as const satisfies Prisma.MarketplaceCallSelect;

const status = z.enum(LICENSE_CODE_STATUSES);
const date = z.date();
const maybe = <T extends z.ZodType>(t: T) => t.nullable();

export const ZLicenseCode = z.object({
  license: z.string(),
  status,
  productId: maybe(z.string()),
  orderId: maybe(z.string()),
  orderLineId: maybe(z.string()),
  expireAt: maybe(date),
  isTest: z.boolean(),
  firstSeenVia: z.string(),
  createdAt: date,
  updatedAt: date,
  frozenAt: maybe(date),
  releasedAt: maybe(date),
  activatedAt: maybe(date),
  lastActivateAt: maybe(date),
  lastActivateCode: maybe(z.string()),
  lastHeartbeatAt: maybe(date),
  lastHeartbeatCode: maybe(z.string()),
  lastHeartbeatStatus: maybe(z.string()),
  lastHeartbeatAnswer: z.unknown(),
});

export const ZLicenseListOutput = z.object({
  items: z.array(
    ZLicenseCode.extend({
      /** License callbacks in the call log for this code (refused ones included). */
      callbacks: z.number().int().min(0),
      lastCallbackAt: maybe(date),
      refusedTransitions: z.number().int().min(0),
    }),
  ),
  /** Codes matching the filter, over all pages. */
  total: z.number().int().min(0),
});

export const ZLicenseDetailOutput = ZLicenseCode.extend({
  orders: z.array(z.object({
    activity: z.string(),
    scene: z.string(),
    orderId: z.string(),
    orderLineId: z.string(),
    productId: maybe(z.string()),
    expireAt: maybe(date),
    isTest: z.boolean(),
    appliedAt: date,
  })),
  transitions: z.array(z.object({
    id: z.string(),
    activity: z.string(),
    event: z.string(),
    fromStatus: maybe(status),
    toStatus: maybe(status),
    accepted: z.boolean(),
    isTest: z.boolean(),
    reason: maybe(z.string()),
    /** What the console words the reason by (src/server/lifecycle/reasons.ts). */
    reasonCode: maybe(z.string()),
    callId: maybe(z.string()),
    createdAt: date,
  })),
  /** The latest License callbacks for this code, newest first. */
  calls: z.array(z.object({
    id: z.string(),
    activity: maybe(z.string()),
    resultCode: maybe(z.string()),
    resultMsg: maybe(z.string()),
    isTest: z.boolean(),
    path: z.string(),
    receivedAt: date,
  })),
});

export const ZLicenseApiOutcome = z.discriminatedUnion("ok", [
  z.object({ ok: z.literal(true), code: z.string(), message: z.string(), status: maybe(z.string()), expireAt: maybe(date) }),
  z.object({ ok: z.literal(false), code: z.string(), kind: z.string(), message: z.string(), retryable: z.boolean() }),
]);

export const CALLS_SHOWN = 50;

/**
 * Whether Activate / Heartbeat can be called at all (licenseAdmin.openApi): without
 * KOOGALLERY_OPENAPI_AK/SK they are refused before any call, so the page disables them and shows
 * `reason` — the refusal they would get (LICENSE_API_NOT_CONFIGURED), in both languages.
 */
export const ZLicenseOpenApiOutput = z.object({
  configured: z.boolean(),
  reason: z.object({ code: z.literal("LICENSE_API_NOT_CONFIGURED"), message: z.object({ zh: z.string(), en: z.string() }) }).nullable(),
});

/**
 * zod schemas for the V2 base-interface request bodies (one per `activity`) and for the responses
 * the server returns.
 *
 * Spec: docs/protocol/base-interface.md#activities
 * (field names, M/O, max lengths, enums), docs/protocol/base-interface.md#testflag (testFlag "1" = debug, absent/"0" = normal), docs/protocol/base-interface.md#queryinstance
 * (queryInstance: comma-separated ids, at most 100; AppInfo/UsageInfo limits), docs/protocol/base-interface.md#refreshinstance (expireTime
 * 14 digits, 17 in the example), docs/protocol/base-interface.md#upgradeinstance (upgradeInstance; V1 name `upgrade` accepted), docs/protocol/base-interface.md#changeinstancecheck
 * (changeInstanceCheck productInfo: object, fields unconfirmed). Unknown fields always pass: the
 * marketplace adds fields over time.
 */
import { z } from 'zod';
import { parseJsonValue } from './json-parser';
import { isResultCode, RESULT_MSG_MAX_LENGTH } from './result-codes';
import {
  dropTopLevelNulls,
  enumField,
  formatIssues,
  isPlainObject,
  optionalString,
  requiredString,
} from './schema-helpers';
import { InvalidTimeError, parseCompactUtc } from './time';

// ---------------------------------------------------------------------------------------------
// Shared fields

/**
 * "1" = debug call from the seller console; absent means "0". Numbers 0/1 are normalised, and the
 * empty string is "0" as the official demo counts it (docs/protocol/base-interface.md#testflag):
 * refusing it would fail a console that sends it on every production call.
 */
export const testFlagSchema = z
  .union([z.literal('0'), z.literal('1'), z.literal(0), z.literal(1), z.literal('')], { error: 'must be "0" or "1"' })
  .transform((v) => (v === '' ? '0' : String(v)) as '0' | '1')
  .default('0');

const id64 = requiredString(64);

/** `yyyyMMddHHmmss` (documented) or `yyyyMMddHHmmssSSS` (sent in the example), a real UTC date. */
export const compactUtcSchema = (max: number) =>
  requiredString(max).superRefine((v, ctx) => {
    try {
      parseCompactUtc(v);
    } catch (err) {
      const detail = err instanceof InvalidTimeError ? err.message : 'invalid time';
      ctx.addIssue({ code: 'custom', message: `must be yyyyMMddHHmmss or yyyyMMddHHmmssSSS (UTC): ${detail}` });
    }
  });

export const MAX_QUERY_INSTANCE_IDS = 100;

/** Split queryInstance's comma list; surrounding spaces trimmed, duplicates removed, order kept. */
export function splitInstanceIds(value: string): string[] {
  return [...new Set(value.split(',').map((s) => s.trim()))];
}

// No overall length cap: the "100" in the doc's length column is the id count (100 ids of 64 chars
// cannot fit in 100 characters), so count and per-id length are checked instead.
const instanceIdList = z
  .string({ error: (iss) => (iss.input === undefined ? 'is required' : 'must be a string') })
  .min(1, { error: 'must not be empty', abort: true })
  .superRefine((v, ctx) => {
  const ids = v.split(',').map((s) => s.trim());
  if (ids.length > MAX_QUERY_INSTANCE_IDS) {
    ctx.addIssue({ code: 'custom', message: `must hold at most ${MAX_QUERY_INSTANCE_IDS} ids (got ${ids.length})` });
    return;
  }
  ids.forEach((id, i) => {
    if (id === '') ctx.addIssue({ code: 'custom', message: `id #${i + 1} is empty` });
    else if (id.length > 64) ctx.addIssue({ code: 'custom', message: `id #${i + 1} must be at most 64 characters` });
  });
});

/** A JSON object, or a string holding one (extension data often travels as JSON text). */
const jsonObject = z.preprocess(
  (v) => {
    if (typeof v !== 'string') return v;
    try {
      return parseJsonValue(v);
    } catch {
      return v;
    }
  },
  z.object({}, { error: (iss) => (iss.input === undefined ? 'is required' : 'must be a JSON object') }).loose(),
);

// ---------------------------------------------------------------------------------------------
// Request schemas (activity field already canonical when these run)

export const newInstanceSchema = z
  .object({
    activity: z.literal('newInstance'),
    orderId: id64,
    orderLineId: id64,
    businessId: id64,
    testFlag: testFlagSchema,
  })
  .loose();

export const queryInstanceSchema = z
  .object({
    activity: z.literal('queryInstance'),
    instanceId: instanceIdList,
    testFlag: testFlagSchema,
  })
  .loose()
  .transform((o) => ({ ...o, instanceIds: splitInstanceIds(o.instanceId) }));

export const REFRESH_SCENES = ['TRIAL_TO_FORMAL', 'RENEWAL', 'UNSUBSCRIBE_RENEWAL_PERIOD', 'RENEWAL_CHANGE'] as const;

export const refreshInstanceSchema = z
  .object({
    activity: z.literal('refreshInstance'),
    scene: enumField(REFRESH_SCENES),
    orderId: id64,
    orderLineId: id64,
    instanceId: id64,
    productId: optionalString(64),
    expireTime: compactUtcSchema(20),
    testFlag: testFlagSchema,
  })
  .loose();

export const INSTANCE_STATUSES = ['FREEZE', 'UNFREEZE'] as const;

export const updateInstanceStatusSchema = z
  .object({
    activity: z.literal('updateInstanceStatus'),
    instanceId: id64,
    status: enumField(INSTANCE_STATUSES),
    testFlag: testFlagSchema,
  })
  .loose();

export const releaseInstanceSchema = z
  .object({
    activity: z.literal('releaseInstance'),
    instanceId: id64,
    orderId: optionalString(64),
    orderLineId: optionalString(64),
    testFlag: testFlagSchema,
  })
  .loose();

/**
 * A V1-only extra field (docs/protocol/base-interface.md#upgradeinstance): used when it is a
 * string, ignored when it is of another type (as before), refused when longer than `max` (the
 * column it is stored in).
 */
const v1String = (max: number) => z.preprocess((v) => (typeof v === 'string' ? v : undefined), optionalString(max));

export const upgradeInstanceSchema = z
  .object({
    activity: z.literal('upgradeInstance'),
    instanceId: id64,
    orderId: id64,
    orderLineId: id64,
    // V1 `productId` / `skuCode`: String(64) like everywhere else (Instance.productId/skuCode).
    productId: v1String(64),
    skuCode: v1String(64),
    testFlag: testFlagSchema,
  })
  .loose();

export const changeInstanceCheckSchema = z
  .object({
    activity: z.literal('changeInstanceCheck'),
    instanceId: id64,
    productInfo: jsonObject,
    testFlag: testFlagSchema,
  })
  .loose();

export const ACTIVITY_SCHEMAS = {
  newInstance: newInstanceSchema,
  queryInstance: queryInstanceSchema,
  refreshInstance: refreshInstanceSchema,
  updateInstanceStatus: updateInstanceStatusSchema,
  releaseInstance: releaseInstanceSchema,
  upgradeInstance: upgradeInstanceSchema,
  changeInstanceCheck: changeInstanceCheckSchema,
} as const;

export type CanonicalActivity = keyof typeof ACTIVITY_SCHEMAS;
export const ACTIVITIES = Object.keys(ACTIVITY_SCHEMAS) as CanonicalActivity[];

/** Other spellings seen on the wire: V1's `upgrade` (docs/protocol/base-interface.md#upgradeinstance). */
export const ACTIVITY_ALIASES: Readonly<Record<string, CanonicalActivity>> = { upgrade: 'upgradeInstance' };

export type NewInstanceRequest = z.output<typeof newInstanceSchema>;
export type QueryInstanceRequest = z.output<typeof queryInstanceSchema>;
export type RefreshInstanceRequest = z.output<typeof refreshInstanceSchema>;
export type UpdateInstanceStatusRequest = z.output<typeof updateInstanceStatusSchema>;
export type ReleaseInstanceRequest = z.output<typeof releaseInstanceSchema>;
export type UpgradeInstanceRequest = z.output<typeof upgradeInstanceSchema>;
export type ChangeInstanceCheckRequest = z.output<typeof changeInstanceCheckSchema>;

export type ActivityRequest = { [A in CanonicalActivity]: { activity: A; data: z.output<(typeof ACTIVITY_SCHEMAS)[A]> } }[CanonicalActivity];

export type ParsedActivityBody = ({ ok: true } & ActivityRequest) | { ok: false; resultCode: '000002'; message: string };

export function resolveActivity(name: unknown): CanonicalActivity | null {
  if (typeof name !== 'string') return null;
  if (Object.prototype.hasOwnProperty.call(ACTIVITY_SCHEMAS, name)) return name as CanonicalActivity;
  return Object.prototype.hasOwnProperty.call(ACTIVITY_ALIASES, name) ? ACTIVITY_ALIASES[name]! : null;
}

const supportedList = `supported: ${ACTIVITIES.join(', ')} (alias: upgrade)`;

/**
 * Validate a parsed body (use parseJsonValue on the raw text so validation sees what was signed).
 * Top-level nulls count as absent; `activity` is replaced by its canonical name.
 */
export function parseActivityBody(json: unknown): ParsedActivityBody {
  if (!isPlainObject(json)) return { ok: false, resultCode: '000002', message: 'body: must be a JSON object' };
  const body = dropTopLevelNulls(json);
  if (body.activity === undefined) return { ok: false, resultCode: '000002', message: `activity: is required; ${supportedList}` };
  const activity = resolveActivity(body.activity);
  if (!activity) {
    const got = typeof body.activity === 'string' ? JSON.stringify(body.activity.slice(0, 40)) : typeof body.activity;
    return { ok: false, resultCode: '000002', message: `activity: unsupported activity ${got}; ${supportedList}` };
  }
  const parsed = ACTIVITY_SCHEMAS[activity].safeParse({ ...body, activity });
  if (!parsed.success) return { ok: false, resultCode: '000002', message: formatIssues(parsed.error) };
  return { ok: true, activity, data: parsed.data } as ParsedActivityBody;
}

// ---------------------------------------------------------------------------------------------
// Response schemas (strict: they check what we send, so a misspelt field is an error)

const httpUrl = (max: number) =>
  requiredString(max).refine((v) => /^https?:\/\/[^\s]+$/i.test(v), { error: 'must be an http(s) URL' });

export const appInfoSchema = z.strictObject({
  frontEndUrl: httpUrl(512),
  adminUrl: httpUrl(512).optional(),
  userName: requiredString(128).optional(),
  password: requiredString(128).optional(),
  memo: z.string().max(1024, { error: 'must be at most 1024 characters' }).optional(),
});

/** Double(12,4): non-negative, at most 8 integer and 4 decimal digits. */
export const usageValueSchema = z
  .number({ error: 'must be a number' })
  .refine((v) => Number.isFinite(v) && v >= 0 && v < 1e8, { error: 'must be between 0 and 99999999.9999' })
  .refine((v) => Math.abs(v * 1e4 - Math.round(v * 1e4)) < 1e-6, { error: 'must have at most 4 decimals' });

export const usageInfoSchema = z.strictObject({
  relatedInstanceId: requiredString(64).optional(),
  usageValue: usageValueSchema,
  statisticalTime: compactUtcSchema(17).refine((v) => v.length === 17, { error: 'must be yyyyMMddHHmmssSSS' }),
  dashboardUrl: httpUrl(512).optional(),
});

export const instanceInfoSchema = z.strictObject({
  instanceId: requiredString(64),
  appInfo: appInfoSchema.optional(),
  usageInfo: z.array(usageInfoSchema).optional(),
});

const resultCodeSchema = z.string().refine(isResultCode, { error: 'must be a documented result code' });
const resultMsgSchema = z.string().max(RESULT_MSG_MAX_LENGTH, { error: `must be at most ${RESULT_MSG_MAX_LENGTH} characters` });

/** Plain `{resultCode, resultMsg}` (refresh/updateStatus/release/upgrade/changeCheck, kit). */
export const basicResponseSchema = z.strictObject({ resultCode: resultCodeSchema, resultMsg: resultMsgSchema.optional() });

/** newInstance: instanceId is mandatory on success (000000) and async acceptance (000004). */
export const newInstanceResponseSchema = z
  .strictObject({
    resultCode: resultCodeSchema,
    resultMsg: resultMsgSchema.optional(),
    instanceId: requiredString(64).optional(),
    // V1 fields, kept possible behind config (docs/protocol/base-interface.md#credential-encryption).
    encryptType: z.enum(['1', '2']).optional(),
    appInfo: appInfoSchema.optional(),
  })
  .superRefine((r, ctx) => {
    if ((r.resultCode === '000000' || r.resultCode === '000004') && !r.instanceId) {
      ctx.addIssue({ code: 'custom', path: ['instanceId'], message: 'is required when resultCode is 000000 or 000004' });
    }
  });

export const queryInstanceResponseSchema = z.strictObject({
  resultCode: resultCodeSchema,
  resultMsg: resultMsgSchema.optional(),
  encryptType: z.enum(['1', '2']).optional(),
  info: z.array(instanceInfoSchema).optional(),
});

export type AppInfo = z.input<typeof appInfoSchema>;
export type UsageInfo = z.input<typeof usageInfoSchema>;
export type InstanceInfo = z.input<typeof instanceInfoSchema>;
export type NewInstanceResponse = z.input<typeof newInstanceResponseSchema>;
export type QueryInstanceResponse = z.input<typeof queryInstanceResponseSchema>;

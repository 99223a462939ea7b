/**
 * zod schemas for the five 联营 Kit sync bodies, POSTed to `{生产地址}/produceAPI/v2/<kind>`.
 *
 * Spec: docs/protocol/kit.md#signature (paths, no `activity`, timeStamp `yyyyMMddHHmmssSSS` UTC+8, integer
 * flag/testFlag, instanceId/orderId empty while the seller debugs), docs/protocol/kit.md#tenantsync … #allorgsync (fields) and README.md
 * docs/protocol/README.md#d4: `userList`/`orgInfoList` may be a JSON array or a JSON string (the published allOrgSync
 * example even uses unquoted keys inside the string); user extension fields (employeeType, workPlace,
 * entryDate) are read from the top level or from `extension`. Unknown fields pass.
 */
import { z } from 'zod';
import { parseJsonValue } from './json-parser';
import {
  dropTopLevelNulls,
  enumField,
  formatIssues,
  intFlag,
  isPlainObject,
  optionalString,
  possiblyEmptyString,
  requiredString,
} from './schema-helpers';
import { InvalidTimeError, parseKitTimestamp } from './time';

export const KIT_KINDS = ['tenantSync', 'applicationSync', 'authSync', 'singleOrgSync', 'allOrgSync'] as const;
export type KitKind = (typeof KIT_KINDS)[number];

export const KIT_PATH_PREFIX = '/produceAPI/v2/';

/** `/produceAPI/v2/tenantSync` etc. — the marketplace appends these to the production address. */
export function kitPath(kind: KitKind): string {
  return KIT_PATH_PREFIX + kind;
}

/** Kit kind from a request path; the production address may itself have a path prefix. */
export function kitKindFromPath(pathname: string): KitKind | null {
  const m = /\/produceAPI\/v2\/([A-Za-z]+)\/?$/.exec(pathname);
  return m && (KIT_KINDS as readonly string[]).includes(m[1]!) ? (m[1] as KitKind) : null;
}

export const MAX_USERS_PER_SYNC = 500;
/** Not documented; a generous cap so one call cannot carry an unbounded list. */
export const MAX_ORGS_PER_SYNC = 10_000;

// ---------------------------------------------------------------------------------------------
// Shared fields

const kitTime = requiredString(17).superRefine((v, ctx) => {
  try {
    parseKitTimestamp(v);
  } catch (err) {
    const detail = err instanceof InvalidTimeError ? err.message : 'invalid time';
    ctx.addIssue({ code: 'custom', message: `must be yyyyMMddHHmmssSSS (UTC+8): ${detail}` });
  }
});

const common = {
  /** Documented mandatory, but empty (or absent) while the seller applies for a credential. */
  instanceId: possiblyEmptyString(64).default(''),
  testFlag: intFlag([0, 1] as const).default(0),
  timeStamp: kitTime,
};

/** Parse a list sent as JSON text: strict JSON first, then the lenient unquoted-key form. */
function parseListText(text: string): unknown {
  try {
    return parseJsonValue(text);
  } catch {
    try {
      return parseJsonValue(text, { allowUnquotedKeys: true });
    } catch {
      return text; // left as a string: the array schema reports "must be a JSON array"
    }
  }
}

function jsonList<T extends z.ZodType>(item: T, max: number) {
  return z.preprocess(
    (v) => (typeof v === 'string' ? parseListText(v) : v),
    z
      .array(item, { error: (iss) => (iss.input === undefined ? 'is required' : 'must be a JSON array (or a string holding one)') })
      .max(max, { error: `must hold at most ${max} entries` }),
  );
}

// ---------------------------------------------------------------------------------------------
// 企业同步 tenantSync

export const tenantSyncSchema = z
  .object({
    ...common,
    orderId: possiblyEmptyString(64).default(''),
    tenantId: requiredString(64),
    tenantCode: requiredString(64),
    name: requiredString(255),
    domainName: requiredString(255),
    flag: intFlag([0, 1, 2] as const),
  })
  .loose();

// ---------------------------------------------------------------------------------------------
// 应用同步 applicationSync

export const applicationSyncSchema = z
  .object({
    ...common,
    tenantId: requiredString(64),
    appId: requiredString(64),
    clientId: requiredString(64),
    /** RSA-OAEP ciphertext (Base64); a 4096-bit key gives 684 characters. */
    clientSecret: z.string({ error: 'must be a string' }).max(4096, { error: 'must be at most 4096 characters' }).optional(),
    flag: intFlag([0, 1, 2] as const),
  })
  .loose()
  .superRefine((o, ctx) => {
    // A delete need not carry the secret; add/modify must.
    if (o.flag !== 0 && !o.clientSecret) ctx.addIssue({ code: 'custom', path: ['clientSecret'], message: 'is required unless flag is 0' });
  });

// ---------------------------------------------------------------------------------------------
// 用户授权同步 authSync

const EXTENSION_FIELDS = ['employeeType', 'workPlace', 'entryDate'] as const;

function parseExtension(v: unknown): unknown {
  if (typeof v !== 'string') return v;
  if (v.trim() === '') return undefined;
  try {
    return parseJsonValue(v);
  } catch {
    return v;
  }
}

/** Lift extension fields to the top level when the top level lacks them (V1 nests them). */
function liftExtension(raw: unknown): unknown {
  if (!isPlainObject(raw)) return raw;
  const user = dropTopLevelNulls(raw);
  const extension = parseExtension(user.extension);
  if (extension !== undefined) user.extension = extension;
  if (isPlainObject(extension)) {
    for (const field of EXTENSION_FIELDS) {
      if (user[field] === undefined && extension[field] !== undefined && extension[field] !== null) user[field] = extension[field];
    }
  }
  return user;
}

const roleSchema = z
  .string({ error: (iss) => (iss.input === undefined ? 'is required' : 'must be one of user, admin') })
  .transform((v) => v.trim().toLowerCase())
  .pipe(enumField(['user', 'admin'] as const));

/** `enable` is documented as the string "true"/"false"; a JSON boolean is accepted too. */
const enableSchema = z
  .union([z.boolean(), z.enum(['true', 'false', 'TRUE', 'FALSE', 'True', 'False'])], {
    error: (iss) => (iss.input === undefined ? 'is required' : 'must be "true" or "false"'),
  })
  .transform((v) => (typeof v === 'boolean' ? v : v.toLowerCase() === 'true'));

export const kitUserSchema = z.preprocess(
  liftExtension,
  z
    .object(
      {
        userName: requiredString(64),
        name: possiblyEmptyString(64),
        orgCode: possiblyEmptyString(64).default(''),
        position: optionalString(64),
        employeeCode: optionalString(64),
        employeeType: intFlag([1, 2, 3, 4] as const).optional(),
        role: roleSchema,
        enable: enableSchema,
        mobile: optionalString(32),
        email: optionalString(128),
        // Length cut off in the V2 page; 255 is a generous bound.
        workPlace: optionalString(255),
        // V1 format yyyy-MM-d; kept as text.
        entryDate: optionalString(32),
        extension: z.object({}, { error: 'must be a JSON object' }).loose().optional(),
      },
      { error: 'must be a JSON object' },
    )
    .loose(),
);

export const authSyncSchema = z
  .object({
    ...common,
    tenantId: requiredString(64),
    appId: requiredString(64),
    userList: jsonList(kitUserSchema, MAX_USERS_PER_SYNC),
    currentSyncTime: kitTime,
    /** 0 删除, 1 新增, 2 修改, 3 取消授权 */
    flag: intFlag([0, 1, 2, 3] as const),
  })
  .loose();

// ---------------------------------------------------------------------------------------------
// 部门增量同步 singleOrgSync / 部门全量同步 allOrgSync

export const singleOrgSyncSchema = z
  .object({
    ...common,
    tenantId: requiredString(64),
    orgCode: requiredString(64),
    orgName: requiredString(128),
    /** Empty for a top-level department. */
    parentCode: optionalString(64),
    flag: intFlag([0, 1, 2] as const),
  })
  .loose();

export const orgInfoSchema = z.preprocess(
  (v) => {
    // V1 sent `name` instead of `orgName`.
    if (isPlainObject(v) && v.orgName === undefined && typeof v.name === 'string') return { ...v, orgName: v.name };
    return v;
  },
  z
    .object({ orgCode: requiredString(64), orgName: requiredString(128), parentCode: optionalString(64) }, { error: 'must be a JSON object' })
    .loose(),
);

export const allOrgSyncSchema = z
  .object({
    ...common,
    tenantId: requiredString(64),
    orgInfoList: jsonList(orgInfoSchema, MAX_ORGS_PER_SYNC),
    /** Not in the field table but present in the published example. */
    flag: intFlag([0, 1, 2] as const).optional(),
  })
  .loose();

export const KIT_SCHEMAS = {
  tenantSync: tenantSyncSchema,
  applicationSync: applicationSyncSchema,
  authSync: authSyncSchema,
  singleOrgSync: singleOrgSyncSchema,
  allOrgSync: allOrgSyncSchema,
} as const satisfies Record<KitKind, z.ZodType>;

export type TenantSyncRequest = z.output<typeof tenantSyncSchema>;
export type ApplicationSyncRequest = z.output<typeof applicationSyncSchema>;
export type AuthSyncRequest = z.output<typeof authSyncSchema>;
export type KitUser = z.output<typeof kitUserSchema>;
export type SingleOrgSyncRequest = z.output<typeof singleOrgSyncSchema>;
export type AllOrgSyncRequest = z.output<typeof allOrgSyncSchema>;
export type OrgInfo = z.output<typeof orgInfoSchema>;

export type KitRequest = { [K in KitKind]: { kind: K; data: z.output<(typeof KIT_SCHEMAS)[K]> } }[KitKind];
export type ParsedKitBody = ({ ok: true } & KitRequest) | { ok: false; resultCode: '000002'; message: string };

/** Validate a kit body for the kind given by the request path. Top-level nulls count as absent. */
export function parseKitBody(kind: KitKind, json: unknown): ParsedKitBody {
  if (!isPlainObject(json)) return { ok: false, resultCode: '000002', message: 'body: must be a JSON object' };
  const parsed = KIT_SCHEMAS[kind].safeParse(dropTopLevelNulls(json));
  if (!parsed.success) return { ok: false, resultCode: '000002', message: formatIssues(parsed.error) };
  return { ok: true, kind, data: parsed.data } as ParsedKitBody;
}

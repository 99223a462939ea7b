/**
 * zod schemas of the License callbacks (联营License 授权码 products): the marketplace POSTs them to
 * the production address, signed exactly like the base interface (signature.ts), with the key
 * bound to License授权码交付接口. README "License products" lists the fields.
 *
 * Field rules follow the base schemas (schemas.ts): strings with documented maximum lengths,
 * top-level nulls count as absent, unknown extra fields pass (the marketplace adds fields).
 */
import { z } from 'zod';
import { compactUtcSchema, REFRESH_SCENES, testFlagSchema } from './schemas';
import { dropTopLevelNulls, enumField, formatIssues, isPlainObject, optionalString, requiredString } from './schema-helpers';

const id64 = requiredString(64);
/** The 授权码 itself: String(64) in the docs. */
const licenseCode = requiredString(64);

export const refreshLicenseCodeSchema = z
  .object({
    activity: z.literal('refreshLicenseCode'),
    // The License pages name RENEWAL and UNSUBSCRIBE_RENEWAL_PERIOD; the SaaS scenes are accepted
    // too, so a scene the marketplace adds later is not refused with 000002 (and retried 60 times).
    scene: enumField(REFRESH_SCENES),
    orderId: id64,
    orderLineId: id64,
    license: licenseCode,
    productId: optionalString(64),
    expireTime: compactUtcSchema(20),
    testFlag: testFlagSchema,
  })
  .loose();

export const LICENSE_STATUSES = ['FREEZE', 'UNFREEZE'] as const;

export const updateLicenseCodeStatusSchema = z
  .object({
    activity: z.literal('updateLicenseCodeStatus'),
    license: licenseCode,
    status: enumField(LICENSE_STATUSES),
    testFlag: testFlagSchema,
  })
  .loose();

export const releaseLicenseCodeSchema = z
  .object({
    activity: z.literal('releaseLicenseCode'),
    license: licenseCode,
    orderId: optionalString(64),
    orderLineId: optionalString(64),
    testFlag: testFlagSchema,
  })
  .loose();

export const LICENSE_ACTIVITY_SCHEMAS = {
  refreshLicenseCode: refreshLicenseCodeSchema,
  updateLicenseCodeStatus: updateLicenseCodeStatusSchema,
  releaseLicenseCode: releaseLicenseCodeSchema,
} as const;

export type LicenseActivity = keyof typeof LICENSE_ACTIVITY_SCHEMAS;
export const LICENSE_ACTIVITIES = Object.keys(LICENSE_ACTIVITY_SCHEMAS) as LicenseActivity[];

export type RefreshLicenseCodeRequest = z.output<typeof refreshLicenseCodeSchema>;
export type UpdateLicenseCodeStatusRequest = z.output<typeof updateLicenseCodeStatusSchema>;
export type ReleaseLicenseCodeRequest = z.output<typeof releaseLicenseCodeSchema>;

export type LicenseRequest = { [A in LicenseActivity]: { activity: A; data: z.output<(typeof LICENSE_ACTIVITY_SCHEMAS)[A]> } }[LicenseActivity];

export type ParsedLicenseBody = ({ ok: true } & LicenseRequest) | { ok: false; resultCode: '000002'; message: string };

export function isLicenseActivity(name: unknown): name is LicenseActivity {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(LICENSE_ACTIVITY_SCHEMAS, name);
}

const supportedList = `supported: ${LICENSE_ACTIVITIES.join(', ')}`;

/** Validate a parsed body (parse the raw text with parseJsonValue so validation sees what was signed). */
export function parseLicenseBody(json: unknown): ParsedLicenseBody {
  if (!isPlainObject(json)) return { ok: false, resultCode: '000002', message: 'body: must be a JSON object' };
  const body = dropTopLevelNulls(json);
  if (body.activity === undefined) return { ok: false, resultCode: '000002', message: `activity: is required; ${supportedList}` };
  if (!isLicenseActivity(body.activity)) {
    const got = typeof body.activity === 'string' ? JSON.stringify(body.activity.slice(0, 40)) : typeof body.activity;
    return { ok: false, resultCode: '000002', message: `activity: unsupported License activity ${got}; ${supportedList}` };
  }
  const activity = body.activity;
  const parsed = LICENSE_ACTIVITY_SCHEMAS[activity].safeParse(body);
  if (!parsed.success) return { ok: false, resultCode: '000002', message: formatIssues(parsed.error) };
  return { ok: true, activity, data: parsed.data } as ParsedLicenseBody;
}

/**
 * The License callbacks as the seller console's debug tool (应用接入调试) sends them: one debug
 * code, testFlag "1", the same parameters every time. The console saves these cases and re-runs
 * them twice a day (拨测) in no particular order; each must answer 000000 every time. Used by
 * `npm run simulate -- license-debug` and the tests.
 */
import { shuffled } from './seeded-random';

export { seededRandom, shuffled } from './seeded-random';

export interface LicenseCase {
  name: string;
  body: Record<string, string>;
}

export interface LicenseCaseInput {
  license: string;
  orderId: string;
  orderLineId: string;
  productId?: string;
  /** yyyyMMddHHmmss of the renewal. */
  renewalExpireTime: string;
  /** yyyyMMddHHmmss after a cancelled renewal (earlier than the renewal's). */
  unsubscribeExpireTime: string;
}

export function licenseDebugCases(input: LicenseCaseInput): LicenseCase[] {
  const common = { license: input.license, testFlag: '1' };
  const order = { orderId: input.orderId, orderLineId: input.orderLineId };
  return [
    {
      name: 'refreshLicenseCode RENEWAL',
      body: { activity: 'refreshLicenseCode', scene: 'RENEWAL', ...order, expireTime: input.renewalExpireTime, ...(input.productId ? { productId: input.productId } : {}), ...common },
    },
    {
      name: 'refreshLicenseCode UNSUBSCRIBE_RENEWAL_PERIOD',
      body: { activity: 'refreshLicenseCode', scene: 'UNSUBSCRIBE_RENEWAL_PERIOD', orderId: `${input.orderId}U`, orderLineId: `${input.orderLineId}U`, expireTime: input.unsubscribeExpireTime, ...common },
    },
    { name: 'updateLicenseCodeStatus FREEZE', body: { activity: 'updateLicenseCodeStatus', status: 'FREEZE', ...common } },
    { name: 'updateLicenseCodeStatus UNFREEZE', body: { activity: 'updateLicenseCodeStatus', status: 'UNFREEZE', ...common } },
    { name: 'releaseLicenseCode (unsubscribe)', body: { activity: 'releaseLicenseCode', ...order, ...common } },
    { name: 'releaseLicenseCode (expiry)', body: { activity: 'releaseLicenseCode', ...common } },
  ];
}

/** The console's probe: every case twice in a row, then the whole set `rounds` more times, each shuffled. */
export function debugRunPlan<T>(cases: readonly T[], random: () => number, rounds = 3): T[] {
  const plan: T[] = cases.flatMap((c) => [c, c]);
  for (let r = 0; r < rounds; r++) plan.push(...shuffled(cases, random));
  return plan;
}

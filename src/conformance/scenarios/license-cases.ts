/**
 * The License callbacks (License授权码交付接口) the console debugs for a 联营License product:
 * refreshLicenseCode (RENEWAL, UNSUBSCRIBE_RENEWAL_PERIOD), updateLicenseCodeStatus (FREEZE,
 * UNFREEZE) and releaseLicenseCode (unsubscribed, expired) on one debug code, testFlag "1".
 * Signed like the base interface, with the key bound to License授权码交付接口.
 */
import { formatCompactUtcSeconds } from "../../koogallery/time";
import type { ConformanceCase } from "../case-types";

const DAY = 86_400_000;

export interface LicenseCaseOptions {
  nowMs: number;
  /** The debug 授权码 (String 64). */
  licenseCode: string;
}

export const LICENSE_ORDERS = { renewal: "CONFORMANCELICRENEW", unsubscribe: "CONFORMANCELICUNSUB" } as const;

export function licenseCases(opts: LicenseCaseOptions): ConformanceCase[] {
  const common = { license: opts.licenseCode, testFlag: "1" };
  const expiry = (days: number) => formatCompactUtcSeconds(new Date(opts.nowMs + days * DAY));
  const order = (id: string) => ({ orderId: id, orderLineId: `${id}-000001` });
  const make = (id: string, title: string, body: Record<string, unknown>): ConformanceCase => ({
    id: `license.${id}`,
    title,
    channel: "license",
    body: { ...body, ...common },
    expectCodes: ["000000"],
  });
  return [
    make("refresh.renewal", "refreshLicenseCode RENEWAL (续费)", { activity: "refreshLicenseCode", scene: "RENEWAL", ...order(LICENSE_ORDERS.renewal), expireTime: expiry(395) }),
    make("refresh.unsubscribeRenewal", "refreshLicenseCode UNSUBSCRIBE_RENEWAL_PERIOD (退续费)", {
      activity: "refreshLicenseCode",
      scene: "UNSUBSCRIBE_RENEWAL_PERIOD",
      ...order(LICENSE_ORDERS.unsubscribe),
      expireTime: expiry(365),
    }),
    make("status.freeze", "updateLicenseCodeStatus FREEZE (冻结)", { activity: "updateLicenseCodeStatus", status: "FREEZE" }),
    make("status.unfreeze", "updateLicenseCodeStatus UNFREEZE (解冻)", { activity: "updateLicenseCodeStatus", status: "UNFREEZE" }),
    make("release.unsubscribed", "releaseLicenseCode (释放, unsubscribed)", { activity: "releaseLicenseCode", ...order(LICENSE_ORDERS.unsubscribe) }),
    make("release.expired", "releaseLicenseCode (释放, expired)", { activity: "releaseLicenseCode" }),
  ];
}

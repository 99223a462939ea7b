/**
 * The whole case set for one billing mode, in the order a seller fills the console in: purchases
 * first (their answers give the instance ids the other cases name), then the lifecycle, the Kit
 * syncs, and the hostile variants.
 */
import { randomBytes } from "node:crypto";
import type { ConformanceCase } from "../case-types";
import type { Mode } from "../modes";
import { baseCases, MAIN } from "./base-cases";
import { hostileCases } from "./hostile-cases";
import { kitCases } from "./kit-cases";
import { licenseCases } from "./license-cases";

export interface GenerateOptions {
  mode: Mode;
  nowMs: number;
  /** Add the 联营 Kit sync cases (SaaS modes; default true). */
  kit?: boolean;
  publicKeyPem?: string;
  /** Override the main newInstance order (default: the mode's MOCK order). */
  newOrderId?: string;
  /** Kit debug organisation id. */
  tenantId?: string;
  /** Plaintext clientSecret for applicationSync. */
  clientSecret?: string;
  /** Debug 授权码 for --mode license. */
  licenseCode?: string;
  /** businessId source (default: 32 random hex characters). */
  businessId?: (purpose: string) => string;
}

export interface CaseSet {
  mode: Mode;
  cases: ConformanceCase[];
  skipped: string[];
}

export const DEFAULT_KIT_TENANT = "conformance-org";
export const DEFAULT_LICENSE_CODE = "CONFORMANCE-LICENSE-0001";
export const DEFAULT_CLIENT_SECRET = "conformance-client-secret";

export function generateCases(opts: GenerateOptions): CaseSet {
  if (opts.mode === "license") {
    const cases = licenseCases({ nowMs: opts.nowMs, licenseCode: opts.licenseCode ?? DEFAULT_LICENSE_CODE });
    return { mode: "license", cases: [...cases, ...hostileCases(cases[0]!, "orderId")], skipped: [] };
  }
  const base = baseCases(opts.mode, {
    nowMs: opts.nowMs,
    newOrderId: opts.newOrderId,
    businessId: opts.businessId ?? (() => randomBytes(16).toString("hex")),
  });
  const query = base.find((c) => c.body.activity === "queryInstance" && c.body.instanceId === MAIN)!;
  const cases = [...base];
  const skipped: string[] = [];
  if (opts.kit ?? true) {
    const kit = kitCases({
      nowMs: opts.nowMs,
      tenantId: opts.tenantId ?? DEFAULT_KIT_TENANT,
      publicKeyPem: opts.publicKeyPem,
      clientSecret: opts.clientSecret ?? DEFAULT_CLIENT_SECRET,
    });
    cases.push(...kit.cases);
    skipped.push(...kit.skipped);
    cases.push(...hostileCases(query, "instanceId"), ...hostileCases(kit.cases[0]!, "name"));
  } else {
    cases.push(...hostileCases(query, "instanceId"));
  }
  return { mode: opts.mode, cases, skipped };
}

/**
 * The 联营 Kit sync cases (tenantSync, applicationSync, authSync, singleOrgSync, allOrgSync) as
 * the console's debug forms send them: testFlag 1, instanceId and orderId empty (the seller
 * debugs without an order), one demo organisation. applicationSync needs the RSA public key of
 * the 应用凭证 to encrypt clientSecret; without it the case is skipped, visibly.
 */
import { encryptClientSecretForTest } from "../../koogallery/rsa";
import { formatKitTimestamp } from "../../koogallery/time";
import type { ConformanceCase } from "../case-types";

export interface KitCaseOptions {
  nowMs: number;
  /** Organisation id of the debug tenant (stable, so repeated runs update the same rows). */
  tenantId: string;
  /** SPKI PEM (or bare Base64) of the 应用凭证 public key; absent → applicationSync skipped. */
  publicKeyPem?: string;
  /** Plaintext clientSecret the deployment must decrypt. */
  clientSecret: string;
}

export interface KitCaseSet {
  cases: ConformanceCase[];
  /** Human-readable reasons for cases left out. */
  skipped: string[];
}

export const SKIPPED_NO_PUBLIC_KEY = "skipped: applicationSync — no public key (pass --public-key <pem file>)";

export function kitCases(opts: KitCaseOptions): KitCaseSet {
  const timeStamp = formatKitTimestamp(new Date(opts.nowMs));
  const { tenantId } = opts;
  const common = { instanceId: "", testFlag: 1, timeStamp };
  const appId = `${tenantId}-app`;
  const user = { userName: "conformance-user", name: "Conformance User", orgCode: "conformance-dept-1", role: "admin", enable: "true" };
  const tenant = { ...common, orderId: "", tenantId, tenantCode: tenantId, domainName: "https://conformance.example.com" };
  const cases: ConformanceCase[] = [];
  const skipped: string[] = [];
  const add = (id: string, title: string, kitKind: NonNullable<ConformanceCase["kitKind"]>, body: Record<string, unknown>) =>
    cases.push({ id: `kit.${id}`, title, channel: "kit", kitKind, body, expectCodes: ["000000"] });

  add("tenantSync.add", "tenantSync flag 1 (企业同步, add)", "tenantSync", { ...tenant, name: "Conformance Org", flag: 1 });
  add("tenantSync.modify", "tenantSync flag 2 (modify)", "tenantSync", { ...tenant, name: "Conformance Org (renamed)", flag: 2 });
  add("tenantSync.delete", "tenantSync flag 0 (delete)", "tenantSync", { ...tenant, name: "Conformance Org", flag: 0 });
  if (opts.publicKeyPem) {
    const clientSecret = encryptClientSecretForTest(opts.clientSecret, opts.publicKeyPem);
    add("applicationSync.add", "applicationSync flag 1 (应用同步)", "applicationSync", { ...common, tenantId, appId, clientId: `${tenantId}-client`, clientSecret, flag: 1 });
  } else {
    skipped.push(SKIPPED_NO_PUBLIC_KEY);
  }
  const auth = { ...common, tenantId, appId, currentSyncTime: timeStamp, userList: [user] };
  add("authSync.add", "authSync flag 1 (用户授权同步, add)", "authSync", { ...auth, flag: 1 });
  add("authSync.delete", "authSync flag 0 (delete)", "authSync", { ...auth, flag: 0 });
  const dept = { ...common, tenantId, orgCode: "conformance-dept-1", orgName: "Conformance Dept", parentCode: "" };
  add("singleOrgSync.add", "singleOrgSync flag 1 (部门增量同步, add)", "singleOrgSync", { ...dept, flag: 1 });
  add("singleOrgSync.delete", "singleOrgSync flag 0 (delete)", "singleOrgSync", { ...dept, flag: 0 });
  add("allOrgSync", "allOrgSync (部门全量同步)", "allOrgSync", {
    ...common,
    tenantId,
    flag: 1,
    orgInfoList: [
      { orgCode: "conformance-dept-1", orgName: "Conformance Dept", parentCode: "" },
      { orgCode: "conformance-dept-2", orgName: "Conformance Sub-dept", parentCode: "conformance-dept-1" },
    ],
  });
  return { cases, skipped };
}

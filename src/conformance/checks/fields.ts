/**
 * Required answer fields and their documented lengths, per activity, using the protocol library's
 * response schemas (src/koogallery/schemas.ts): newInstance must return instanceId (≤ 64);
 * queryInstance one InstanceInfo per requested id, AppInfo frontEndUrl ≤ 512, userName/password
 * ≤ 128, memo ≤ 1024, UsageInfo usageValue Double(12,4) and statisticalTime yyyyMMddHHmmssSSS —
 * and usageInfo itself where the billing mode requires it. Unknown fields only warn: the console
 * is not documented to refuse them.
 */
import type { z } from "zod";
import { splitInstanceIds, basicResponseSchema, newInstanceResponseSchema, queryInstanceResponseSchema } from "../../koogallery/schemas";
import type { ConformanceCase } from "../case-types";
import { checkCredentials } from "./credentials";
import { emptyVerdict, merge, type Verdict } from "./verdict";

/** Issues of a (strict) response schema: unknown keys are warnings, the envelope is checked elsewhere. */
export function schemaVerdict(schema: z.ZodType, value: unknown): Verdict {
  const v = emptyVerdict();
  const parsed = schema.safeParse(value);
  if (parsed.success) return v;
  for (const issue of parsed.error.issues) {
    const path = issue.path.map(String).join(".") || "answer";
    if (issue.code === "unrecognized_keys") v.warnings.push(`${path}: unexpected field(s) ${issue.keys.join(", ")}`);
    else if (path !== "resultCode" && path !== "resultMsg") v.failures.push(`${path}: ${issue.message}`);
  }
  return v;
}

const isObject = (x: unknown): x is Record<string, unknown> => !!x && typeof x === "object" && !Array.isArray(x);

function checkNewInstance(json: Record<string, unknown>, accessKey: string): Verdict {
  const v = schemaVerdict(newInstanceResponseSchema, json);
  if (!isObject(json.appInfo)) v.warnings.push("no appInfo.frontEndUrl (the V2 FAQ asks newInstance for it; V2 tables leave it to queryInstance)");
  else merge(v, checkCredentials(json.appInfo, json.encryptType, accessKey, "appInfo"));
  return v;
}

function checkQueryInstance(c: ConformanceCase, body: Record<string, unknown>, json: Record<string, unknown>, accessKey: string): Verdict {
  const v = schemaVerdict(queryInstanceResponseSchema, json);
  const info = Array.isArray(json.info) ? json.info.filter(isObject) : [];
  for (const id of splitInstanceIds(String(body.instanceId ?? ""))) {
    const entry = info.find((i) => i.instanceId === id);
    if (!entry) {
      v.failures.push(`info has no entry for instance ${id}`);
      continue;
    }
    if (isObject(entry.appInfo)) merge(v, checkCredentials(entry.appInfo, json.encryptType, accessKey, `info[${id}].appInfo`));
    else v.warnings.push(`no appInfo for instance ${id} (buyers need the URL and account unless you deliver them otherwise)`);
    if (c.requireUsageInfo && !(Array.isArray(entry.usageInfo) && entry.usageInfo.length > 0)) {
      v.failures.push(`no usageInfo for instance ${id} (required for on-demand and on-demand package instances)`);
    }
  }
  return v;
}

/** Field checks of a successful (000000) answer to a functional case. */
export function checkFields(c: ConformanceCase, body: Record<string, unknown>, json: Record<string, unknown>, accessKey: string): Verdict {
  if (c.channel === "base" && body.activity === "newInstance") return checkNewInstance(json, accessKey);
  if (c.channel === "base" && body.activity === "queryInstance") return checkQueryInstance(c, body, json, accessKey);
  return schemaVerdict(basicResponseSchema, json);
}

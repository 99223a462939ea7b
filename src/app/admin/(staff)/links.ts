/**
 * Where the console's cells link to, so calls, instances, tenants, license codes and usage point
 * at each other the same way everywhere. Pure module.
 */
import { splitInstanceIds } from "~/koogallery/schemas";

export const instanceHref = (id: string) => `/admin/instances/${encodeURIComponent(id)}`;
export const tenantHref = (tenantId: string) => `/admin/tenants/${encodeURIComponent(tenantId)}`;
export const licenseCodeHref = (license: string) => `/admin/licenses/${encodeURIComponent(license)}`;
export const callHref = (id: string) => `/admin/calls/${encodeURIComponent(id)}`;

/**
 * A call's subject (its `instanceId` column): an instance for base calls, a license code for
 * License callbacks; Kit calls name the instance a tenant is bound to.
 */
export function subjectHref(channel: string, subject: string | null): string | null {
  if (!subject) return null;
  return channel === "license" ? licenseCodeHref(subject) : instanceHref(subject);
}

/**
 * The subjects a call names, each with its link: a queryInstance call may ask about several
 * instances at once and keeps the request's comma list (callSubjectWhere in
 * src/server/api/routers/call-log.ts), one link per instance; any other call names one subject.
 */
export function callSubjects(call: { channel: string; activity: string | null; instanceId: string | null }): { id: string; href: string | null }[] {
  if (!call.instanceId) return [];
  const ids = call.channel === "base" && call.activity === "queryInstance" ? splitInstanceIds(call.instanceId).filter((id) => id !== "") : [call.instanceId];
  return ids.map((id) => ({ id, href: subjectHref(call.channel, id) }));
}

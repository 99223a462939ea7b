/**
 * Where the console's cells link to, so calls, instances, tenants, license codes and usage point
 * at each other the same way everywhere. Pure module.
 */
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

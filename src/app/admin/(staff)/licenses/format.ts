/** Formatting and links shared by the License pages (UTC, server-rendered). */
import { callLogHref } from "../calls/search-params";

export { utc } from "../usage/format";

export const STATUS_BADGE: Record<string, string> = {
  ACTIVE: "bg-green-100 text-green-800",
  FROZEN: "bg-sky-100 text-sky-800",
  RELEASED: "bg-slate-200 text-slate-700",
};

/** The marketplace's heartbeat status: ALIVE green, anything else (EXPIRED, RELEASED, a refusal) red. */
export function heartbeatClass(status: string | null): string {
  return status === "ALIVE" ? "text-green-800" : "text-red-700";
}

/** The call log filtered to one code's License callbacks. */
export function licenseCallsHref(license: string): string {
  return callLogHref({ channel: "license", instanceId: license, hideTest: false });
}

export function licenseHref(license: string): string {
  return `/admin/licenses/${encodeURIComponent(license)}`;
}

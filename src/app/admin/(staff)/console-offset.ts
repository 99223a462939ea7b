/**
 * The one offset the console's server HTML uses before the browser's zone is known, and in which
 * date-range filters count their days: the catalog's quota-month offset (UTC+8 for the starter),
 * the same one the tenant pages use (src/app/app/page.tsx).
 */
import "server-only";
import { activeCatalog } from "~/server/billing";

export function consoleOffsetMinutes(): number {
  return activeCatalog().quotaPeriodUtcOffsetMinutes;
}

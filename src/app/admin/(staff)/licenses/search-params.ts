/**
 * The License list's view in the query string (?q=…&from=…&to=…&status=…&hideTest=1&page=…); bad
 * values fall back to defaults (list-params.ts).
 */
import { LICENSE_CODE_STATUSES, type LicenseListInput } from "~/server/api/routers/license-admin.schema";
import { parseListWindow, windowOf, windowParams, type ListWindowView } from "../list-params";
import { first, hrefWith, type RawSearchParams } from "../query-params";

export interface LicenseListView extends ListWindowView {
  status?: (typeof LICENSE_CODE_STATUSES)[number];
  hideTest: boolean;
}

export function parseLicenseListView(params: RawSearchParams): LicenseListView {
  const s = first(params.status);
  return { ...parseListWindow(params), status: LICENSE_CODE_STATUSES.find((x) => x === s), hideTest: first(params.hideTest) === "1" };
}

export function licenseListInput(view: LicenseListView, offsetMinutes: number): LicenseListInput {
  return { search: view.q, ...windowOf(view, offsetMinutes), status: view.status, includeTest: !view.hideTest, page: view.page, pageSize: view.size };
}

export function licenseListParams(view: LicenseListView, page?: number): Record<string, string | undefined> {
  return { ...windowParams(view, page), status: view.status, hideTest: view.hideTest ? "1" : undefined };
}

export const licenseListHref = (view: LicenseListView, page: number) => hrefWith("/admin/licenses", licenseListParams(view, page));

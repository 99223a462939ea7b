/**
 * The tenant directory's view in the query string (?q=…&from=…&to=…&deleted=1&page=…); bad
 * values fall back to defaults (list-params.ts).
 */
import type { TenantListInput } from "~/server/api/routers/tenant-admin.schema";
import { parseListWindow, windowOf, windowParams, type ListWindowView } from "../list-params";
import { first, hrefWith, type RawSearchParams } from "../query-params";

export interface TenantListView extends ListWindowView {
  includeDeleted: boolean;
}

export function parseTenantListView(params: RawSearchParams): TenantListView {
  return { ...parseListWindow(params), includeDeleted: first(params.deleted) === "1" };
}

export function tenantListInput(view: TenantListView, offsetMinutes: number): TenantListInput {
  return { search: view.q, ...windowOf(view, offsetMinutes), includeDeleted: view.includeDeleted, page: view.page, pageSize: view.size };
}

export function tenantListParams(view: TenantListView, page?: number): Record<string, string | undefined> {
  return { ...windowParams(view, page), deleted: view.includeDeleted ? "1" : undefined };
}

export const tenantListHref = (view: TenantListView, page: number) => hrefWith("/admin/tenants", tenantListParams(view, page));

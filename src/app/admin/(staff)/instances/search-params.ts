/**
 * The instance list's view in the query string (?q=…&from=…&to=…&status=…&hideTest=1&page=…);
 * bad values fall back to defaults (list-params.ts).
 */
import type { InstanceListInput } from "~/server/api/routers/instance-admin.schema";
import { parseListWindow, windowOf, windowParams, type ListWindowView } from "../list-params";
import { first, hrefWith, type RawSearchParams } from "../query-params";

export const INSTANCE_STATUSES = ["ACTIVE", "FROZEN", "RELEASED"] as const;

export interface InstanceListView extends ListWindowView {
  status?: (typeof INSTANCE_STATUSES)[number];
  hideTest: boolean;
}

export function parseInstanceListView(params: RawSearchParams): InstanceListView {
  const s = first(params.status);
  return { ...parseListWindow(params), status: INSTANCE_STATUSES.find((x) => x === s), hideTest: first(params.hideTest) === "1" };
}

export function instanceListInput(view: InstanceListView, offsetMinutes: number): InstanceListInput {
  return { search: view.q, ...windowOf(view, offsetMinutes), status: view.status, includeTest: !view.hideTest, page: view.page, pageSize: view.size };
}

export function instanceListParams(view: InstanceListView, page?: number): Record<string, string | undefined> {
  return { ...windowParams(view, page), status: view.status, hideTest: view.hideTest ? "1" : undefined };
}

export const instanceListHref = (view: InstanceListView, page: number) => hrefWith("/admin/instances", instanceListParams(view, page));

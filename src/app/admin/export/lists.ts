/**
 * The CSV of each staff list: the same query-string view the page reads (so the export of a
 * filtered page is that page's rows, all pages of it), fetched through the same staff-only
 * procedures page by page up to EXPORT_MAX_ROWS. Times are ISO 8601 in UTC ("…Z"): a
 * spreadsheet reads them unambiguously whatever its own zone.
 */
import "server-only";
import type { CsvValue } from "~/server/csv";
import { api } from "~/trpc/server";
import { callLogInput, parseCallLogView } from "../(staff)/calls/search-params";
import { instanceListInput, parseInstanceListView } from "../(staff)/instances/search-params";
import { licenseListInput, parseLicenseListView } from "../(staff)/licenses/search-params";
import { parseTenantListView, tenantListInput } from "../(staff)/tenants/search-params";
import type { RawSearchParams } from "../(staff)/query-params";
import { parseUsageView, usageFilterInput } from "../(staff)/usage/search-params";
import { EXPORT_MAX_ROWS } from "./limits";

export interface CsvTable {
  header: string[];
  rows: CsvValue[][];
  /** More rows matched than EXPORT_MAX_ROWS. */
  truncated: boolean;
}

type Exporter = (params: RawSearchParams, offsetMinutes: number) => Promise<CsvTable>;

/** Pages of a keyset-paged procedure until the cap. */
async function keyset<T>(fetch: (cursor: string | undefined) => Promise<{ items: T[]; nextCursor: string | null }>, row: (item: T) => CsvValue[]) {
  const rows: CsvValue[][] = [];
  let cursor: string | undefined;
  for (;;) {
    const page = await fetch(cursor);
    for (const item of page.items) {
      if (rows.length === EXPORT_MAX_ROWS) return { rows, truncated: true };
      rows.push(row(item));
    }
    if (!page.nextCursor) return { rows, truncated: false };
    cursor = page.nextCursor;
  }
}

const PAGE = 200;

/** Pages of an offset-paged procedure until the cap. */
async function offset<T>(fetch: (page: number) => Promise<{ items: T[]; total: number }>, row: (item: T) => CsvValue[]) {
  const rows: CsvValue[][] = [];
  for (let page = 1; ; page++) {
    const { items, total } = await fetch(page);
    for (const item of items) {
      if (rows.length === EXPORT_MAX_ROWS) return { rows, truncated: true };
      rows.push(row(item));
    }
    if (items.length === 0 || page * PAGE >= total) return { rows, truncated: false };
  }
}

export const EXPORTERS: Record<string, Exporter> = {
  async calls(params, offsetMinutes) {
    const input = callLogInput({ ...parseCallLogView(params), cursor: undefined }, offsetMinutes);
    const header = ["id", "receivedAt", "channel", "activity", "orderId", "orderLineId", "instanceId", "tenantId", "resultCode", "resultMsg", "httpStatus", "latencyMs", "isTest", "path"];
    const out = await keyset(
      (cursor) => api.callLog.list({ ...input, cursor, limit: PAGE }),
      (c) => [c.id, c.receivedAt, c.channel, c.activity, c.orderId, c.orderLineId, c.instanceId, c.tenantId, c.resultCode, c.resultMsg, c.httpStatus, c.latencyMs, c.isTest, c.path],
    );
    return { header, ...out };
  },

  async instances(params, offsetMinutes) {
    const input = instanceListInput(parseInstanceListView(params), offsetMinutes);
    const header = ["id", "status", "tenants", "plan", "orderId", "orderLineId", "productId", "skuCode", "chargingMode", "expireAt", "isTest", "refusedTransitions", "createdAt"];
    const out = await offset(
      (page) => api.instanceAdmin.list({ ...input, page, pageSize: PAGE }),
      (i) => [i.id, i.status, i.tenants.map((t) => t.name).join("; "), i.planId, i.orderId, i.orderLineId, i.productId, i.skuCode, i.chargingMode, i.expireAt, i.isTest, i.refusedTransitions, i.createdAt],
    );
    return { header, ...out };
  },

  async tenants(params, offsetMinutes) {
    const input = tenantListInput(parseTenantListView(params), offsetMinutes);
    const header = ["tenantId", "tenantCode", "name", "domainName", "instanceId", "instanceStatus", "orderId", "applications", "users", "isTest", "createdAt", "updatedAt", "deletedAt"];
    const out = await offset(
      (page) => api.tenantAdmin.list({ ...input, page, pageSize: PAGE }),
      (t) => [t.tenantId, t.tenantCode, t.name, t.domainName, t.instanceId, t.instance?.status, t.orderId, t.applicationCount, t.userCount, t.isTest, t.createdAt, t.updatedAt, t.deletedAt],
    );
    return { header, ...out };
  },

  async licenses(params, offsetMinutes) {
    const input = licenseListInput(parseLicenseListView(params), offsetMinutes);
    const header = ["license", "status", "productId", "orderId", "orderLineId", "expireAt", "activatedAt", "lastHeartbeatAt", "lastHeartbeatStatus", "callbacks", "refusedTransitions", "isTest", "createdAt"];
    const out = await offset(
      (page) => api.licenseAdmin.list({ ...input, page, pageSize: PAGE }),
      (l) => [l.license, l.status, l.productId, l.orderId, l.orderLineId, l.expireAt, l.activatedAt, l.lastHeartbeatAt, l.lastHeartbeatStatus, l.callbacks, l.refusedTransitions, l.isTest, l.createdAt],
    );
    return { header, ...out };
  },

  async usage(params, offsetMinutes) {
    const view = parseUsageView({ ...params, tab: "records" });
    const header = ["id", "meteringSn", "hourStart", "seq", "instanceId", "packageInstanceId", "meter", "usageValue", "status", "deadReason", "attempts", "lastResultCode", "sentAt"];
    const out = await keyset(
      (cursor) => api.usageAdmin.pushRecords({ ...usageFilterInput(view, offsetMinutes), status: view.status, cursor, limit: PAGE }),
      (r) => [r.id, r.meteringSn, r.hourStart, r.seq, r.instanceId, r.packageInstanceId, r.meter, r.usageValue, r.status, r.deadReason, r.attempts, r.lastResultCode, r.sentAt],
    );
    return { header, ...out };
  },

  async "dead-letters"(params, offsetMinutes) {
    const view = parseUsageView({ ...params, tab: "dead" });
    const header = ["id", "meteringSn", "deadAt", "deadReason", "hourStart", "instanceId", "packageInstanceId", "meter", "usageValue", "lastResultCode", "lastError"];
    const out = await keyset(
      (cursor) => api.usageAdmin.deadLetters({ ...usageFilterInput(view, offsetMinutes), reason: view.reason, cursor, limit: PAGE }),
      (r) => [r.id, r.meteringSn, r.deadAt, r.deadReason, r.hourStart, r.instanceId, r.packageInstanceId, r.meter, r.usageValue, r.lastResultCode, r.lastError],
    );
    return { header, ...out };
  },

  async ledger(params, offsetMinutes) {
    const view = parseUsageView({ ...params, tab: "ledger" });
    const header = ["id", "createdAt", "debitId", "accountKey", "instanceId", "meter", "amount", "billedInstanceId", "packageInstanceId", "pushRecordId"];
    const out = await keyset(
      (cursor) => api.usageAdmin.ledger({ ...usageFilterInput(view, offsetMinutes), accountKey: view.account, cursor, limit: PAGE }),
      (e) => [e.id, e.createdAt, e.debitId, e.accountKey, e.instanceId, e.meter, e.amount, e.billedInstanceId, e.packageInstanceId, e.pushRecordId],
    );
    return { header, ...out };
  },
};

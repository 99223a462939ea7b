/**
 * The demo product's data export: the example of a metered feature with its own table
 * (docs/extending.md walks through how it was added). Exporting the tenant's projects as CSV is
 * gated by the "export" feature and debits one unit of the "exports" meter; the DataExport row
 * records it, keyed by the debit, so a retried request (replayed debit) is recorded once.
 */
import type { Prisma } from "~/generated/prisma/client";
import type { FeatureKey, MeterKey } from "~/server/billing";
import type { DataPurger } from "~/server/billing";
import { projectSelect } from "~/server/projects";

export const EXPORT_FEATURE = "export" satisfies FeatureKey;
export const EXPORT_METER = "exports" satisfies MeterKey;
/** The most projects one export holds (the projects list shows as many). */
export const EXPORT_MAX_ROWS = 500;

/** What a customer may see of an export. */
export const dataExportSelect = {
  id: true,
  kind: true,
  rowCount: true,
  createdBy: true,
  createdAt: true,
} as const satisfies Prisma.DataExportSelect;

/** The tenant's projects as CSV (RFC 4180 quoting), oldest first, with how many rows it holds. */
export async function projectsCsv(db: Prisma.TransactionClient, tenantId: string): Promise<{ csv: string; rowCount: number }> {
  const rows = await db.project.findMany({ where: { tenantId }, select: projectSelect, orderBy: [{ createdAt: "asc" }, { id: "asc" }], take: EXPORT_MAX_ROWS });
  const cell = (v: string) => (/[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  const lines = [["name", "createdBy", "createdAt"], ...rows.map((p) => [p.name, p.createdBy, p.createdAt.toISOString()])];
  return { csv: lines.map((l) => l.map(cell).join(",")).join("\r\n") + "\r\n", rowCount: rows.length };
}

export interface NewExport {
  tenantId: string;
  instanceId: string;
  debitId: string;
  kind: string;
  rowCount: number;
  createdBy: string;
}

/** Records the export of one debit; a replayed debit finds the row the first request wrote. */
export async function recordExport(db: Prisma.TransactionClient, e: NewExport) {
  return db.dataExport.upsert({ where: { debitId: e.debitId }, create: e, update: {}, select: dataExportSelect });
}

/** Registered in src/server/features.ts: a released instance's exports go with its data. */
export const purgeExports: DataPurger = (tx, t) => tx.dataExport.deleteMany({ where: { instanceId: t.instanceId } });

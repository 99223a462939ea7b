/**
 * Every table's row count and a digest of all its rows, to prove that something changed nothing
 * (the dry-run re-run): compare two snapshots. Rows are rendered as text and sorted, so the digest
 * does not depend on the physical order; updatedAt columns are part of the row.
 */
import type { PrismaClient } from "~/generated/prisma/client";

export type TableSnapshot = Record<string, { rows: number; digest: string | null }>;

export async function snapshotTables(prisma: PrismaClient, except: string[] = []): Promise<TableSnapshot> {
  const tables = await prisma.$queryRaw<{ name: string }[]>`
    SELECT table_name AS name FROM information_schema.tables
    WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY table_name`;
  const out: TableSnapshot = {};
  for (const { name } of tables) {
    if (except.includes(name)) continue;
    const quoted = `"${name.replace(/"/g, '""')}"`;
    const [row] = await prisma.$queryRawUnsafe<{ rows: bigint | number; digest: string | null }[]>(
      `SELECT count(*) AS rows, md5(string_agg(t::text, '|' ORDER BY t::text)) AS digest FROM ${quoted} t`,
    );
    out[name] = { rows: Number(row!.rows), digest: row!.digest };
  }
  return out;
}

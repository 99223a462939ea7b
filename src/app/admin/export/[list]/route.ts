/**
 * GET /admin/export/<list>?<the list page's own filters> → the list as CSV (RFC 4180, formula
 * cells neutralised: src/server/csv.ts). Staff only, checked the way pages check it
 * (requireStaff: a signed-out or customer visit goes to the staff login), and the procedures
 * behind it check again (staffProcedure). At most EXPORT_MAX_ROWS rows: a longer result is cut,
 * and says so in the file name and the X-Export-Truncated header.
 */
import { notFound } from "next/navigation";
import { toCsv } from "~/server/csv";
import { consoleOffsetMinutes } from "../../(staff)/console-offset";
import type { RawSearchParams } from "../../(staff)/query-params";
import { requireStaff } from "../../(staff)/require-staff";
import { EXPORTERS } from "../lists";
import { EXPORT_MAX_ROWS } from "../limits";

export const dynamic = "force-dynamic";

export async function GET(request: Request, { params }: { params: Promise<{ list: string }> }) {
  await requireStaff();
  const { list } = await params;
  const exporter = Object.hasOwn(EXPORTERS, list) ? EXPORTERS[list] : undefined;
  if (!exporter) notFound();
  const query: RawSearchParams = {};
  for (const [k, v] of new URL(request.url).searchParams) if (!(k in query)) query[k] = v;
  const table = await exporter(query, consoleOffsetMinutes());
  const stamp = new Date().toISOString().slice(0, 19).replace(/[-:]/g, "").replace("T", "-");
  const name = `${list}-${stamp}${table.truncated ? `-first-${EXPORT_MAX_ROWS}` : ""}.csv`;
  // A BOM so spreadsheet programs read the UTF-8 (Chinese names) as UTF-8.
  return new Response("\uFEFF" + toCsv(table.header, table.rows), {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="${name}"`,
      "cache-control": "no-store",
      "x-export-truncated": String(table.truncated),
      "x-export-rows": String(table.rows.length),
    },
  });
}

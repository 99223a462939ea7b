/**
 * Results posted by `npm run conformance -- --report-to <APP_URL>` (signed with the base access
 * key); /admin shows the latest. The protocol lives in src/server/conformance/report-endpoint.ts.
 */
import { MAX_PROBE_REPORT_BYTES } from "~/conformance/probe-report";
import { BodyTooLargeError, readBoundedText } from "~/server/conformance/bounded-body";
import { handleConformanceReport } from "~/server/conformance/report-endpoint";
import { ensureDatabaseReady } from "~/server/db";
import { marketplaceConfig } from "~/server/marketplace/config";

export const dynamic = "force-dynamic";

export async function POST(request: Request): Promise<Response> {
  let rawBody: string;
  try {
    rawBody = await readBoundedText(request, MAX_PROBE_REPORT_BYTES);
  } catch (err) {
    if (!(err instanceof BodyTooLargeError)) throw err;
    return Response.json({ resultCode: "000002", resultMsg: err.message }, { status: 413 });
  }
  const db = await ensureDatabaseReady();
  const res = await handleConformanceReport(db.prisma, marketplaceConfig(), { rawBody, query: new URL(request.url).searchParams });
  return new Response(res.body, { status: res.status, headers: res.headers });
}

/**
 * 联营 Kit sync: the marketplace appends /produceAPI/v2/<interface> to the production address
 * (https://<your-domain>/api/marketplace). The protocol lives in src/server/marketplace.
 */
import { ensureDatabaseReady } from "~/server/db";
import { marketplaceConfig } from "~/server/marketplace/config";
import { handleKitCall } from "~/server/marketplace/kit-interface";

export const dynamic = "force-dynamic";

export async function POST(request: Request): Promise<Response> {
  const db = await ensureDatabaseReady();
  const rawBody = await request.text();
  const url = new URL(request.url);
  const res = await handleKitCall(db.prisma, marketplaceConfig(), { rawBody, headers: request.headers, path: url.pathname });
  return new Response(res.body, { status: res.status, headers: res.headers });
}

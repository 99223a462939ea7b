/**
 * License callbacks (refreshLicenseCode, updateLicenseCodeStatus, releaseLicenseCode) on an
 * address of their own: https://<your-domain>/api/marketplace/license. The production address
 * /api/marketplace accepts them too (it dispatches on `activity`); register whichever your seller
 * centre setup needs (README "License products"). The protocol lives in src/server/license.
 */
import { ensureDatabaseReady } from "~/server/db";
import { handleLicenseCall } from "~/server/license/license-interface";
import { marketplaceConfig } from "~/server/marketplace/config";

export const dynamic = "force-dynamic";

export async function POST(request: Request): Promise<Response> {
  const db = await ensureDatabaseReady();
  // The raw text, not request.json(): the signature covers the literals as sent.
  const rawBody = await request.text();
  const url = new URL(request.url);
  const res = await handleLicenseCall(db.prisma, marketplaceConfig(), { rawBody, query: url.searchParams, path: url.pathname });
  return new Response(res.body, { status: res.status, headers: res.headers });
}

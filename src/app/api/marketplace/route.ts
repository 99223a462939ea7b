/**
 * The production address to register in the KooGallery seller console:
 *   https://<your-domain>/api/marketplace
 * All base-interface activities arrive here; the protocol lives in src/server/marketplace.
 */
import { ensureDatabaseReady } from "~/server/db";
import { handleBaseCall } from "~/server/marketplace/base-interface";
import { marketplaceConfig } from "~/server/marketplace/config";

export const dynamic = "force-dynamic";

export async function POST(request: Request): Promise<Response> {
  const db = await ensureDatabaseReady();
  // The raw text, not request.json(): the signature covers the literals as sent.
  const rawBody = await request.text();
  const url = new URL(request.url);
  const res = await handleBaseCall(db.prisma, marketplaceConfig(), {
    rawBody,
    query: url.searchParams,
    path: url.pathname,
  });
  return new Response(res.body, { status: res.status, headers: res.headers });
}

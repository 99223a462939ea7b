/** The baseline's marketplace work (bench/baseline/marketplace.ts) in a bare route handler. */
import { floorHandlers } from "../../handlers";

export const dynamic = "force-dynamic";

export async function POST(request: Request): Promise<Response> {
  const body = await request.text();
  const url = new URL(request.url);
  const answer = await floorHandlers().marketplace(body, url.searchParams, url.pathname);
  return new Response(answer, { status: 200, headers: { "content-type": "application/json;charset=UTF-8" } });
}

/** The bench waits for any HTTP answer on GET /api/marketplace (bench/servers.ts). */
export function GET(): Response {
  return new Response(null, { status: 405 });
}

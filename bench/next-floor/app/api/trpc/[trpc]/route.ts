/** The baseline's metered work (bench/baseline/metered.ts) in a bare route handler, at the app's tRPC path. */
import { floorHandlers } from "../../../handlers";

export const dynamic = "force-dynamic";

export async function POST(request: Request): Promise<Response> {
  const body = await request.text();
  const answer = await floorHandlers().metered(body, request.headers.get("cookie") ?? undefined);
  return new Response(answer.body, { status: answer.status, headers: { "content-type": "application/json" } });
}

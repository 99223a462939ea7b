/**
 * The local OneAccess emulator (src/dev/oneaccess-emulator): a tenant synced with
 * domainName = {APP_URL}/dev/oneaccess/{tenantId} signs in here, offline. A development tool:
 * 404 unless ONEACCESS_EMULATOR is set (npm run dev / quickstart / e2e set it; production
 * builds never have it on by themselves).
 */
import { getEnv } from "~/env";
import { ensureDatabaseReady } from "~/server/db";
import { emulatorBasePath, handleEmulatorRequest } from "~/dev/oneaccess-emulator";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

interface RouteContext {
  params: Promise<{ tenantId: string; path: string[] }>;
}

async function handler(request: Request, ctx: RouteContext): Promise<Response> {
  const env = getEnv();
  if (!env.ONEACCESS_EMULATOR) return new Response("Not found\n", { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  const { tenantId } = await ctx.params;
  const db = await ensureDatabaseReady();
  return handleEmulatorRequest(db.prisma, request, {
    basePath: emulatorBasePath(tenantId),
    tenantId,
    enabled: true,
    password: env.EMULATOR_PASSWORD,
    // Lets the app's refusal pages (not_synced, disabled) be tried: see the emulator's header.
    directoryLogins: true,
    allowedRedirectOrigins: [new URL(env.APP_URL).origin, new URL(request.url).origin],
  });
}

export { handler as GET, handler as POST };

/**
 * This app as the ISV's licence server: activates and checks codes through the License open APIs
 * (src/koogallery/license-client.ts, signed with KOOGALLERY_OPENAPI_AK/SK — the seller account's
 * keys, which therefore stay on this server) and records the outcome on the code's row:
 * activation time, the last heartbeat with its answer. The staff page's Activate / Heartbeat
 * buttons use it; an ISV's own endpoint for its software can too.
 *
 * Recording never changes the callback state machine (status, orders): the marketplace's callbacks
 * drive that. A success makes the code known (firstSeenVia "activate"/"heartbeat"); a refusal is
 * recorded only on a code we already know, so a mistyped code leaves no row.
 */
import { Prisma, type PrismaClient } from "~/generated/prisma/client";
import { getEnv, type Env } from "~/env";
import { LicenseApiError } from "~/koogallery/license-api-errors";
import { createLicenseClient, type LicenseClient } from "~/koogallery/license-client";
import { parseCompactUtc } from "~/koogallery/time";
import { AppError } from "~/server/errors";
import { retryOnUniqueViolation } from "~/server/marketplace/prisma-errors";

/** Below the License open API's own patience; the staff button waits for it. */
export const LICENSE_API_TIMEOUT_MS = 10_000;

export function licenseClientFromEnv(env: Env = getEnv()): LicenseClient {
  if (!env.KOOGALLERY_OPENAPI_AK || !env.KOOGALLERY_OPENAPI_SK) throw new AppError("LICENSE_API_NOT_CONFIGURED");
  return createLicenseClient({ endpoint: env.KOOGALLERY_OPENAPI_ENDPOINT, ak: env.KOOGALLERY_OPENAPI_AK, sk: env.KOOGALLERY_OPENAPI_SK, timeoutMs: LICENSE_API_TIMEOUT_MS });
}

/** What one open-API call answered, as staff see it. */
export type LicenseApiOutcome =
  | { ok: true; code: string; message: string; status: string | null; expireAt: Date | null }
  | { ok: false; code: string; kind: string; message: string; retryable: boolean };

function failed(err: LicenseApiError): LicenseApiOutcome {
  return { ok: false, code: err.code, kind: err.kind, message: err.message, retryable: err.retryable };
}

async function fillIfEmpty(prisma: PrismaClient, license: string, field: "expireAt" | "activatedAt", value: Date | undefined): Promise<void> {
  // Conditional, so it never overwrites what a callback or an earlier activation set meanwhile.
  if (value) await prisma.licenseCode.updateMany({ where: { license, [field]: null }, data: { [field]: value } });
}

export async function activateAndRecord(
  prisma: PrismaClient,
  client: LicenseClient,
  input: { license: string; realEffectTime?: string },
  nowMs = Date.now(),
): Promise<LicenseApiOutcome> {
  const now = new Date(nowMs);
  try {
    const r = await client.activate(input.license, input.realEffectTime);
    // The activation time is the service start: the requested effective time when given.
    const activatedAt = input.realEffectTime ? parseCompactUtc(input.realEffectTime) : now;
    const seen = { lastActivateAt: now, lastActivateCode: "92020000", activatedAt };
    await retryOnUniqueViolation(() =>
      prisma.licenseCode.upsert({
        where: { license: input.license },
        create: { license: input.license, firstSeenVia: "activate", productId: r.info.productId ?? null, orderId: r.info.orderId ?? null, expireAt: r.info.expireTime ?? null, ...seen },
        update: seen,
      }),
    );
    await fillIfEmpty(prisma, input.license, "expireAt", r.info.expireTime);
    return { ok: true, code: "92020000", message: r.errorMsg || "success", status: r.info.status ?? null, expireAt: r.info.expireTime ?? null };
  } catch (err) {
    if (!(err instanceof LicenseApiError)) throw err;
    await prisma.licenseCode.updateMany({ where: { license: input.license }, data: { lastActivateAt: now, lastActivateCode: err.code.slice(0, 32) } });
    return failed(err);
  }
}

export async function heartbeatAndRecord(prisma: PrismaClient, client: LicenseClient, license: string, nowMs = Date.now()): Promise<LicenseApiOutcome> {
  const now = new Date(nowMs);
  try {
    const r = await client.heartbeat(license);
    const seen = { lastHeartbeatAt: now, lastHeartbeatCode: "92020000", lastHeartbeatStatus: r.status.slice(0, 32), lastHeartbeatAnswer: r.raw as Prisma.InputJsonValue };
    await retryOnUniqueViolation(() =>
      prisma.licenseCode.upsert({
        where: { license },
        create: { license, firstSeenVia: "heartbeat", expireAt: r.expireTime ?? null, activatedAt: r.activateTime ?? null, ...seen },
        update: seen,
      }),
    );
    await fillIfEmpty(prisma, license, "activatedAt", r.activateTime);
    await fillIfEmpty(prisma, license, "expireAt", r.expireTime);
    return { ok: true, code: "92020000", message: r.errorMsg || "success", status: r.status, expireAt: r.expireTime ?? null };
  } catch (err) {
    if (!(err instanceof LicenseApiError)) throw err;
    await prisma.licenseCode.updateMany({
      where: { license },
      data: { lastHeartbeatAt: now, lastHeartbeatCode: err.code.slice(0, 32), lastHeartbeatStatus: null, lastHeartbeatAnswer: { error_code: err.code, kind: err.kind, message: err.message } },
    });
    return failed(err);
  }
}

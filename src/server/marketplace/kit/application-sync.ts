/**
 * 应用同步 applicationSync (docs/protocol/kit.md#applicationsync): the OAuth client of the tenant's OneAccess. clientSecret
 * arrives RSA-OAEP encrypted with our public key; it is decrypted with
 * KOOGALLERY_RSA_PRIVATE_KEY (SHA-256, then SHA-1 — docs/protocol/README.md#d5) and stored sealed with
 * DATA_ENCRYPTION_KEY. Undecryptable → 000101, as the official demo answers.
 */
import { decryptClientSecret } from "~/koogallery/rsa";
import type { ApplicationSyncRequest } from "~/koogallery/kit-schemas";
import { seal } from "~/server/crypto/at-rest";
import { AppError } from "~/server/errors";
import type { ActivityContext, ActivityResult } from "../context";
import { retryOnUniqueViolation } from "../prisma-errors";

export async function applicationSync(ctx: ActivityContext, body: ApplicationSyncRequest): Promise<ActivityResult> {
  const { prisma } = ctx;
  const key = { tenantId_appId: { tenantId: body.tenantId, appId: body.appId } };
  if (body.flag === 0) {
    await prisma.application.updateMany({
      where: { tenantId: body.tenantId, appId: body.appId, deletedAt: null },
      data: { deletedAt: new Date(ctx.nowMs) },
    });
    return { instanceId: body.instanceId || undefined };
  }
  if (!ctx.config.rsaPrivateKey) {
    throw new AppError("CLIENT_SECRET_UNREADABLE", "KOOGALLERY_RSA_PRIVATE_KEY is not configured");
  }
  let secret: string;
  try {
    secret = decryptClientSecret(body.clientSecret!, ctx.config.rsaPrivateKey);
  } catch (err) {
    throw new AppError("CLIENT_SECRET_UNREADABLE", (err as Error).message);
  }
  const data = {
    clientId: body.clientId,
    clientSecretEnc: seal(secret),
    ...(body.instanceId ? { instanceId: body.instanceId } : {}),
    deletedAt: null,
  };
  await retryOnUniqueViolation(() =>
    prisma.application.upsert({
      where: key,
      create: { tenantId: body.tenantId, appId: body.appId, isTest: ctx.isTest, ...data },
      update: data,
    }),
  );
  return { instanceId: body.instanceId || undefined };
}

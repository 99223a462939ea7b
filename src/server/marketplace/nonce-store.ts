/**
 * Replay protection shared by every replica: a nonce is accepted once within the signature
 * window. The primary key on SeenNonce decides races between processes; an expired row may be
 * reused (its timestamp window has passed, so a replay of the old request fails the
 * timestamp check anyway).
 */
import type { PrismaClient } from "~/generated/prisma/client";

export async function rememberNonce(
  prisma: PrismaClient,
  nonce: string,
  channel: "base" | "kit" | "license",
  ttlMs: number,
  nowMs = Date.now(),
): Promise<boolean> {
  const expiresAt = new Date(nowMs + ttlMs);
  const now = new Date(nowMs);
  const rows = await prisma.$queryRaw<{ nonce: string }[]>`
    INSERT INTO "SeenNonce" ("nonce", "channel", "expiresAt", "createdAt")
    VALUES (${nonce}, ${channel}, ${expiresAt}, ${now})
    ON CONFLICT ("nonce") DO UPDATE
      SET "channel" = EXCLUDED."channel", "expiresAt" = EXCLUDED."expiresAt", "createdAt" = EXCLUDED."createdAt"
      WHERE "SeenNonce"."expiresAt" < ${now}
    RETURNING "nonce"`;
  // Housekeeping on ~1% of calls keeps the table at roughly one window of traffic.
  if (Math.random() < 0.01) {
    await prisma.seenNonce.deleteMany({ where: { expiresAt: { lt: now } } }).catch(() => {});
  }
  return rows.length === 1;
}

-- CreateTable
CREATE TABLE "CustomerSession" (
    "id" VARCHAR(64) NOT NULL,
    "tenantId" VARCHAR(64) NOT NULL,
    "userName" VARCHAR(64) NOT NULL,
    "appId" VARCHAR(64) NOT NULL,
    "name" VARCHAR(64) NOT NULL,
    "role" VARCHAR(32) NOT NULL,
    "instanceId" VARCHAR(64) NOT NULL,
    "accessTokenEnc" TEXT NOT NULL,
    "refreshTokenEnc" TEXT,
    "accessTokenExpiresAt" TIMESTAMP(3) NOT NULL,
    "tokenVersion" INTEGER NOT NULL DEFAULT 0,
    "refreshLockedUntil" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "revokedAt" TIMESTAMP(3),
    "revokedReason" VARCHAR(32),

    CONSTRAINT "CustomerSession_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "CustomerSession_tenantId_userName_idx" ON "CustomerSession"("tenantId", "userName");

-- CreateIndex
CREATE INDEX "CustomerSession_expiresAt_idx" ON "CustomerSession"("expiresAt");

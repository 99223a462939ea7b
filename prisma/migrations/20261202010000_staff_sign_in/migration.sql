-- CreateTable
CREATE TABLE "StaffSession" (
    "id" VARCHAR(64) NOT NULL,
    "userName" VARCHAR(64) NOT NULL,
    "clientAddress" VARCHAR(64) NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "revokedAt" TIMESTAMP(3),
    "revokedReason" VARCHAR(32),

    CONSTRAINT "StaffSession_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "StaffLoginThrottle" (
    "scope" VARCHAR(16) NOT NULL,
    "key" VARCHAR(128) NOT NULL,
    "attempts" INTEGER NOT NULL,
    "windowStartedAt" TIMESTAMP(3) NOT NULL,
    "lockedUntil" TIMESTAMP(3),
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "StaffLoginThrottle_pkey" PRIMARY KEY ("scope","key")
);

-- CreateTable
CREATE TABLE "StaffLoginAttempt" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "userName" VARCHAR(64) NOT NULL,
    "clientAddress" VARCHAR(64) NOT NULL,
    "userAgent" VARCHAR(255),
    "outcome" VARCHAR(32) NOT NULL,
    "retryAfterSeconds" INTEGER,
    "sessionId" VARCHAR(64),

    CONSTRAINT "StaffLoginAttempt_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "StaffSession_expiresAt_idx" ON "StaffSession"("expiresAt");

-- CreateIndex
CREATE INDEX "StaffLoginThrottle_updatedAt_idx" ON "StaffLoginThrottle"("updatedAt");

-- CreateIndex
CREATE INDEX "StaffLoginAttempt_createdAt_idx" ON "StaffLoginAttempt"("createdAt");

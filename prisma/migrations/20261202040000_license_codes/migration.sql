-- CreateEnum
CREATE TYPE "LicenseCodeStatus" AS ENUM ('ACTIVE', 'FROZEN', 'RELEASED');

-- CreateTable
CREATE TABLE "LicenseCode" (
    "license" VARCHAR(64) NOT NULL,
    "status" "LicenseCodeStatus" NOT NULL DEFAULT 'ACTIVE',
    "productId" VARCHAR(64),
    "orderId" VARCHAR(64),
    "orderLineId" VARCHAR(64),
    "expireAt" TIMESTAMP(3),
    "isTest" BOOLEAN NOT NULL DEFAULT false,
    "firstSeenVia" VARCHAR(32) NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "frozenAt" TIMESTAMP(3),
    "releasedAt" TIMESTAMP(3),
    "activatedAt" TIMESTAMP(3),
    "lastActivateAt" TIMESTAMP(3),
    "lastActivateCode" VARCHAR(32),
    "lastHeartbeatAt" TIMESTAMP(3),
    "lastHeartbeatCode" VARCHAR(32),
    "lastHeartbeatStatus" VARCHAR(32),
    "lastHeartbeatAnswer" JSONB,

    CONSTRAINT "LicenseCode_pkey" PRIMARY KEY ("license")
);

-- CreateTable
CREATE TABLE "LicenseOrder" (
    "id" UUID NOT NULL,
    "license" VARCHAR(64) NOT NULL,
    "activity" VARCHAR(32) NOT NULL,
    "scene" VARCHAR(64) NOT NULL,
    "orderId" VARCHAR(64) NOT NULL,
    "orderLineId" VARCHAR(64) NOT NULL,
    "productId" VARCHAR(64),
    "expireAt" TIMESTAMP(3),
    "isTest" BOOLEAN NOT NULL DEFAULT false,
    "callId" UUID,
    "appliedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "LicenseOrder_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "LicenseTransition" (
    "id" UUID NOT NULL,
    "license" VARCHAR(64) NOT NULL,
    "activity" VARCHAR(32) NOT NULL,
    "event" VARCHAR(32) NOT NULL,
    "fromStatus" "LicenseCodeStatus",
    "toStatus" "LicenseCodeStatus",
    "accepted" BOOLEAN NOT NULL,
    "isTest" BOOLEAN NOT NULL DEFAULT false,
    "reason" TEXT,
    "callId" UUID,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "LicenseTransition_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "LicenseCode_createdAt_idx" ON "LicenseCode"("createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "LicenseOrder_license_activity_scene_orderId_orderLineId_key" ON "LicenseOrder"("license", "activity", "scene", "orderId", "orderLineId");

-- CreateIndex
CREATE INDEX "LicenseTransition_license_createdAt_idx" ON "LicenseTransition"("license", "createdAt");

-- AddForeignKey
ALTER TABLE "LicenseOrder" ADD CONSTRAINT "LicenseOrder_license_fkey" FOREIGN KEY ("license") REFERENCES "LicenseCode"("license") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LicenseTransition" ADD CONSTRAINT "LicenseTransition_license_fkey" FOREIGN KEY ("license") REFERENCES "LicenseCode"("license") ON DELETE CASCADE ON UPDATE CASCADE;

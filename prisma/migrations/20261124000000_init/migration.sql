-- CreateEnum
CREATE TYPE "InstanceStatus" AS ENUM ('ACTIVE', 'FROZEN', 'RELEASED');

-- CreateTable
CREATE TABLE "Instance" (
    "id" VARCHAR(64) NOT NULL,
    "newInstanceKey" VARCHAR(200) NOT NULL,
    "orderId" VARCHAR(64) NOT NULL,
    "orderLineId" VARCHAR(64) NOT NULL,
    "businessId" VARCHAR(64) NOT NULL,
    "productId" VARCHAR(64),
    "skuCode" VARCHAR(64),
    "chargingMode" VARCHAR(32),
    "status" "InstanceStatus" NOT NULL DEFAULT 'ACTIVE',
    "expireAt" TIMESTAMP(3),
    "isTest" BOOLEAN NOT NULL DEFAULT false,
    "adminUserName" VARCHAR(64) NOT NULL,
    "adminPasswordEnc" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "frozenAt" TIMESTAMP(3),
    "releasedAt" TIMESTAMP(3),

    CONSTRAINT "Instance_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "InstanceOrder" (
    "id" UUID NOT NULL,
    "instanceId" VARCHAR(64) NOT NULL,
    "activity" VARCHAR(32) NOT NULL,
    "scene" VARCHAR(64) NOT NULL,
    "orderId" VARCHAR(64) NOT NULL,
    "orderLineId" VARCHAR(64) NOT NULL,
    "productId" VARCHAR(64),
    "expireAt" TIMESTAMP(3),
    "isTest" BOOLEAN NOT NULL DEFAULT false,
    "appliedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "InstanceOrder_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "InstanceTransition" (
    "id" UUID NOT NULL,
    "instanceId" VARCHAR(64) NOT NULL,
    "event" VARCHAR(32) NOT NULL,
    "fromStatus" "InstanceStatus",
    "toStatus" "InstanceStatus",
    "accepted" BOOLEAN NOT NULL,
    "reason" TEXT,
    "callId" UUID,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "InstanceTransition_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SeenNonce" (
    "nonce" VARCHAR(128) NOT NULL,
    "channel" VARCHAR(16) NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SeenNonce_pkey" PRIMARY KEY ("nonce")
);

-- CreateTable
CREATE TABLE "MarketplaceCall" (
    "id" UUID NOT NULL,
    "channel" VARCHAR(16) NOT NULL,
    "activity" VARCHAR(64),
    "path" VARCHAR(255) NOT NULL,
    "orderId" VARCHAR(64),
    "orderLineId" VARCHAR(64),
    "instanceId" VARCHAR(128),
    "tenantId" VARCHAR(64),
    "nonce" VARCHAR(128),
    "isTest" BOOLEAN NOT NULL DEFAULT false,
    "requestBody" JSONB,
    "rawBody" TEXT,
    "resultCode" VARCHAR(6),
    "resultMsg" TEXT,
    "responseBody" JSONB,
    "httpStatus" INTEGER,
    "latencyMs" INTEGER,
    "receivedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "completedAt" TIMESTAMP(3),

    CONSTRAINT "MarketplaceCall_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Instance_newInstanceKey_key" ON "Instance"("newInstanceKey");

-- CreateIndex
CREATE INDEX "Instance_orderId_idx" ON "Instance"("orderId");

-- CreateIndex
CREATE UNIQUE INDEX "InstanceOrder_instanceId_activity_scene_orderId_orderLineId_key" ON "InstanceOrder"("instanceId", "activity", "scene", "orderId", "orderLineId");

-- CreateIndex
CREATE INDEX "InstanceTransition_instanceId_createdAt_idx" ON "InstanceTransition"("instanceId", "createdAt");

-- CreateIndex
CREATE INDEX "SeenNonce_expiresAt_idx" ON "SeenNonce"("expiresAt");

-- CreateIndex
CREATE INDEX "MarketplaceCall_receivedAt_idx" ON "MarketplaceCall"("receivedAt");

-- CreateIndex
CREATE INDEX "MarketplaceCall_activity_receivedAt_idx" ON "MarketplaceCall"("activity", "receivedAt");

-- CreateIndex
CREATE INDEX "MarketplaceCall_resultCode_receivedAt_idx" ON "MarketplaceCall"("resultCode", "receivedAt");

-- AddForeignKey
ALTER TABLE "InstanceOrder" ADD CONSTRAINT "InstanceOrder_instanceId_fkey" FOREIGN KEY ("instanceId") REFERENCES "Instance"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "InstanceTransition" ADD CONSTRAINT "InstanceTransition_instanceId_fkey" FOREIGN KEY ("instanceId") REFERENCES "Instance"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AlterTable
ALTER TABLE "Instance" ADD COLUMN     "accountKey" VARCHAR(160),
ADD COLUMN     "customerId" VARCHAR(64),
ADD COLUMN     "dataPurgeAfter" TIMESTAMP(3),
ADD COLUMN     "dataPurgedAt" TIMESTAMP(3),
ADD COLUMN     "planId" VARCHAR(64),
ADD COLUMN     "trialEndsAt" TIMESTAMP(3);

-- CreateTable
CREATE TABLE "MeterGrant" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "grantKey" VARCHAR(255) NOT NULL,
    "accountKey" VARCHAR(160) NOT NULL,
    "meter" VARCHAR(64) NOT NULL,
    "kind" VARCHAR(16) NOT NULL,
    "sourceInstanceId" VARCHAR(64) NOT NULL,
    "quota" DECIMAL(20,4) NOT NULL,
    "used" DECIMAL(20,4) NOT NULL DEFAULT 0,
    "validFrom" TIMESTAMP(3) NOT NULL,
    "validUntil" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "MeterGrant_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "UsageDebit" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "accountKey" VARCHAR(160) NOT NULL,
    "idempotencyKey" VARCHAR(128) NOT NULL,
    "instanceId" VARCHAR(64) NOT NULL,
    "meter" VARCHAR(64) NOT NULL,
    "amount" DECIMAL(20,4) NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "UsageDebit_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "UsageEntry" (
    "id" BIGSERIAL NOT NULL,
    "debitId" UUID NOT NULL,
    "accountKey" VARCHAR(160) NOT NULL,
    "instanceId" VARCHAR(64) NOT NULL,
    "meter" VARCHAR(64) NOT NULL,
    "amount" DECIMAL(20,4) NOT NULL,
    "grantId" UUID,
    "packageInstanceId" VARCHAR(64),
    "billedInstanceId" VARCHAR(64),
    "pushRecordId" UUID,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "UsageEntry_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "UsagePushRecord" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "meteringSn" VARCHAR(64) NOT NULL,
    "instanceId" VARCHAR(64) NOT NULL,
    "packageInstanceId" VARCHAR(64) NOT NULL DEFAULT '',
    "meter" VARCHAR(64) NOT NULL,
    "hourStart" TIMESTAMP(3) NOT NULL,
    "seq" INTEGER NOT NULL,
    "usageValue" DECIMAL(16,4) NOT NULL,
    "status" VARCHAR(16) NOT NULL DEFAULT 'PENDING',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "leaseUntil" TIMESTAMP(3),
    "lastError" TEXT,
    "lastResultCode" VARCHAR(32),
    "recordTime" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "sentAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "UsagePushRecord_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "QuotaAllocation" (
    "accountKey" VARCHAR(160) NOT NULL,
    "quota" VARCHAR(64) NOT NULL,
    "used" INTEGER NOT NULL DEFAULT 0,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "QuotaAllocation_pkey" PRIMARY KEY ("accountKey","quota")
);

-- CreateIndex
CREATE INDEX "Instance_accountKey_idx" ON "Instance"("accountKey");

-- CreateIndex
CREATE UNIQUE INDEX "MeterGrant_grantKey_key" ON "MeterGrant"("grantKey");

-- CreateIndex
CREATE INDEX "MeterGrant_accountKey_meter_idx" ON "MeterGrant"("accountKey", "meter");

-- CreateIndex
CREATE INDEX "MeterGrant_sourceInstanceId_idx" ON "MeterGrant"("sourceInstanceId");

-- CreateIndex
CREATE UNIQUE INDEX "UsageDebit_accountKey_idempotencyKey_key" ON "UsageDebit"("accountKey", "idempotencyKey");

-- CreateIndex
CREATE INDEX "UsageEntry_accountKey_createdAt_idx" ON "UsageEntry"("accountKey", "createdAt");

-- CreateIndex
CREATE INDEX "UsageEntry_debitId_idx" ON "UsageEntry"("debitId");

-- CreateIndex
CREATE INDEX "UsageEntry_billedInstanceId_idx" ON "UsageEntry"("billedInstanceId");

-- CreateIndex
CREATE INDEX "UsageEntry_pushRecordId_createdAt_idx" ON "UsageEntry"("pushRecordId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "UsagePushRecord_meteringSn_key" ON "UsagePushRecord"("meteringSn");

-- CreateIndex
CREATE INDEX "UsagePushRecord_status_nextAttemptAt_idx" ON "UsagePushRecord"("status", "nextAttemptAt");

-- CreateIndex
CREATE UNIQUE INDEX "UsagePushRecord_instanceId_packageInstanceId_meter_hourStar_key" ON "UsagePushRecord"("instanceId", "packageInstanceId", "meter", "hourStart", "seq");

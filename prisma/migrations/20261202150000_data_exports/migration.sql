-- The demo metered feature with its own table (docs/extending.md; src/server/exports).
-- CreateTable
CREATE TABLE "DataExport" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "tenantId" VARCHAR(64) NOT NULL,
    "instanceId" VARCHAR(64) NOT NULL,
    "debitId" UUID NOT NULL,
    "kind" VARCHAR(32) NOT NULL,
    "rowCount" INTEGER NOT NULL,
    "createdBy" VARCHAR(64) NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "DataExport_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "DataExport_debitId_key" ON "DataExport"("debitId");

-- CreateIndex
CREATE INDEX "DataExport_tenantId_createdAt_idx" ON "DataExport"("tenantId", "createdAt");

-- CreateIndex
CREATE INDEX "DataExport_instanceId_idx" ON "DataExport"("instanceId");

-- CreateTable
CREATE TABLE "Project" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "tenantId" VARCHAR(64) NOT NULL,
    "instanceId" VARCHAR(64) NOT NULL,
    "accountKey" VARCHAR(160) NOT NULL,
    "name" VARCHAR(80) NOT NULL,
    "createdBy" VARCHAR(64) NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Project_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Project_instanceId_idx" ON "Project"("instanceId");

-- CreateIndex
CREATE UNIQUE INDEX "Project_tenantId_name_key" ON "Project"("tenantId", "name");

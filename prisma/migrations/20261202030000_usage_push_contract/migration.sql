-- AlterTable
ALTER TABLE "Instance" ADD COLUMN     "linearValue" DECIMAL(20,4);

-- AlterTable
ALTER TABLE "UsagePushRecord" ADD COLUMN     "beginTime" TIMESTAMP(3),
ADD COLUMN     "deadAt" TIMESTAMP(3),
ADD COLUMN     "deadReason" VARCHAR(32),
ADD COLUMN     "endTime" TIMESTAMP(3);

-- CreateTable
CREATE TABLE "UsagePushRequeue" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "recordId" UUID NOT NULL,
    "requeuedBy" VARCHAR(64) NOT NULL,
    "requeuedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "deadReason" VARCHAR(32),
    "lastResultCode" VARCHAR(32),

    CONSTRAINT "UsagePushRequeue_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PackageLink" (
    "packageInstanceId" VARCHAR(64) NOT NULL,
    "meter" VARCHAR(64) NOT NULL,
    "onDemandInstanceId" VARCHAR(64) NOT NULL,
    "source" VARCHAR(32) NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PackageLink_pkey" PRIMARY KEY ("packageInstanceId","meter")
);

-- Data: records not yet sent that carry a 用完即停 package as instance_id (the earlier guess) lose
-- it; the next worker cycle maps them to the package's on-demand instance (docs/billing.md §6).
UPDATE "UsagePushRecord" SET "instanceId" = ''
 WHERE "status" <> 'SENT' AND "packageInstanceId" <> '' AND "instanceId" = "packageInstanceId";

-- Data: every other record gets the window it is (or was) sent with; a second record of one
-- instance and hour ends one second earlier per record, so no two share a begin/end.
UPDATE "UsagePushRecord" r
   SET "beginTime" = s."hourStart",
       "endTime" = s."hourStart" + INTERVAL '1 hour' - s.slot * INTERVAL '1 second'
  FROM (SELECT "id", "hourStart",
               ROW_NUMBER() OVER (PARTITION BY "instanceId", "hourStart" ORDER BY "seq", "packageInstanceId", "meter", "id") - 1 AS slot
          FROM "UsagePushRecord" WHERE "instanceId" <> '') s
 WHERE r."id" = s."id";

-- CreateIndex
CREATE INDEX "UsagePushRequeue_recordId_requeuedAt_idx" ON "UsagePushRequeue"("recordId", "requeuedAt");

-- CreateIndex
CREATE INDEX "PackageLink_onDemandInstanceId_idx" ON "PackageLink"("onDemandInstanceId");

-- CreateIndex
CREATE UNIQUE INDEX "UsagePushRecord_instanceId_beginTime_endTime_key" ON "UsagePushRecord"("instanceId", "beginTime", "endTime");

-- AddForeignKey
ALTER TABLE "UsagePushRequeue" ADD CONSTRAINT "UsagePushRequeue_recordId_fkey" FOREIGN KEY ("recordId") REFERENCES "UsagePushRecord"("id") ON DELETE CASCADE ON UPDATE CASCADE;

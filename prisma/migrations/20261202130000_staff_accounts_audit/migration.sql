-- Staff accounts with roles and the staff audit log (README "Staff accounts and roles",
-- "Audit log"). The re-queue audit rows (UsagePushRequeue) move into StaffAuditEvent: one store
-- for everything staff did.

-- CreateTable
CREATE TABLE "StaffAccount" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "userName" VARCHAR(64) NOT NULL,
    "passwordHash" VARCHAR(100) NOT NULL,
    "role" VARCHAR(16) NOT NULL,
    "bootstrap" BOOLEAN,
    "disabledAt" TIMESTAMP(3),
    "createdBy" VARCHAR(64),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "StaffAccount_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "StaffAuditEvent" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actor" VARCHAR(64) NOT NULL,
    "actorRole" VARCHAR(16),
    "action" VARCHAR(48) NOT NULL,
    "target" VARCHAR(128),
    "details" JSONB,
    "clientAddress" VARCHAR(64),

    CONSTRAINT "StaffAuditEvent_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "StaffAccount_userName_key" ON "StaffAccount"("userName");

-- CreateIndex
CREATE UNIQUE INDEX "StaffAccount_bootstrap_key" ON "StaffAccount"("bootstrap");

-- CreateIndex
CREATE INDEX "StaffAuditEvent_at_idx" ON "StaffAuditEvent"("at");

-- CreateIndex
CREATE INDEX "StaffAuditEvent_actor_at_idx" ON "StaffAuditEvent"("actor", "at");

-- CreateIndex
CREATE INDEX "StaffAuditEvent_action_at_idx" ON "StaffAuditEvent"("action", "at");

-- CreateIndex
CREATE INDEX "StaffAuditEvent_target_at_idx" ON "StaffAuditEvent"("target", "at");

-- Fold the re-queue audit into the one audit table.
INSERT INTO "StaffAuditEvent" ("id", "at", "actor", "action", "target", "details")
SELECT "id", "requeuedAt", "requeuedBy", 'usage.requeue', "recordId"::text,
       jsonb_build_object('deadReason', "deadReason", 'lastResultCode', "lastResultCode")
FROM "UsagePushRequeue";

-- DropTable
DROP TABLE "UsagePushRequeue";

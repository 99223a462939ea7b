-- CreateTable
CREATE TABLE "ConformanceRun" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "receivedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "kind" VARCHAR(8) NOT NULL,
    "mode" VARCHAR(16) NOT NULL,
    "target" VARCHAR(512) NOT NULL,
    "passed" BOOLEAN NOT NULL,
    "startedAt" TIMESTAMP(3) NOT NULL,
    "finishedAt" TIMESTAMP(3) NOT NULL,
    "cases" INTEGER NOT NULL,
    "calls" INTEGER NOT NULL,
    "failedCalls" INTEGER NOT NULL,
    "firstFailure" VARCHAR(512),
    "seed" INTEGER NOT NULL,
    "everySeconds" INTEGER,

    CONSTRAINT "ConformanceRun_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "ConformanceRun_receivedAt_idx" ON "ConformanceRun"("receivedAt");

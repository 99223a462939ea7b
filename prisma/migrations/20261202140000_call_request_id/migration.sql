-- AlterTable
ALTER TABLE "MarketplaceCall" ADD COLUMN     "requestId" VARCHAR(128);

-- CreateIndex
CREATE INDEX "MarketplaceCall_requestId_idx" ON "MarketplaceCall"("requestId");

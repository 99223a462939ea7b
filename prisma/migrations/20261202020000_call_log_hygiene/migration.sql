-- AlterTable
ALTER TABLE "MarketplaceCall" ADD COLUMN     "interruptedAt" TIMESTAMP(3),
ADD COLUMN     "requestBytes" INTEGER;

-- CreateIndex
CREATE INDEX "MarketplaceCall_completedAt_receivedAt_idx" ON "MarketplaceCall"("completedAt", "receivedAt");

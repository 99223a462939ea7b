-- Staff console lists (issue 12): an instance's calls newest first, and the instance list's
-- newest-first order and date range.
CREATE INDEX "MarketplaceCall_instanceId_receivedAt_idx" ON "MarketplaceCall"("instanceId", "receivedAt");
CREATE INDEX "Instance_createdAt_idx" ON "Instance"("createdAt");

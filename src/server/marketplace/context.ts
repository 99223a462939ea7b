import type { PrismaClient } from "~/generated/prisma/client";
import type { MarketplaceConfig } from "./config";

/** What an activity handler gets besides its validated body. */
export interface ActivityContext {
  prisma: PrismaClient;
  config: MarketplaceConfig;
  callId: string;
  isTest: boolean;
  nowMs: number;
}

/** A successful answer: extra top-level response fields (instanceId, info, appInfo …). */
export interface ActivityResult {
  fields?: Record<string, unknown>;
  resultMsg?: string;
  /** The instance this call concerned, for the call log. */
  instanceId?: string;
}

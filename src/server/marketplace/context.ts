import type { PrismaClient } from "~/generated/prisma/client";
import type { HotStatement, HotRow } from "./call-statements";
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

/** What a hot activity's statement may depend on: known before the call row is written. */
export interface HotInput {
  config: MarketplaceConfig;
  callId: string;
  isTest: boolean;
  nowMs: number;
}

/**
 * A hot activity (newInstance, queryInstance): its reads and writes folded into the statement
 * that opens the call (call-statements.ts), then `finish` builds the answer from the rows.
 */
export interface HotWork extends HotStatement {
  finish(ctx: ActivityContext, rows: HotRow[]): Promise<ActivityResult>;
}

/**
 * queryInstance on the hot path (README "Marketplace callbacks: statements per call"): the
 * instances are read in the statement that opens the call (call-statements.ts), only when the
 * nonce was claimed. A debug query keeps the ordinary path (query-instance.ts): it may have to
 * create the debug instances it names (debug-sandbox.ts). usageInfo of metered plans is read
 * afterwards as on the ordinary path (src/server/billing/usage-info.ts).
 */
import type { HotRow } from "../call-statements";
import type { HotInput, HotWork } from "../context";
import { queryAnswer, type QueriedInstance } from "./query-instance";

const SQL = `
SELECT c."claimed", i."id", i."status"::text AS "status", i."planId", i."accountKey", i."adminUserName", i."adminPasswordEnc"
FROM (SELECT count(*)::int AS "claimed" FROM "claim") c
LEFT JOIN "Instance" i ON c."claimed" = 1 AND i."id" = ANY(:instanceIds::varchar[])`;

export function queryInstanceHot(body: { instanceIds: string[] }, input: HotInput): HotWork | undefined {
  if (input.isTest) return undefined;
  return {
    name: "queryInstance",
    sql: SQL,
    params: { instanceIds: body.instanceIds },
    finish(ctx, rows: HotRow[]) {
      const found = rows.filter((r) => r.id !== null) as unknown as QueriedInstance[];
      return queryAnswer(ctx, body.instanceIds, found);
    },
  };
}

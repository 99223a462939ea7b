/**
 * Makes new outbox records sendable: every PENDING record without a window gets its instance_id
 * (a 用完即停 package's from PackageLink, package-links.ts) and its begin/end window.
 *
 * Windows: the marketplace counts only the first record of an instance with a given begin/end
 * (per-record check 010 "话单重复"), yet one instance can have several records for one hour — a
 * late debit's supplementary record, two 用完即停 packages drawn in the same hour, or the meters
 * of a multi-meter package under KOOGALLERY_STOP_PKG_INSTANCE=package. So the first record of an
 * instance and hour is sent as [hour, hour + 1 h], and each further one ends one second earlier
 * than the last: [hour, hour + 1 h − n s]. Still inside the hour the usage happened in, and never
 * the same pair twice — the unique index (instanceId, beginTime, endTime) guarantees it.
 *
 * A 用完即停 record whose package has no on-demand instance becomes a dead letter
 * (NO_ON_DEMAND_INSTANCE): never pushed with the package id instead. Staff re-queue it once the
 * on-demand instance exists (or the setting changed); the next cycle resolves it again.
 *
 * Runs under the aggregation's advisory lock (aggregation.ts), so slot numbers never race.
 */
import type { Prisma } from "~/generated/prisma/client";
import { linkPackages } from "./package-links";

const ASSIGN = `
WITH todo AS (
  SELECT r."id", r."hourStart", COALESCE(NULLIF(r."instanceId", ''), l."onDemandInstanceId") AS inst
    FROM "UsagePushRecord" r
    LEFT JOIN "PackageLink" l
      ON r."instanceId" = '' AND l."packageInstanceId" = r."packageInstanceId" AND l."meter" = r."meter"
   WHERE r."status" = 'PENDING' AND r."beginTime" IS NULL
),
slots AS (
  SELECT t."id", t.inst, t."hourStart",
         ROW_NUMBER() OVER (PARTITION BY t.inst, t."hourStart" ORDER BY t."id") +
         COALESCE((SELECT MAX(EXTRACT(EPOCH FROM (x."hourStart" + INTERVAL '1 hour' - x."endTime")))::int
                     FROM "UsagePushRecord" x
                    WHERE x."instanceId" = t.inst AND x."hourStart" = t."hourStart" AND x."endTime" IS NOT NULL), -1) AS slot
    FROM todo t
   WHERE t.inst IS NOT NULL
)
UPDATE "UsagePushRecord" r
   SET "instanceId" = s.inst,
       "beginTime" = s."hourStart",
       "endTime" = s."hourStart" + INTERVAL '1 hour' - s.slot * INTERVAL '1 second'
  FROM slots s
 WHERE r."id" = s."id" AND s.slot < 3600
`;

const UNRESOLVED = `
UPDATE "UsagePushRecord"
   SET "status" = 'FAILED', "deadReason" = 'NO_ON_DEMAND_INSTANCE', "deadAt" = $1::text::timestamp(3), "leaseUntil" = NULL,
       "lastError" = '用完即停 package ' || "packageInstanceId" || ' has no on-demand instance for ' || "meter" ||
                     ': not pushed (a package id is never sent as instance_id)'
 WHERE "status" = 'PENDING' AND "instanceId" = '' AND "beginTime" IS NULL
`;

export interface ResolveResult {
  linked: number;
  resolved: number;
  unresolved: number;
}

export async function resolvePushRecords(tx: Prisma.TransactionClient, nowMs: number, mode: "on-demand" | "package"): Promise<ResolveResult> {
  const pairs = await tx.$queryRawUnsafe<Array<{ packageInstanceId: string; meter: string }>>(
    `SELECT DISTINCT r."packageInstanceId", r."meter"
       FROM "UsagePushRecord" r
      WHERE r."status" = 'PENDING' AND r."instanceId" = '' AND r."beginTime" IS NULL AND r."packageInstanceId" <> ''
        AND NOT EXISTS (SELECT 1 FROM "PackageLink" l WHERE l."packageInstanceId" = r."packageInstanceId" AND l."meter" = r."meter")`,
  );
  const linked = await linkPackages(tx, pairs, mode);
  const resolved = await tx.$executeRawUnsafe(ASSIGN);
  const unresolved = await tx.$executeRawUnsafe(UNRESOLVED, new Date(nowMs).toISOString());
  return { linked, resolved, unresolved };
}

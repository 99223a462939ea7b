/**
 * The debit as ONE SQL statement: re-check that the account is live, claim the idempotency key,
 * lock the meter's grants, draw them oldest-expiring first, and write the ledger — or do nothing.
 *
 * Why one statement: it is atomic on its own (autocommit), holds the grant row locks for a single
 * round trip, and behaves the same on PGlite (one connection, statements run one at a time) and on
 * PostgreSQL with many connections and processes. Under READ COMMITTED, `FOR UPDATE OF g` makes a
 * concurrent debit of the same account and meter wait, then re-read the grants as committed by the
 * winner (PostgreSQL's EvalPlanQual re-check), so two debits can never both spend the same
 * remainder. A repeated idempotency key meets the committed UsageDebit row in the unique index and
 * inserts nothing, and every later step depends on that insert. Grants are locked in id order,
 * whatever the plan, so concurrent debits of one account cannot deadlock.
 *
 * All-or-nothing: with shortfall "refuse" the debit happens only if the grants cover the whole
 * amount (a request that would overdraw is refused, not partially served).
 */
import type { PrismaClient } from "~/generated/prisma/client";

const SQL = `
WITH live AS (
  SELECT 1 AS ok FROM "Instance"
   WHERE "id" IN (SELECT jsonb_array_elements_text($7::text::jsonb)) AND "status" = 'ACTIVE'
   LIMIT 1
),
prior AS (
  SELECT "id", "meter", "amount" FROM "UsageDebit" WHERE "accountKey" = $1::text AND "idempotencyKey" = $4::text
),
required AS (
  SELECT COUNT(*)::int AS found FROM "MeterGrant" WHERE "grantKey" = $11::text
),
ready AS (
  SELECT 1 AS ok
   WHERE EXISTS (SELECT 1 FROM live) AND NOT EXISTS (SELECT 1 FROM prior)
     AND ($11::text IS NULL OR (SELECT found FROM required) > 0)
),
locked AS (
  SELECT g."id", g."kind", g."sourceInstanceId", g."quota" - g."used" AS "left", g."validUntil", g."validFrom", g."grantKey", i."isTest" AS "sourceIsTest"
    FROM "MeterGrant" g JOIN "Instance" i ON i."id" = g."sourceInstanceId"
   WHERE g."accountKey" = $1::text AND g."meter" = $2::text AND g."used" < g."quota"
     AND g."validFrom" <= $6::text::timestamp(3)
     AND (g."validUntil" IS NULL OR g."validUntil" > $6::text::timestamp(3))
     AND i."status" = 'ACTIVE'
     AND EXISTS (SELECT 1 FROM ready)
   -- One lock order for everyone (LockRows sits above the sort): no deadlocks between debits.
   ORDER BY g."id"
     FOR UPDATE OF g
),
ordered AS (
  SELECT l.*, SUM(l."left") OVER (ORDER BY l."validUntil" ASC NULLS LAST, l."validFrom", l."grantKey") AS cum
    FROM locked l
),
avail AS (
  SELECT COALESCE(MAX(cum), 0) AS total FROM ordered
),
go AS (
  SELECT 1 AS ok FROM ready WHERE $12::text = 'overflow' OR (SELECT total FROM avail) >= $3::text::numeric
),
debit AS (
  INSERT INTO "UsageDebit" ("accountKey", "idempotencyKey", "instanceId", "meter", "amount")
  SELECT $1::text, $4::text, $5::text, $2::text, $3::text::numeric FROM go
  ON CONFLICT ("accountKey", "idempotencyKey") DO NOTHING
  RETURNING "id"
),
take AS (
  SELECT o."id", o."sourceIsTest", LEAST(o."left", $3::text::numeric - (o.cum - o."left")) AS draw
    FROM ordered o
   WHERE o.cum - o."left" < $3::text::numeric AND EXISTS (SELECT 1 FROM debit)
),
upd AS (
  UPDATE "MeterGrant" g SET "used" = g."used" + t.draw
    FROM take t WHERE g."id" = t."id"
  RETURNING g."id", g."kind", g."sourceInstanceId", t."sourceIsTest", t.draw
),
rest AS (
  SELECT $3::text::numeric - COALESCE((SELECT SUM(draw) FROM take), 0) AS amount FROM debit
),
ins AS (
  INSERT INTO "UsageEntry" ("debitId", "accountKey", "instanceId", "meter", "amount", "grantId", "packageInstanceId", "billedInstanceId", "createdAt")
  SELECT d."id", $1::text, $5::text, $2::text, u.draw, u."id",
         CASE WHEN u."kind" = 'PACKAGE' THEN u."sourceInstanceId" END,
         CASE WHEN u."kind" <> 'PACKAGE' OR u."sourceIsTest" THEN NULL WHEN $9::text = 'self' THEN u."sourceInstanceId" ELSE $10::text END,
         $6::text::timestamp(3)
    FROM debit d CROSS JOIN upd u
  UNION ALL
  SELECT d."id", $1::text, $5::text, $2::text, r.amount, NULL, NULL, $8::text, $6::text::timestamp(3)
    FROM debit d CROSS JOIN rest r WHERE r.amount > 0
)
SELECT
  (SELECT COUNT(*)::int FROM live) AS "live",
  (SELECT "id"::text FROM prior) AS "priorId",
  (SELECT "meter" FROM prior) AS "priorMeter",
  (SELECT "amount"::text FROM prior) AS "priorAmount",
  (SELECT found FROM required) AS "requiredGrantFound",
  (SELECT "id"::text FROM debit) AS "debitId",
  (SELECT total::text FROM avail) AS "available",
  (SELECT COALESCE(SUM(draw), 0)::text FROM upd) AS "fromGrants"
`;

export interface DrawdownInput {
  accountKey: string;
  meter: string;
  /** Decimal text, > 0, ≤ 4 decimals. */
  amount: string;
  idempotencyKey: string;
  instanceId: string;
  now: Date;
  /** Instances of which one must still be ACTIVE when the statement runs. */
  liveInstanceIds: string[];
  /** Refuse when the grants cannot cover the amount ("refuse"), or record the rest ("overflow"). */
  shortfall: "refuse" | "overflow";
  /** The instance billed for the rest (usage push instance_id); null = recorded, not billed. */
  overflowTo: string | null;
  /**
   * Which instance package-drawn usage is billed to: "self" = the package (用完即停: the push maps
   * it to its on-demand instance, package-links.ts), an id, or null. Debug packages: never billed.
   */
  packageBilledTo: "self" | string | null;
  /** The statement does nothing unless this grant exists (the current month's allowance). */
  requiredGrantKey: string | null;
}

export interface DrawdownRow {
  live: number;
  priorId: string | null;
  priorMeter: string | null;
  priorAmount: string | null;
  requiredGrantFound: number;
  debitId: string | null;
  available: string;
  fromGrants: string;
}

export async function runDrawdown(prisma: PrismaClient, i: DrawdownInput): Promise<DrawdownRow> {
  const rows = await prisma.$queryRawUnsafe<DrawdownRow[]>(
    SQL,
    i.accountKey,
    i.meter,
    i.amount,
    i.idempotencyKey,
    i.instanceId,
    i.now.toISOString(),
    JSON.stringify(i.liveInstanceIds),
    i.overflowTo,
    i.packageBilledTo === "self" ? "self" : null,
    i.packageBilledTo === "self" ? null : i.packageBilledTo,
    i.requiredGrantKey,
    i.shortfall,
  );
  return rows[0]!;
}

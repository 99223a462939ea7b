/**
 * The call log and the nonce store as SQL on the driver (src/server/db/sql.ts): the fixed
 * statements every signed call runs (README "Marketplace callbacks: statements per call").
 *
 *   1. open:  insert the call row + claim the nonce (+ a hot activity's work), one statement
 *   2. close: complete the call row with its answer
 *
 * One statement is one implicit transaction: the call row, the nonce and the work are
 * committed together or not at all, so a call that cannot be written leaves nothing behind and
 * is answered 000005 (the marketplace retries with a clean slate). The unique keys decide every
 * race: SeenNonce's primary key (a replay, from any replica, claims nothing) and the instance's
 * newInstanceKey (a hot activity's CTEs only run when the nonce was claimed).
 *
 * Nonces are deleted by the worker's housekeeping once expired (housekeeping.ts); an expired
 * row is reused here (its timestamp window has passed, so a replay fails the signature check).
 */
import { randomUUID } from "node:crypto";
import { bind, prepare, sqlTime, type Prepared, type Sql } from "~/server/db/sql";
import { callColumns, closeColumns, type CloseCallInput, type OpenCallInput } from "./call-log";

/** The call row and the nonce claim; a hot statement appends CTEs that may read "claim". */
const OPEN_CTES = `WITH "call" AS (
  INSERT INTO "MarketplaceCall" ("id", "channel", "path", "activity", "orderId", "orderLineId", "instanceId", "tenantId",
    "nonce", "isTest", "requestBody", "rawBody", "requestBytes", "requestId", "receivedAt")
  VALUES (:callId::uuid, :channel::varchar, :path::varchar, :activity::varchar, :orderId::varchar, :orderLineId::varchar,
    :instanceId::varchar, :tenantId::varchar, :callNonce::varchar, :isTest::boolean, :requestBody::jsonb, :rawBody::text,
    :requestBytes::int, :requestId::varchar, :receivedAt::text::timestamp(3))
  RETURNING "id"
), "claim" AS (
  INSERT INTO "SeenNonce" ("nonce", "channel", "expiresAt", "createdAt")
  SELECT :nonce::varchar, :channel::varchar, :nonceExpiresAt::text::timestamp(3), :nonceAt::text::timestamp(3)
  WHERE :claimNonce::boolean
  ON CONFLICT ("nonce") DO UPDATE
    SET "channel" = EXCLUDED."channel", "expiresAt" = EXCLUDED."expiresAt", "createdAt" = EXCLUDED."createdAt"
    WHERE "SeenNonce"."expiresAt" < EXCLUDED."createdAt"
  RETURNING "nonce"
)`;

const OPEN = prepare("mkt_open", `${OPEN_CTES}\nSELECT (SELECT count(*) FROM "claim")::int AS "claimed"`);

/**
 * A hot activity's work folded into the open statement. `sql` continues the WITH list
 * (", name AS (…) … SELECT …"); its SELECT returns at least one row with an int "claimed"
 * column (count of "claim"), and must do nothing unless "claim" has a row. `name` identifies the
 * text: one name, one text.
 */
export interface HotStatement {
  name: string;
  sql: string;
  params: Record<string, unknown>;
}

const composed = new Map<string, Prepared>();

function statementFor(hot: HotStatement | undefined): Prepared {
  if (!hot) return OPEN;
  let p = composed.get(hot.name);
  if (!p) {
    p = prepare(`mkt_open_${hot.name}`, `${OPEN_CTES}${hot.sql}`);
    composed.set(hot.name, p);
  }
  return p;
}

export interface NonceClaim {
  nonce: string;
  channel: OpenCallInput["channel"];
  ttlMs: number;
  nowMs: number;
}

export type HotRow = Record<string, unknown> & { claimed: number };

export interface OpenedCall {
  callId: string;
  /** The nonce was claimed (false: a replay, or no claim was asked). */
  claimed: boolean;
  /** The rows the hot statement's SELECT returned. */
  rows: HotRow[];
}

/** A fresh call id: the hot work's rows refer to it in the same statement. */
export function newCallId(): string {
  return randomUUID();
}

export async function openCallSql(sql: Sql, callId: string, input: OpenCallInput, claim: NonceClaim | null, hot?: HotStatement): Promise<OpenedCall> {
  const c = callColumns(input);
  const rows = await sql.query<HotRow>(
    bind(statementFor(hot), {
      ...hot?.params,
      callId,
      ...c,
      callNonce: c.nonce,
      requestBody: c.requestBody === null ? null : JSON.stringify(c.requestBody),
      receivedAt: sqlTime(Date.now()),
      claimNonce: claim !== null,
      nonce: claim?.nonce ?? null,
      nonceExpiresAt: claim ? sqlTime(claim.nowMs + claim.ttlMs) : null,
      nonceAt: claim ? sqlTime(claim.nowMs) : null,
    }),
  );
  return { callId, claimed: rows[0]?.claimed === 1, rows };
}

const CLOSE = prepare(
  "mkt_close",
  `UPDATE "MarketplaceCall" SET
    "resultCode" = :resultCode::varchar, "resultMsg" = :resultMsg::text, "responseBody" = :responseBody::jsonb,
    "httpStatus" = :httpStatus::int, "latencyMs" = :latencyMs::int, "completedAt" = :completedAt::text::timestamp(3),
    "interruptedAt" = NULL,
    "requestBody" = COALESCE(:requestBody::jsonb, "requestBody"),
    "activity" = COALESCE(:activity::varchar, "activity"),
    "instanceId" = COALESCE(:instanceId::varchar, "instanceId")
  WHERE "id" = :id::uuid
  RETURNING "id"`,
);

/** Completes the call row (call-log.ts closeCall, as one prepared statement). */
export async function closeCallSql(sql: Sql, id: string, out: CloseCallInput): Promise<void> {
  const c = closeColumns(out);
  const rows = await sql.query(
    bind(CLOSE, {
      ...c,
      id,
      responseBody: JSON.stringify(c.responseBody),
      requestBody: c.requestBody === undefined ? null : JSON.stringify(c.requestBody),
      completedAt: sqlTime(Date.now()),
    }),
  );
  if (rows.length !== 1) throw new Error(`call record ${id} not found`);
}

/**
 * The metered scenarios, debits of 1 on one 用完即停 package:
 * - over HTTP: the app's `tenant.callApi` (a signed-in customer's tRPC mutation) against the
 *   baseline's raw single-row UPDATE behind the same session check;
 * - in process: `consume()` against the raw single-row UPDATE on the same connection pool.
 * Every answer's remaining balance is checked (DebitTracker); afterwards the ledger must match.
 */
import { randomUUID } from "node:crypto";
import type { Database } from "~/server/db/connection";
import { consume } from "~/server/billing/consume";
import { BenchFailure, DebitTracker, ledgerProblems, meteredRemaining } from "../checks";
import { post, type Op } from "../load";
import { METER, type SeededPackage } from "../seed";

export function callApiOp(who: string, baseUrl: string, cookie: string, tracker: DebitTracker): Op {
  const url = `${baseUrl}/api/trpc/tenant.callApi`;
  return async (caller, agent) => {
    const body = JSON.stringify({ json: { count: 1, requestId: randomUUID() } });
    const ack = tracker.send();
    const answer = await post(agent, url, body, { "content-type": "application/json", cookie });
    tracker.answered(`${who}#${caller}`, ack, meteredRemaining(`${who} tenant.callApi`, answer));
  };
}

export function consumeOp(db: Database, pkg: SeededPackage, tracker: DebitTracker): Op {
  return async (caller) => {
    const ack = tracker.send();
    const debit = await consume(db.prisma, { instanceId: pkg.instanceId, meter: METER, amount: 1, idempotencyKey: randomUUID() });
    if (debit.replayed || debit.amount !== 1 || debit.fromPrepaid !== 1 || debit.remaining === null) {
      throw new BenchFailure(`consume(): expected 1 debited from the package, got ${JSON.stringify(debit)}`);
    }
    tracker.answered(`consume#${caller}`, ack, debit.remaining);
  };
}

const RAW_DEBIT = `UPDATE "MeterGrant" SET "used" = "used" + 1 WHERE "id" = $1::uuid AND "used" + 1 <= "quota" RETURNING ("quota" - "used")::text AS "remaining"`;

/** The raw single-row UPDATE with the balance check, on the Database's own pool (or PGlite). */
export function rawUpdateOp(db: Database, pkg: SeededPackage, tracker: DebitTracker): Op {
  return async (caller) => {
    const ack = tracker.send();
    const rows = await db.withConnection((c) => c.query<{ remaining: string }>(RAW_DEBIT, [pkg.grantId]));
    if (rows.length !== 1) throw new BenchFailure(`raw UPDATE: the package refused a debit of 1`);
    tracker.answered(`raw#${caller}`, ack, Number(rows[0]!.remaining));
  };
}

export interface PackageFigures {
  grantUsed: number;
  ledgerSum: number;
  debitRows: number;
}

export async function packageFigures(db: Database, pkg: SeededPackage): Promise<PackageFigures> {
  const [row] = await db.withConnection((c) =>
    c.query<{ used: string; ledger: string; debits: string }>(
      `SELECT (SELECT "used"::text FROM "MeterGrant" WHERE "id" = $1::uuid) AS "used",
              (SELECT COALESCE(SUM("amount"), 0)::text FROM "UsageEntry" WHERE "accountKey" = $2) AS "ledger",
              (SELECT COUNT(*)::text FROM "UsageDebit" WHERE "accountKey" = $2) AS "debits"`,
      [pkg.grantId, pkg.accountKey],
    ),
  );
  return { grantUsed: Number(row!.used), ledgerSum: Number(row!.ledger), debitRows: Number(row!.debits) };
}

/** Ledger check of a package debited by the app (`ledger`) or by a raw UPDATE (grant only). */
export async function checkPackage(db: Database, label: string, pkg: SeededPackage, clientDebits: number, ledger: boolean): Promise<string> {
  const f = await packageFigures(db, pkg);
  const problems = ledgerProblems(label, ledger ? { clientDebits, ...f } : { clientDebits, grantUsed: f.grantUsed });
  if (problems.length) throw new BenchFailure(`ledger ≠ debits: ${problems.join("; ")}`);
  return ledger
    ? `${label}: ${clientDebits} debits = grant.used = ledger (${f.debitRows} debit rows) ✓`
    : `${label}: ${clientDebits} debits = grant.used ✓`;
}

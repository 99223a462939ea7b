/**
 * Every answer the bench gets is checked; any wrong one ends the run with exit code 1. Pure
 * functions (unit-tested in tests/unit/bench/checks.test.ts):
 * - marketplace answers: the protocol's response schema, resultCode 000000, the expected instance;
 * - debits: each answer's remaining balance is possible given what was sent and acknowledged
 *   before it, and strictly falls for each caller (DebitTracker);
 * - at the end: ledger rows, grant.used and the debits the client counted agree (ledgerProblems).
 */
import { newInstanceResponseSchema, queryInstanceResponseSchema } from "~/koogallery/schemas";

/** A wrong answer or a broken invariant: the bench stops and exits 1. */
export class BenchFailure extends Error {
  constructor(message: string) {
    super(message);
    this.name = "BenchFailure";
  }
}

export interface HttpAnswer {
  status: number;
  body: string;
}

function json(who: string, answer: HttpAnswer): unknown {
  if (answer.status !== 200) throw new BenchFailure(`${who}: HTTP ${answer.status}: ${answer.body.slice(0, 300)}`);
  try {
    return JSON.parse(answer.body);
  } catch {
    throw new BenchFailure(`${who}: not JSON: ${answer.body.slice(0, 300)}`);
  }
}

/** newInstance (new order or redelivery): 000000, a valid answer, and the expected instance id. */
export function checkNewInstance(who: string, answer: HttpAnswer, expectedInstanceId: string): void {
  const parsed = newInstanceResponseSchema.safeParse(json(who, answer));
  if (!parsed.success) throw new BenchFailure(`${who}: answer breaks the protocol (${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}): ${answer.body.slice(0, 300)}`);
  const r = parsed.data;
  if (r.resultCode !== "000000") throw new BenchFailure(`${who}: resultCode ${r.resultCode} (${r.resultMsg ?? ""}), expected 000000`);
  if (r.instanceId !== expectedInstanceId) throw new BenchFailure(`${who}: instanceId ${r.instanceId}, expected ${expectedInstanceId}`);
  if (!r.appInfo?.userName || !r.appInfo.password) throw new BenchFailure(`${who}: no appInfo credentials in ${answer.body.slice(0, 300)}`);
}

/** queryInstance of one id: 000000 and exactly that instance, with its appInfo. */
export function checkQueryInstance(who: string, answer: HttpAnswer, instanceId: string): void {
  const parsed = queryInstanceResponseSchema.safeParse(json(who, answer));
  if (!parsed.success) throw new BenchFailure(`${who}: answer breaks the protocol (${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}): ${answer.body.slice(0, 300)}`);
  const r = parsed.data;
  if (r.resultCode !== "000000") throw new BenchFailure(`${who}: resultCode ${r.resultCode} (${r.resultMsg ?? ""}), expected 000000`);
  const ids = (r.info ?? []).map((i) => i.instanceId);
  if (ids.length !== 1 || ids[0] !== instanceId) throw new BenchFailure(`${who}: info lists [${ids.join(", ")}], expected [${instanceId}]`);
  if (!r.info![0]!.appInfo?.password) throw new BenchFailure(`${who}: instance ${instanceId} without appInfo`);
}

/** tenant.callApi of 1 call: served, not a replay, and the remaining balance it reports. */
export function meteredRemaining(who: string, answer: HttpAnswer): number {
  const body = json(who, answer) as { result?: { data?: { json?: Record<string, unknown> } } };
  const d = body.result?.data?.json;
  if (!d) throw new BenchFailure(`${who}: no tRPC result in ${answer.body.slice(0, 300)}`);
  if (d.replayed !== false || d.served !== 1 || d.fromPrepaid !== 1 || d.onDemand !== 0) {
    throw new BenchFailure(`${who}: expected 1 call served from the package, not replayed; got ${JSON.stringify(d)}`);
  }
  if (typeof d.remaining !== "number") throw new BenchFailure(`${who}: remaining ${String(d.remaining)}, expected a number`);
  return d.remaining;
}

/**
 * The remaining balance of each debit of 1 on one package, checked against what the client knows:
 * a debit answered with `remaining` came after every debit acknowledged before it was sent, and
 * no later than the last request sent before its answer arrived:
 *
 *   leftAtStart − started  ≤  remaining  ≤  leftAtStart − acknowledgedAtSend − 1
 *
 * and each caller's answers strictly fall (a caller sends its next request after its answer).
 * Exact whatever the server's batching, on both databases and across processes.
 */
export class DebitTracker {
  private started = 0;
  private acknowledged = 0;
  private readonly lastByCaller = new Map<string, number>();

  constructor(
    readonly label: string,
    /** Balance before the bench's first debit. */
    readonly leftAtStart: number,
  ) {}

  /** Debits the client saw succeed so far. */
  get debits(): number {
    return this.acknowledged;
  }

  /** Call just before sending; pass the token to `answered`. */
  send(): number {
    this.started++;
    return this.acknowledged;
  }

  answered(caller: string, acknowledgedAtSend: number, remaining: number): void {
    const upper = this.leftAtStart - acknowledgedAtSend - 1;
    const lower = this.leftAtStart - this.started;
    if (!Number.isInteger(remaining) || remaining < lower || remaining > upper) {
      throw new BenchFailure(`${this.label}: remaining ${remaining} is impossible: must be between ${lower} and ${upper} (${acknowledgedAtSend} debits acknowledged before the request, ${this.started} sent)`);
    }
    const previous = this.lastByCaller.get(caller);
    if (previous !== undefined && remaining >= previous) {
      throw new BenchFailure(`${this.label}: caller ${caller} saw remaining ${remaining} after ${previous}: a balance that does not fall`);
    }
    this.lastByCaller.set(caller, remaining);
    this.acknowledged++;
  }
}

export interface LedgerFigures {
  /** Debits the client counted as served. */
  clientDebits: number;
  /** MeterGrant.used of the package. */
  grantUsed: number;
  /** Sum of UsageEntry amounts and count of UsageDebit rows (absent for a raw UPDATE baseline). */
  ledgerSum?: number;
  debitRows?: number;
}

/** Problems, if any: every figure must equal the debits the client counted. */
export function ledgerProblems(label: string, f: LedgerFigures): string[] {
  const problems: string[] = [];
  if (f.grantUsed !== f.clientDebits) problems.push(`${label}: grant.used = ${f.grantUsed}, but the client counted ${f.clientDebits} debits`);
  if (f.ledgerSum !== undefined && f.ledgerSum !== f.clientDebits) problems.push(`${label}: ledger sum = ${f.ledgerSum}, but the client counted ${f.clientDebits} debits`);
  if (f.debitRows !== undefined && f.debitRows !== f.clientDebits) problems.push(`${label}: ${f.debitRows} UsageDebit rows, but the client counted ${f.clientDebits} debits`);
  return problems;
}

/**
 * "Re-run against this server" (README "Re-running a logged call"): the answer this server would
 * give NOW to a logged marketplace, Kit or License call, without keeping any effect of it.
 *
 * How: the logged request body is parsed and dispatched exactly as the pipeline does (the
 * interfaces' exported dispatchers runActivity / runKit / runLicense), inside ONE database
 * transaction that is always rolled back. The activity gets a client bound to that transaction
 * whose nested `$transaction` calls become savepoints, so its own transactions keep their
 * all-or-nothing behaviour. No instance, transition, grant, session revocation or credential it
 * writes survives, and the call log gets no new row.
 *
 * What is deliberately NOT repeated: the signature/timestamp check and the nonce (replay) store —
 * the stored request was verified when it was logged, its query/headers are not kept, and
 * consuming a nonce would be an effect. The page says so.
 *
 * Refused (RERUN_REFUSED) rather than faked:
 * - calls that were never verified (000001, refused oversized bodies, interrupted before
 *   verification): their stored body is only a preview from an unknown sender;
 * - bodies with redacted fields ("[redacted]", call-log.ts): the request would not be the same;
 * - activities that would call out to the network: newInstance / upgradeInstance while
 *   KOOGALLERY_QUERY_ORDER asks the marketplace's 查询订单 API (an outbound call cannot be rolled back).
 */
import { parseActivityBody } from "~/koogallery/schemas";
import { kitKindFromPath, parseKitBody } from "~/koogallery/kit-schemas";
import { parseLicenseBody } from "~/koogallery/license-schemas";
import { result, type ResultCode } from "~/koogallery/result-codes";
import type { Prisma, PrismaClient } from "~/generated/prisma/client";
import { billingConfig } from "~/server/billing";
import { storableJson } from "~/server/db/safe-text";
import { AppError, toAppError } from "~/server/errors";
import { runLicense } from "~/server/license/license-interface";
import { runActivity } from "./base-interface";
import { redact } from "./call-log";
import type { MarketplaceConfig } from "./config";
import type { ActivityContext, ActivityResult } from "./context";
import { runKit } from "./kit-interface";

export interface DryRunAnswer {
  dryRun: true;
  callId: string;
  channel: string;
  activity: string;
  /**
   * The response body the marketplace would get now (Body-Sign aside), with secrets redacted as
   * in the call log: the console never shows a customer's credentials (appInfo.password).
   */
  response: Record<string, unknown> & { resultCode: ResultCode; resultMsg: string };
  ranAtMs: number;
  /** What was skipped, for the page to say. */
  skipped: readonly ["signature", "nonce"];
}

const NETWORK_ACTIVITIES = new Set(["newInstance", "upgradeInstance"]);

/** Thrown inside the transaction to roll it back with the answer. */
class Rollback {
  constructor(readonly outcome: ActivityResult | { error: unknown }) {}
}

function containsRedacted(v: unknown, depth = 0): boolean {
  if (depth > 30) return false;
  if (v === "[redacted]") return true;
  if (Array.isArray(v)) return v.some((x) => containsRedacted(x, depth + 1));
  if (v && typeof v === "object") return Object.values(v).some((x) => containsRedacted(x, depth + 1));
  return false;
}

/**
 * The transaction client dressed as a PrismaClient: `$transaction(fn)` runs fn inside a savepoint
 * of the dry run's transaction (rolled back to if fn throws, like a real transaction); an array
 * `$transaction([...])` runs its statements in order inside one savepoint.
 */
function savepointClient(tx: Prisma.TransactionClient): PrismaClient {
  let n = 0;
  const inSavepoint = async <T>(fn: () => Promise<T>): Promise<T> => {
    const name = `dry_run_${++n}`;
    await tx.$executeRawUnsafe(`SAVEPOINT ${name}`);
    try {
      const value = await fn();
      await tx.$executeRawUnsafe(`RELEASE SAVEPOINT ${name}`);
      return value;
    } catch (err) {
      await tx.$executeRawUnsafe(`ROLLBACK TO SAVEPOINT ${name}`);
      throw err;
    }
  };
  const client: PrismaClient = new Proxy(tx, {
    get(target, prop) {
      if (prop === "$transaction") {
        return (arg: unknown) =>
          typeof arg === "function"
            ? inSavepoint(() => (arg as (c: PrismaClient) => Promise<unknown>)(client))
            : inSavepoint(async () => {
                const out: unknown[] = [];
                for (const statement of arg as Promise<unknown>[]) out.push(await statement);
                return out;
              });
      }
      const value = Reflect.get(target, prop) as unknown;
      return typeof value === "function" ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  }) as unknown as PrismaClient;
  return client;
}

interface LoggedCall {
  id: string;
  channel: string;
  path: string;
  activity: string | null;
  requestBody: Prisma.JsonValue | null;
  resultCode: string | null;
}

/**
 * Why a logged call cannot be re-run honestly, as a stable code with its parameters: the console
 * words it in its language (i18n/admin "ops.rerun.refusal.*"); rerunRefusalText gives the English
 * for the error detail and logs.
 */
export type RerunRefusal =
  | { code: "incomplete" }
  | { code: "unverified" }
  | { code: "redacted" }
  | { code: "outbound"; activity: string };

export function rerunRefusalText(refusal: RerunRefusal): string {
  switch (refusal.code) {
    case "incomplete":
      return "the call has no complete verified request body (not JSON, too large, or interrupted before it was checked)";
    case "unverified":
      return "the call failed its signature or replay check, so its stored body is an unverified preview";
    case "redacted":
      return "the logged request has redacted secret or personal fields, so re-running it would not send the same request";
    case "outbound":
      return `${refusal.activity} calls the marketplace's 查询订单 API while KOOGALLERY_QUERY_ORDER is on; an outbound call cannot be rolled back`;
  }
}

/** Why this logged call cannot be re-run honestly, or null. Pure: the page shows it before asking. */
export function rerunRefusal(call: LoggedCall, opts: { queryOrder: boolean }): RerunRefusal | null {
  if (call.requestBody === null || call.resultCode === null) return { code: "incomplete" };
  if (call.resultCode === "000001") return { code: "unverified" };
  if (containsRedacted(call.requestBody)) return { code: "redacted" };
  if (call.channel === "base" && call.activity && NETWORK_ACTIVITIES.has(call.activity) && opts.queryOrder) {
    return { code: "outbound", activity: call.activity };
  }
  return null;
}

type Dispatch = { activity: string; isTest: boolean; run: (ctx: ActivityContext) => Promise<ActivityResult> } | { error: AppError };

function dispatch(call: LoggedCall, body: unknown): Dispatch {
  if (call.channel === "base") {
    const req = parseActivityBody(body);
    if (!req.ok) return { error: new AppError("INVALID_INPUT", req.message) };
    const { ok: _ok, ...request } = req;
    return { activity: req.activity, isTest: req.data.testFlag === "1", run: (ctx) => runActivity(ctx, storableJson(request) as typeof request) };
  }
  if (call.channel === "kit") {
    const kind = kitKindFromPath(call.path);
    if (!kind) return { error: new AppError("INVALID_INPUT", `path: unknown Kit interface ${call.path}`) };
    const req = parseKitBody(kind, body);
    if (!req.ok) return { error: new AppError("INVALID_INPUT", req.message) };
    const { ok: _ok, ...request } = req;
    return { activity: kind, isTest: req.data.testFlag === 1, run: (ctx) => runKit(ctx, storableJson(request) as typeof request) };
  }
  if (call.channel === "license") {
    const req = parseLicenseBody(body);
    if (!req.ok) return { error: new AppError("INVALID_INPUT", req.message) };
    const { ok: _ok, ...request } = req;
    return { activity: req.activity, isTest: req.data.testFlag === "1", run: (ctx) => runLicense(ctx, storableJson(request) as typeof request) };
  }
  return { error: new AppError("RERUN_REFUSED", `unknown channel ${call.channel}`) };
}

/** How long the rolled-back transaction may take: generous, the machine may be busy. */
const TX_OPTIONS = { maxWait: 30_000, timeout: 60_000 } as const;

export async function dryRunCall(prisma: PrismaClient, config: MarketplaceConfig, callId: string, nowMs: number): Promise<DryRunAnswer> {
  const call = await prisma.marketplaceCall.findUnique({
    where: { id: callId },
    select: { id: true, channel: true, path: true, activity: true, requestBody: true, resultCode: true },
  });
  if (!call) throw new AppError("NOT_FOUND", `call ${callId}`);
  const refusal = rerunRefusal(call, { queryOrder: billingConfig().queryOrder });
  if (refusal) throw new AppError("RERUN_REFUSED", rerunRefusalText(refusal));

  const successMsg = call.channel === "kit" ? "Success" : "success.";
  const d = dispatch(call, call.requestBody);
  let outcome: ActivityResult | { error: unknown };
  if ("error" in d) {
    outcome = { error: d.error };
  } else {
    try {
      await prisma.$transaction(async (tx) => {
        const ctx: ActivityContext = { prisma: savepointClient(tx), config, callId: call.id, isTest: d.isTest, nowMs };
        let out: ActivityResult | { error: unknown };
        try {
          out = await d.run(ctx);
        } catch (error) {
          out = { error };
        }
        throw new Rollback(out);
      }, TX_OPTIONS);
      throw new Error("dry run transaction committed"); // unreachable: the callback always throws
    } catch (err) {
      if (!(err instanceof Rollback)) throw err;
      outcome = err.outcome;
    }
  }

  let payload: DryRunAnswer["response"];
  if ("error" in outcome) {
    const appError = toAppError(outcome.error);
    payload = { ...result(appError.resultCode as ResultCode, appError.message) };
  } else {
    payload = { ...result("000000", outcome.resultMsg ?? successMsg), ...(outcome.fields ?? {}) };
  }
  // Shown on the call page next to the logged answer, which was stored redacted (call-log.ts);
  // without this a re-run printed the admin password the instance page keeps hidden.
  payload = redact(payload) as DryRunAnswer["response"];
  return {
    dryRun: true,
    callId: call.id,
    channel: call.channel,
    activity: "error" in d ? (call.activity ?? call.path) : d.activity,
    response: payload,
    ranAtMs: nowMs,
    skipped: ["signature", "nonce"],
  };
}

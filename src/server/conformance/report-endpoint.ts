/**
 * POST /api/conformance/report — where `npm run conformance -- --report-to <APP_URL>` posts the
 * result of a run or probe round, for /admin to show (conformance-health.ts). Signed like a base
 * call with KOOGALLERY_ACCESS_KEY (query signature/timestamp/nonce, ±window, nonce remembered), so
 * only a holder of that key can write, nothing can be replayed, and the body is a small, strictly
 * validated summary. Framework-free: the route passes the raw body (already size-bounded) in.
 */
import type { PrismaClient } from "~/generated/prisma/client";
import { parseJsonValue } from "~/koogallery/canonical-json";
import { result, type ResultCode } from "~/koogallery/result-codes";
import { probeReportSchema } from "~/conformance/probe-report";
import { formatIssues } from "~/koogallery/schema-helpers";
import { storableText } from "~/server/db/safe-text";
import type { MarketplaceConfig } from "~/server/marketplace/config";
import { rememberNonce } from "~/server/marketplace/nonce-store";
import { logger } from "~/server/observability/logger";
import { querySignature } from "~/server/marketplace/query-signature";

/** Reports older than this are deleted when a new one arrives (the overview needs the latest). */
export const REPORT_RETENTION_DAYS = 90;

export interface ReportResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

function answer(status: number, code: ResultCode, msg?: string): ReportResponse {
  return { status, headers: { "content-type": "application/json;charset=UTF-8" }, body: JSON.stringify(result(code, msg)) };
}

/** Answers every request with JSON: an unexpected failure is a 500 "000005", never an empty body. */
export async function handleConformanceReport(
  prisma: PrismaClient,
  config: Pick<MarketplaceConfig, "accessKey" | "windowMs">,
  input: { rawBody: string; query: URLSearchParams; nowMs?: number },
): Promise<ReportResponse> {
  try {
    return await receiveReport(prisma, config, input);
  } catch (err) {
    logger("conformance").error({ err }, "conformance report could not be stored (answered 500)");
    return answer(500, "000005");
  }
}

async function receiveReport(
  prisma: PrismaClient,
  config: Pick<MarketplaceConfig, "accessKey" | "windowMs">,
  input: { rawBody: string; query: URLSearchParams; nowMs?: number },
): Promise<ReportResponse> {
  const nowMs = input.nowMs ?? Date.now();
  const signed = querySignature(config.accessKey, config.windowMs, input);
  const verdict = signed.verify(nowMs);
  if (!verdict.ok) return answer(verdict.resultCode === "000001" ? 401 : 400, verdict.resultCode, verdict.reason);
  // The report shares the base interface's nonce store (same key, same signing scheme).
  // Made storable like the base interface's nonces (pipeline.ts): PostgreSQL refuses NUL.
  if (!(await rememberNonce(prisma, storableText(signed.nonce!), "base", config.windowMs * 2, nowMs))) {
    return answer(401, "000001", "nonce already used");
  }
  let json: unknown;
  try {
    json = parseJsonValue(input.rawBody);
  } catch {
    return answer(400, "000002", "body: must be JSON");
  }
  const parsed = probeReportSchema.safeParse(json);
  if (!parsed.success) return answer(400, "000002", formatIssues(parsed.error));
  const r = parsed.data;
  await prisma.conformanceRun.create({
    data: {
      kind: r.kind,
      mode: r.mode,
      target: r.target,
      passed: r.passed,
      startedAt: new Date(r.startedAt),
      finishedAt: new Date(r.finishedAt),
      cases: r.cases,
      calls: r.calls,
      failedCalls: r.failedCalls,
      firstFailure: r.firstFailure ?? null,
      seed: r.seed,
      everySeconds: r.everySeconds ?? null,
      receivedAt: new Date(nowMs),
    },
  });
  await prisma.conformanceRun.deleteMany({ where: { receivedAt: { lt: new Date(nowMs - REPORT_RETENTION_DAYS * 86_400_000) } } });
  return answer(200, "000000");
}

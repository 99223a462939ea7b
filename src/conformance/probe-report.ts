/**
 * The result a run or probe posts to the app's /admin (`--report-to <APP_URL>`): a small JSON
 * summary, signed exactly like a base-interface call with the base access key (query signature,
 * timestamp, nonce), so the server verifies it with code it already trusts and refuses replays.
 * Shared by the sender (here) and the receiver (src/server/conformance/report-endpoint.ts).
 */
import { z } from "zod";
import { signedBaseRequest, type SignedRequest } from "../koogallery/client";
import { MODES } from "./modes";
import { firstFailure, summarise, type ConformanceReport } from "./report/model";
import type { Transport } from "./sender";

export const PROBE_REPORT_PATH = "/api/conformance/report";
/** The receiver reads at most this much; a report is a few hundred bytes. */
export const MAX_PROBE_REPORT_BYTES = 8 * 1024;
const FAILURE_MAX = 500;

/**
 * A UTC instant of the run. z.iso.datetime accepts year 0000, which PostgreSQL cannot store; a run
 * happens now, so a year before 1970 (the bound of every marketplace time, src/koogallery/time.ts)
 * is refused as bad input.
 */
const isoDate = z.iso
  .datetime({ offset: false })
  .refine((v) => Number(v.slice(0, 4)) >= 1970 && !Number.isNaN(Date.parse(v)), { error: "must be a time in 1970 or later" });
const count = z.number().int().min(0).max(1_000_000);
/** NUL or an unpaired surrogate: text PostgreSQL refuses (same test as src/server/db/safe-text.ts). */
const UNSTORABLE = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const text = (min: number, max: number) =>
  z
    .string()
    .min(min)
    .max(max)
    .refine((v) => !UNSTORABLE.test(v), { error: "may not contain NUL characters or unpaired surrogates" });

export const probeReportSchema = z.strictObject({
  kind: z.enum(["run", "probe"]),
  mode: z.enum(MODES),
  target: text(1, 512),
  passed: z.boolean(),
  startedAt: isoDate,
  finishedAt: isoDate,
  cases: count,
  calls: count,
  failedCalls: count,
  firstFailure: text(0, FAILURE_MAX).optional(),
  seed: z.number().int().min(0).max(2 ** 31 - 1),
  everySeconds: z.number().int().min(60).max(30 * 86_400).optional(),
});

export type ProbeReport = z.infer<typeof probeReportSchema>;

/** Origin and path of the tested address: never user info or a query string. */
export function reportTarget(url: string): string {
  const u = new URL(url);
  return `${u.origin}${u.pathname}`.slice(0, 512);
}

export function probeReportPayload(report: ConformanceReport, everyMs?: number): ProbeReport {
  const s = summarise(report);
  const failure = firstFailure(report);
  return {
    kind: report.probe ? "probe" : "run",
    mode: report.mode,
    target: reportTarget(report.url),
    passed: s.passed,
    startedAt: report.startedAt.toISOString(),
    finishedAt: report.finishedAt.toISOString(),
    cases: s.cases,
    calls: s.steps,
    failedCalls: s.failedSteps,
    ...(failure ? { firstFailure: failure.slice(0, FAILURE_MAX) } : {}),
    seed: report.seed,
    ...(everyMs ? { everySeconds: Math.round(everyMs / 1000) } : {}),
  };
}

/** `{APP_URL}/api/conformance/report` from the app's base URL (a trailing path is kept). */
export function reportUrl(appUrl: string): string {
  const u = new URL(appUrl);
  u.pathname = u.pathname.replace(/\/+$/, "") + PROBE_REPORT_PATH;
  u.search = "";
  return u.toString();
}

export function signedProbeReport(appUrl: string, accessKey: string, payload: ProbeReport, nowMs: number): SignedRequest {
  return signedBaseRequest({ baseUrl: reportUrl(appUrl), accessKey, body: probeReportSchema.parse(payload), nowMs });
}

/** Posts the report; returns a line for the console (a failed post never fails the run). */
export async function postProbeReport(appUrl: string, accessKey: string, payload: ProbeReport, transport: Transport, nowMs: number): Promise<{ ok: boolean; message: string }> {
  const answer = await transport(signedProbeReport(appUrl, accessKey, payload, nowMs), 20_000);
  if (answer.error) return { ok: false, message: `report to ${reportUrl(appUrl)} failed: ${answer.error}` };
  let code = "";
  try {
    code = String((JSON.parse(answer.text) as { resultCode?: unknown }).resultCode ?? "");
  } catch {
    // reported below with the status
  }
  return answer.status === 200 && code === "000000"
    ? { ok: true, message: `reported to ${reportUrl(appUrl)}` }
    : { ok: false, message: `report to ${reportUrl(appUrl)} refused: HTTP ${answer.status} ${answer.text.slice(0, 200)}` };
}

/**
 * The /admin (Setup & health) row for the conformance probe: when it last reported, whether that
 * run passed, and whether reports stopped coming. Kept apart from src/server/setup-health, which
 * only lists it (its types come from setup-health/types.ts, so the two import no cycle).
 */
import type { PrismaClient } from "~/generated/prisma/client";
import type { SetupCheck } from "~/server/setup-health/types";

const HOUR = 3_600_000;
/** Without a schedule in the report, the marketplace's own rhythm: twice a day. */
const DEFAULT_EVERY_MS = 12 * HOUR;

const ago = (nowMs: number, d: Date) => {
  const h = Math.max(0, (nowMs - d.getTime()) / HOUR);
  return h < 1 ? `${Math.round(h * 60)} min ago` : `${h < 48 ? Math.round(h) + " h" : Math.round(h / 24) + " days"} ago`;
};

export async function conformanceCheck(prisma: PrismaClient, nowMs: number): Promise<SetupCheck> {
  const base = { id: "conformance-probe", area: "interface" as const };
  const last = await prisma.conformanceRun.findFirst({ orderBy: [{ receivedAt: "desc" }, { id: "desc" }] });
  if (!last) {
    return {
      ...base,
      status: "info",
      title: "No conformance result reported",
      detail: "The marketplace re-runs your saved debug cases twice a day (拨测); a product whose cases keep failing is frozen or delisted.",
      fix: "Run `npm run conformance -- --probe --cases <file> --report-to <APP_URL>` from your monitoring (README \"Conformance runner\").",
    };
  }
  const what = `${last.kind === "probe" ? "Probe" : "Run"} (${last.mode}, ${last.calls} calls) against ${last.target}`;
  if (!last.passed) {
    const lastPass = await prisma.conformanceRun.findFirst({ where: { passed: true }, orderBy: [{ receivedAt: "desc" }, { id: "desc" }], select: { receivedAt: true } });
    return {
      ...base,
      status: "problem",
      title: `Conformance ${last.kind} failed ${ago(nowMs, last.receivedAt)}`,
      detail: `${what} at ${last.finishedAt.toISOString()}: ${last.failedCalls} failing call(s); first: ${last.firstFailure ?? "(not given)"}. Last pass: ${lastPass ? lastPass.receivedAt.toISOString() : "never"}.`,
      fix: `Reproduce with \`npm run conformance -- --url ${last.target} --mode ${last.mode} --seed ${last.seed}\` and fix the failing case: the marketplace's probe fails the same way.`,
    };
  }
  const everyMs = last.everySeconds ? last.everySeconds * 1000 : DEFAULT_EVERY_MS;
  const stale = nowMs - last.receivedAt.getTime() > 2 * everyMs + HOUR;
  const detail = `${what} passed at ${last.finishedAt.toISOString()} (${ago(nowMs, last.receivedAt)}).`;
  return stale
    ? { ...base, status: "warn", title: `Conformance last passed ${ago(nowMs, last.receivedAt)}`, detail: `${detail} No report since.`, fix: "Check that the scheduled probe still runs and can reach this app." }
    : { ...base, status: "ok", title: `Conformance ${last.kind} passed ${ago(nowMs, last.receivedAt)}`, detail };
}

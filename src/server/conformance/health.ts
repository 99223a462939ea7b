/**
 * The /admin (Setup & health) row for the conformance probe: when it last reported, whether that
 * run passed, and whether reports stopped coming. Kept apart from src/server/setup-health, which
 * only lists it (its types come from setup-health/types.ts, so the two import no cycle).
 */
import type { PrismaClient } from "~/generated/prisma/client";
import { makeCheck } from "~/server/setup-health/check";
import { text, type SetupText } from "~/server/setup-health/messages";
import type { SetupCheck } from "~/server/setup-health/types";

const HOUR = 3_600_000;
/** Without a schedule in the report, the marketplace's own rhythm: twice a day. */
const DEFAULT_EVERY_MS = 12 * HOUR;

const ago = (nowMs: number, d: Date): SetupText => {
  const h = Math.max(0, (nowMs - d.getTime()) / HOUR);
  if (h < 1) return text("setup.ago.min", { n: Math.round(h * 60) });
  return h < 48 ? text("setup.ago.h", { n: Math.round(h) }) : text("setup.ago.days", { n: Math.round(h / 24) });
};

export async function conformanceCheck(prisma: PrismaClient, nowMs: number): Promise<SetupCheck> {
  const base = { id: "conformance-probe", area: "interface" as const };
  const last = await prisma.conformanceRun.findFirst({ orderBy: [{ receivedAt: "desc" }, { id: "desc" }] });
  if (!last) {
    return makeCheck(
      { ...base, status: "info" },
      { title: text("setup.conformance.none.title"), detail: text("setup.conformance.none.detail"), fix: text("setup.conformance.none.fix") },
    );
  }
  const probe = last.kind === "probe";
  const kind = text(probe ? "setup.conformance.kind.probe" : "setup.conformance.kind.run");
  const what = text(probe ? "setup.conformance.what.probe" : "setup.conformance.what.run", { mode: last.mode, calls: last.calls, target: last.target });
  const since = ago(nowMs, last.receivedAt);
  if (!last.passed) {
    const lastPass = await prisma.conformanceRun.findFirst({ where: { passed: true }, orderBy: [{ receivedAt: "desc" }, { id: "desc" }], select: { receivedAt: true } });
    return makeCheck(
      { ...base, status: "problem" },
      {
        title: text("setup.conformance.failed.title", { kind, ago: since }),
        detail: text("setup.conformance.failed.detail", {
          what,
          finishedAt: last.finishedAt.toISOString(),
          failed: last.failedCalls,
          first: last.firstFailure ?? text("setup.conformance.notGiven"),
          lastPass: lastPass ? lastPass.receivedAt.toISOString() : text("setup.never"),
        }),
        fix: text("setup.conformance.failed.fix", { target: last.target, mode: last.mode, seed: last.seed }),
      },
    );
  }
  const everyMs = last.everySeconds ? last.everySeconds * 1000 : DEFAULT_EVERY_MS;
  const stale = nowMs - last.receivedAt.getTime() > 2 * everyMs + HOUR;
  const passed = text("setup.conformance.passed.detail", { what, finishedAt: last.finishedAt.toISOString(), ago: since });
  return stale
    ? makeCheck(
        { ...base, status: "warn" },
        { title: text("setup.conformance.stale.title", { ago: since }), detail: text("setup.conformance.stale.detail", { passed }), fix: text("setup.conformance.stale.fix") },
      )
    : makeCheck({ ...base, status: "ok" }, { title: text("setup.conformance.ok.title", { kind, ago: since }), detail: passed });
}

/**
 * What `npm run conformance` does once its options are resolved: generate (or load) the cases,
 * run them, print progress and the summary, write the JUnit / HTML reports, save the case set,
 * post the result to /admin — or, with --probe, do a probe round on a schedule. I/O is injected
 * so the integration tests drive exactly this code against a real socket.
 */
import { writeFileSync } from "node:fs";
import { casesToSave, readCaseFile, writeCaseFile } from "./case-file";
import type { CliOptions } from "./cli-options";
import { conformancePlan, probePlan } from "./plan";
import { postProbeReport, probeReportPayload } from "./probe-report";
import { newSeed } from "./random";
import { htmlReport } from "./report/html";
import { junitXml } from "./report/junit";
import { buildReport, summarise, type ConformanceReport } from "./report/model";
import { progressLine, summaryText } from "./report/text";
import { runSteps } from "./runner";
import { generateCases } from "./scenarios";
import { httpTransport, type Keys, type Transport } from "./sender";
import { probeLoop } from "./schedule";

export interface ResolvedOptions extends CliOptions {
  /** Production address; empty for a probe without --url (the case file's address is used). */
  url: string;
  keys: Keys;
  publicKeyPem?: string;
}

export interface Io {
  out(line: string): void;
  transport?: Transport;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
  writeFile?: (path: string, text: string) => void;
  /** Tests: end the probe loop after this many passing rounds. */
  maxProbeRounds?: number;
}

function writeReports(o: ResolvedOptions, io: Io, report: ConformanceReport): void {
  const write = io.writeFile ?? ((path: string, text: string) => writeFileSync(path, text));
  if (o.junit) {
    write(o.junit, junitXml(report));
    io.out(`JUnit XML written to ${o.junit}`);
  }
  if (o.html) {
    write(o.html, htmlReport(report));
    io.out(`HTML report written to ${o.html}`);
  }
}

async function reportTo(o: ResolvedOptions, io: Io, report: ConformanceReport): Promise<void> {
  if (!o.reportTo) return;
  const now = io.now ?? Date.now;
  const payload = probeReportPayload(report, o.probe && !o.once ? o.everyMs : undefined);
  const posted = await postProbeReport(o.reportTo, o.keys.base, payload, io.transport ?? httpTransport, now());
  io.out(posted.ok ? posted.message : `warning: ${posted.message}`);
}

/** A full run: the generated set, every case twice, then shuffled. */
export async function conformanceRun(o: ResolvedOptions, io: Io): Promise<ConformanceReport> {
  const now = io.now ?? Date.now;
  const seed = o.seed ?? newSeed();
  const set = generateCases({
    mode: o.mode,
    nowMs: now(),
    kit: o.kit,
    publicKeyPem: o.publicKeyPem,
    newOrderId: o.orderId,
    licenseCode: o.licenseCode,
  });
  const steps = conformancePlan(set.cases, seed);
  io.out(`→ ${o.url}  mode ${o.mode}  seed ${seed}  ${set.cases.length} cases, ${steps.length} calls (each case twice, then all shuffled)`);
  for (const skip of set.skipped) io.out(skip);
  const startedAt = new Date(now());
  const outcome = await runSteps({ url: o.url, keys: o.keys, steps, transport: io.transport, now, timeoutMs: o.timeoutMs, onStep: (r, total) => io.out(progressLine(r, total)) });
  const report = buildReport({ mode: o.mode, url: o.url, seed, probe: false, startedAt, finishedAt: new Date(now()), skipped: set.skipped }, outcome);
  io.out(summaryText(report));
  writeReports(o, io, report);
  if (o.saveCases) {
    try {
      const cases = casesToSave(set.cases, outcome.bindings, outcome.instanceIds);
      writeCaseFile(o.saveCases, { mode: o.mode, url: o.url, savedAt: new Date(now()).toISOString(), cases });
      io.out(`${cases.length} cases saved to ${o.saveCases} (replay them with --probe --cases ${o.saveCases})`);
    } catch (err) {
      io.out(`warning: cases not saved: ${(err as Error).message}`);
    }
  }
  await reportTo(o, io, report);
  return report;
}

/** One probe round: the saved cases once each, shuffled, stopping at the first failure. */
export async function probeRound(o: ResolvedOptions, io: Io, file: ReturnType<typeof readCaseFile>): Promise<ConformanceReport> {
  const now = io.now ?? Date.now;
  const seed = o.seed ?? newSeed();
  const steps = probePlan(file.cases, seed);
  const startedAt = new Date(now());
  io.out(`→ probe ${o.url}  ${file.cases.length} saved ${file.mode} cases  seed ${seed}  ${startedAt.toISOString()}`);
  const outcome = await runSteps({ url: o.url, keys: o.keys, steps, transport: io.transport, now, timeoutMs: o.timeoutMs, stopOnFirstFailure: true, onStep: (r, total) => io.out(progressLine(r, total)) });
  const report = buildReport({ mode: file.mode, url: o.url, seed, probe: true, startedAt, finishedAt: new Date(now()), skipped: [] }, outcome);
  io.out(summaryText(report));
  writeReports(o, io, report);
  await reportTo(o, io, report);
  return report;
}

/** Exit code of the command: 0 passed, 1 a failure. */
export async function conformanceMain(o: ResolvedOptions, io: Io): Promise<number> {
  if (!o.probe) return summarise(await conformanceRun(o, io)).passed ? 0 : 1;
  const file = readCaseFile(o.casesFile!);
  // Without --url the probe goes where the cases were recorded.
  const target: ResolvedOptions = { ...o, url: o.url || file.url };
  return probeLoop({
    everyMs: o.everyMs,
    once: o.once,
    sleep: io.sleep,
    maxRounds: io.maxProbeRounds,
    round: async (n) => {
      if (n > 1) io.out("");
      return summarise(await probeRound(target, io, file)).passed;
    },
  });
}

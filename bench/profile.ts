/**
 * npm run bench:profile — CPU per request of the hot paths, by area, in the production build.
 *
 * Starts `next start` (and the bare baseline server) under `node --cpu-prof` on a throw-away
 * PostgreSQL database, drives a fixed number of signed newInstance / redelivery / queryInstance
 * calls and metered tRPC calls (bench/scenarios, every answer checked), and reports per scenario:
 * - process CPU per request (user + system time from /proc/<pid>/stat, all threads): what the
 *   request cost the machine, whatever else runs on it;
 * - that CPU split by area (routing, tRPC, zod, signature, logging, driver …) in the proportions
 *   of the main thread's profile samples inside the scenario's window (profile-areas.ts).
 * A busy machine delays requests but does not change their CPU, so the figures compare across
 * runs where throughput does not. Linux only (/proc, and profile timestamps on CLOCK_MONOTONIC).
 *
 *   npm run bench:profile -- [--requests 300] [--warmup 100] [--concurrency 8] [--port 3350]
 *                            [--pg-admin-url URL] [--no-build] [--no-baseline] [--keep DIR]
 *   npm run bench:profile -- --analyse DIR      report again on the profiles a --keep run left
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { ensureBuild } from "./build";
import { DebitTracker } from "./checks";
import { createPostgresDatabase, withDatabase } from "./databases";
import { AREAS, attribute, sourceResolver, type CpuProfile } from "./profile-areas";
import { newInstanceOp, queryInstanceOp, redeliveryOp, type SideOrders } from "./scenarios/marketplace";
import { callApiOp } from "./scenarios/metered";
import type { Op } from "./load";
import { BENCH_SECRETS } from "./secrets";
import { seedCustomer } from "./seed";
import { startApp, startBaseline, sleep, type RunningServer } from "./servers";

interface ProfileOptions {
  requests: number;
  warmup: number;
  concurrency: number;
  port: number;
  pgAdminUrl: string;
  build: boolean;
  baseline: boolean;
  keep?: string;
  /** Only report again on the profiles a --keep run left in this folder. */
  analyse?: string;
}

function parse(argv: string[]): ProfileOptions {
  const o: ProfileOptions = { requests: 300, warmup: 100, concurrency: 8, port: 3350, pgAdminUrl: "postgresql://postgres@127.0.0.1:5432/test", build: true, baseline: true };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i]!;
    const num = () => {
      const n = Number(argv[++i]);
      if (!Number.isInteger(n) || n <= 0) throw new Error(`${flag}: expected a positive integer`);
      return n;
    };
    if (flag === "--requests") o.requests = num();
    else if (flag === "--warmup") o.warmup = num();
    else if (flag === "--concurrency") o.concurrency = num();
    else if (flag === "--port") o.port = num();
    else if (flag === "--pg-admin-url") o.pgAdminUrl = argv[++i]!;
    else if (flag === "--no-build") o.build = false;
    else if (flag === "--no-baseline") o.baseline = false;
    else if (flag === "--keep") o.keep = argv[++i]!;
    else if (flag === "--analyse") o.analyse = argv[++i]!;
    else throw new Error(`unknown option ${flag} (see the header of bench/profile.ts)`);
  }
  return o;
}

const CLK_TCK = 100;

/** User + system CPU of a process (all its threads), ms. */
function processCpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  // Fields after the command name, which is in parentheses and may contain spaces.
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLK_TCK;
}

/** CLOCK_MONOTONIC in µs: the clock V8 stamps profile samples with on Linux. */
const monotonicUs = () => Number(process.hrtime.bigint() / 1000n);

async function runCount(op: Op, concurrency: number, count: number): Promise<void> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
  let started = 0;
  try {
    await Promise.all(
      Array.from({ length: concurrency }, async (_, caller) => {
        while (started < count) {
          started++;
          await op(caller, agent);
        }
      }),
    );
  } finally {
    agent.destroy();
  }
}

interface Window {
  scenario: string;
  requests: number;
  fromUs: number;
  toUs: number;
  cpuMs: number;
}

async function measure(server: RunningServer, scenario: string, op: Op, o: ProfileOptions, log: (l: string) => void): Promise<Window> {
  await runCount(op, o.concurrency, o.warmup);
  await sleep(300);
  const cpu0 = processCpuMs(server.pid);
  const fromUs = monotonicUs();
  const t0 = performance.now();
  await runCount(op, o.concurrency, o.requests);
  const toUs = monotonicUs();
  const cpuMs = processCpuMs(server.pid) - cpu0;
  log(`  ${server.name} · ${scenario}: ${o.requests} requests in ${((performance.now() - t0) / 1000).toFixed(1)} s, ${(cpuMs / o.requests).toFixed(2)} ms CPU each`);
  await sleep(300);
  return { scenario, requests: o.requests, fromUs, toUs, cpuMs };
}

/** The main thread's profile (file name CPU.<date>.<time>.<pid>.<thread>.<seq>; tsx adds a loader thread). */
function readProfile(dir: string): CpuProfile {
  const files = readdirSync(dir).filter((f) => /\.\d+\.0\.\d+\.cpuprofile$/.test(f));
  if (files.length !== 1) throw new Error(`${dir}: expected one .cpuprofile, found ${files.length} (${files.join(", ")})`);
  return JSON.parse(readFileSync(path.join(dir, files[0]!), "utf8")) as CpuProfile;
}

function report(side: string, profile: CpuProfile, windows: Window[]): string {
  const resolve = sourceResolver();
  const totals = windows.map((w) => ({ w, t: attribute(profile, w.fromUs, w.toUs, resolve) }));
  const fmt = (n: number) => (n >= 10 ? n.toFixed(1) : n.toFixed(2));
  const lines = [`| ${side}: ms CPU per request | ${windows.map((w) => w.scenario).join(" | ")} |`, `|---|${windows.map(() => "---:").join("|")}|`];
  lines.push(`| **process CPU (/proc, all threads)** | ${totals.map(({ w }) => `**${fmt(w.cpuMs / w.requests)}**`).join(" | ")} |`);
  lines.push(`| main thread busy in the profile | ${totals.map(({ w, t }) => fmt(t.busyUs / 1000 / w.requests)).join(" | ")} |`);
  for (const area of AREAS) {
    const cells = totals.map(({ w, t }) => (t.busyUs > 0 ? ((t.byArea.get(area) ?? 0) / t.busyUs) * (w.cpuMs / w.requests) : 0));
    if (cells.every((c) => c < 0.005)) continue;
    lines.push(`| ${area} | ${cells.map(fmt).join(" | ")} |`);
  }
  const top = totals.map(({ w, t }) => {
    const rows = [...t.topSelf.entries()].sort((a, b) => b[1] - a[1]).slice(0, 15);
    return `${side} · ${w.scenario}, hottest self time (% of busy samples):\n${rows.map(([k, us]) => `  ${((us / t.busyUs) * 100).toFixed(1).padStart(5)}%  ${k}`).join("\n")}`;
  });
  return `${lines.join("\n")}\n\n${top.join("\n\n")}`;
}

async function main(o: ProfileOptions): Promise<void> {
  const log = (line: string) => console.log(`[profile ${new Date().toISOString().slice(11, 19)}] ${line}`);
  Object.assign(process.env, BENCH_SECRETS);
  ensureBuild(o.build, log);
  const work = o.keep ? (mkdirSync(o.keep, { recursive: true }), o.keep) : mkdtempSync(path.join(os.tmpdir(), "koo-profile-"));
  const db = await createPostgresDatabase(o.pgAdminUrl);
  const servers: RunningServer[] = [];
  const out: string[] = [];
  try {
    const big = 1_000_000_000;
    const [appCustomer, baselineCustomer] = await withDatabase(db, async (d) => [await seedCustomer(d.prisma, "app", big), await seedCustomer(d.prisma, "baseline", big)]);
    const sides = [
      { who: "app", dir: path.join(work, "app"), customer: appCustomer, start: startApp },
      ...(o.baseline ? [{ who: "baseline", dir: path.join(work, "baseline"), customer: baselineCustomer, start: startBaseline }] : []),
    ];
    const results: Array<{ who: string; dir: string; windows: Window[] }> = [];
    for (const [k, s] of sides.entries()) {
      mkdirSync(s.dir, { recursive: true });
      const nodeArgs = ["--cpu-prof", "--cpu-prof-dir", s.dir, "--cpu-prof-interval", "250"];
      const server = await s.start({ name: `profile-${s.who}`, port: o.port + k, db: db.target, logDir: work, nodeArgs });
      servers.push(server);
      log(`${s.who} listening on ${server.url} (pid ${server.pid})`);
      const side: SideOrders = { who: s.who, baseUrl: server.url, orders: [], next: 0 };
      const tracker = new DebitTracker(`${s.who} tenant.callApi`, big);
      const windows = [
        await measure(server, "newInstance (new order)", newInstanceOp(side), o, log),
        await measure(server, "newInstance (redelivery)", redeliveryOp(side), o, log),
        await measure(server, "queryInstance", queryInstanceOp(side), o, log),
        await measure(server, "tenant.callApi (metered)", callApiOp(s.who, server.url, s.customer.cookie, tracker), o, log),
      ];
      // The profile is written when the process exits.
      await server.stop();
      results.push({ who: s.who, dir: s.dir, windows });
      writeFileSync(path.join(s.dir, "windows.json"), JSON.stringify(windows));
    }
    for (const r of results) out.push(report(r.who, readProfile(r.dir), r.windows));
  } finally {
    await Promise.all(servers.map((s) => s.stop()));
    await db.drop();
    if (!o.keep) rmSync(work, { recursive: true, force: true });
  }
  console.log(`\nCPU per request, ${o.requests} requests per scenario at concurrency ${o.concurrency} after ${o.warmup} warm-up requests; load average ${os.loadavg().map((l) => l.toFixed(2)).join(" ")}\n`);
  console.log(out.join("\n\n"));
}

function analyse(dir: string): void {
  for (const who of ["app", "baseline"]) {
    const d = path.join(dir, who);
    if (!existsSync(path.join(d, "windows.json"))) continue;
    console.log(`${report(who, readProfile(d), JSON.parse(readFileSync(path.join(d, "windows.json"), "utf8")) as Window[])}\n`);
  }
}

try {
  const o = parse(process.argv.slice(2));
  if (o.analyse) analyse(o.analyse);
  else await main(o);
  process.exit(0);
} catch (err) {
  console.error("profile FAILED:", err);
  process.exit(1);
}

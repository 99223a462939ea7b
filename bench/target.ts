/**
 * Everything the bench does on one database engine:
 *
 *   throw-away database(s) → seed the packages and customers → start `next start`, the baseline
 *   and (PostgreSQL) the Next.js floor → signed marketplace scenarios → metered tRPC scenario →
 *   the same on the floor → stop the servers → ledger checks → in-process consume() vs raw
 *   UPDATE → (PostgreSQL) the 3-process overdraft check → drop the database(s)
 *
 * On PostgreSQL app and baseline share one database (different rows); on PGlite each has its
 * own directory (an embedded database belongs to one process).
 */
import path from "node:path";
import type { Database } from "~/server/db/connection";
import { BenchFailure, DebitTracker } from "./checks";
import { compare, type Comparison, type RoundPlan } from "./compare";
import { createPgliteDatabase, createPostgresDatabase, withDatabase, type BenchDatabase } from "./databases";
import type { BenchOptions, TargetName } from "./options";
import { newInstanceOp, queryInstanceOp, redeliveryOp, type SideOrders } from "./scenarios/marketplace";
import { callApiOp, checkPackage, consumeOp, rawUpdateOp } from "./scenarios/metered";
import { overdraftCheck, type OverdraftResult } from "./scenarios/overdraft";
import { seedCustomer, seedPackage, type SeededCustomer, type SeededPackage } from "./seed";
import { ensureFloorBuild } from "./build";
import { runRound, type Op } from "./load";
import { startApp, startBaseline, startFloor, type RunningServer } from "./servers";

const MARKETPLACE_SCENARIOS = [
  ["signed newInstance (new order)", newInstanceOp],
  ["signed newInstance (redelivery)", redeliveryOp],
  ["signed queryInstance", queryInstanceOp],
] as const;

const METERED_SCENARIO = "metered debit over HTTP (tenant.callApi vs raw UPDATE)";

/** Balance of the packages the measured scenarios draw: never the limit of a run. */
const BIG_PACKAGE = 1_000_000_000;

export interface TargetResult {
  comparisons: Comparison[];
  checks: string[];
  overdraft?: OverdraftResult;
}

interface Seeded {
  appCustomer: SeededCustomer;
  baselineCustomer: SeededCustomer;
  consumePkg: SeededPackage;
  rawPkg: SeededPackage;
  overdraftPkg?: SeededPackage;
  /** The floor's signed-in customer (PostgreSQL, floor group). */
  floorCustomer?: SeededCustomer;
}

/** The Next.js floor runs on PostgreSQL only: the targets are PostgreSQL's, and a PGlite directory belongs to one process. */
const floorRuns = (target: TargetName, opts: BenchOptions) => target === "postgres" && opts.groups.includes("floor");

export async function runTarget(target: TargetName, opts: BenchOptions, logDir: string, log: (line: string) => void): Promise<TargetResult> {
  const plan: RoundPlan = { rounds: opts.rounds, roundMs: opts.roundMs, warmupMs: opts.warmupMs };
  const result: TargetResult = { comparisons: [], checks: [] };
  const appDb = target === "postgres" ? await createPostgresDatabase(opts.pgAdminUrl) : await createPgliteDatabase("app");
  const baselineDb = target === "postgres" ? appDb : await createPgliteDatabase("baseline");
  try {
    log(`${target}: databases ${appDb.label}${baselineDb === appDb ? "" : ` and ${baselineDb.label}`}`);
    const seeded = await seed(target, opts, appDb, baselineDb);
    const httpGroups = opts.groups.includes("marketplace") || opts.groups.includes("metered") || floorRuns(target, opts);
    if (httpGroups) await httpScenarios(target, opts, plan, appDb, baselineDb, seeded, logDir, log, result);
    if (opts.groups.includes("consume")) await inProcessScenarios(target, opts, plan, appDb, seeded, log, result);
    if (seeded.overdraftPkg && appDb.target.kind === "postgres") {
      const { url } = appDb.target;
      const pkg = seeded.overdraftPkg;
      result.overdraft = await withDatabase(appDb, (db) => overdraftCheck(db, url, pkg, { processes: opts.overdraftProcesses, callers: opts.overdraftCallers }, log));
      log(`  ${result.overdraft.line}`);
    }
  } finally {
    await appDb.drop();
    if (baselineDb !== appDb) await baselineDb.drop();
  }
  return result;
}

async function seed(target: TargetName, opts: BenchOptions, appDb: BenchDatabase, baselineDb: BenchDatabase): Promise<Seeded> {
  const app = await withDatabase(appDb, async (db) => ({
    appCustomer: await seedCustomer(db.prisma, "app", BIG_PACKAGE),
    consumePkg: await seedPackage(db.prisma, "consume", BIG_PACKAGE),
    rawPkg: await seedPackage(db.prisma, "raw", BIG_PACKAGE),
    overdraftPkg: target === "postgres" && opts.groups.includes("overdraft") ? await seedPackage(db.prisma, "overdraft", opts.overdraftQuota) : undefined,
  }));
  const baseline = await withDatabase(baselineDb, async (db) => ({
    baselineCustomer: await seedCustomer(db.prisma, "baseline", BIG_PACKAGE),
    floorCustomer: floorRuns(target, opts) ? await seedCustomer(db.prisma, "floor", BIG_PACKAGE) : undefined,
  }));
  return { ...app, ...baseline };
}

async function httpScenarios(
  target: TargetName,
  opts: BenchOptions,
  plan: RoundPlan,
  appDb: BenchDatabase,
  baselineDb: BenchDatabase,
  seeded: Seeded,
  logDir: string,
  log: (line: string) => void,
  result: TargetResult,
): Promise<void> {
  const port = opts.basePort + (target === "postgres" ? 0 : 2);
  const floorPort = opts.basePort + 4;
  const appRuns = opts.groups.includes("marketplace") || opts.groups.includes("metered");
  const floorRun = floorRuns(target, opts);
  const servers: RunningServer[] = [];
  const appTracker = new DebitTracker(`${target} app tenant.callApi`, BIG_PACKAGE);
  const baselineTracker = new DebitTracker(`${target} baseline metered UPDATE`, BIG_PACKAGE);
  const floorTracker = new DebitTracker(`${target} Next.js floor metered UPDATE`, BIG_PACKAGE);
  try {
    if (floorRun) ensureFloorBuild(log);
    log(`${target}: starting ${appRuns ? `next start on :${port}, ` : ""}the baseline on :${port + 1}${floorRun ? ` and the Next.js floor on :${floorPort}` : ""} …`);
    const t0 = Date.now();
    const started = await Promise.allSettled([
      appRuns ? startApp({ name: `app-${target}`, port, db: appDb.target, logDir }) : Promise.resolve(undefined),
      startBaseline({ name: `baseline-${target}`, port: port + 1, db: baselineDb.target, logDir, inject: opts.inject }),
      floorRun ? startFloor({ name: `floor-${target}`, port: floorPort, db: baselineDb.target, logDir }) : Promise.resolve(undefined),
    ]);
    for (const s of started) if (s.status === "fulfilled" && s.value) servers.push(s.value);
    const failed = started.find((s) => s.status === "rejected");
    if (failed) throw failed.reason;
    const [app, baseline, floor] = started.map((s) => (s.status === "fulfilled" ? s.value : undefined));
    log(`${target}: servers ready in ${((Date.now() - t0) / 1000).toFixed(1)} s (logs: ${path.relative(process.cwd(), logDir)})`);
    const baseSide: SideOrders = { who: "baseline", baseUrl: baseline!.url, orders: [], next: 0 };
    const appSide: SideOrders | undefined = app && { who: "app", baseUrl: app.url, orders: [], next: 0 };
    const floorSide: SideOrders | undefined = floor && { who: "Next.js floor", baseUrl: floor.url, orders: [], next: 0 };
    if (opts.serverWarmupMs > 0) {
      // Every server first serves each kind of request it will be measured on, so the rounds
      // measure steady state rather than V8 still compiling Next.js's code: a fresh `next start`
      // climbed from 180 to 350 new orders/s over its first 15 s.
      const withMarketplace = opts.groups.includes("marketplace") || floorRun;
      const withMetered = opts.groups.includes("metered") || floorRun;
      const sides: Array<[string, SideOrders | undefined, string | undefined, DebitTracker]> = [
        ["app", appSide, seeded.appCustomer.cookie, appTracker],
        ["baseline", baseSide, seeded.baselineCustomer.cookie, baselineTracker],
        ["Next.js floor", floorSide, seeded.floorCustomer?.cookie, floorTracker],
      ];
      const t1 = Date.now();
      for (const [who, side, cookie, tracker] of sides) {
        if (!side) continue;
        const ops: Op[] = [];
        if (withMarketplace) ops.push(newInstanceOp(side), queryInstanceOp(side));
        if (withMetered && cookie) ops.push(callApiOp(who, side.baseUrl, cookie, tracker));
        for (const op of ops) await warmUpRound(who, op, opts.serverWarmupMs / ops.length);
      }
      log(`${target}: servers warmed up in ${((Date.now() - t1) / 1000).toFixed(1)} s (--server-warmup)`);
    }

    if (appSide && opts.groups.includes("marketplace")) {
      for (const [scenario, op] of MARKETPLACE_SCENARIOS) {
        for (const concurrency of opts.concurrencies) {
          result.comparisons.push(await compare({ group: "marketplace", target, scenario, concurrency, app: op(appSide), baseline: op(baseSide) }, plan, log));
        }
      }
      result.checks.push(`${target}: ${appSide.orders.length + baseSide.orders.length} new orders; every newInstance, redelivery and queryInstance answer checked (000000, same instanceId on redelivery, query lists the instance) ✓`);
    }
    if (opts.groups.includes("metered")) {
      for (const concurrency of opts.concurrencies) {
        result.comparisons.push(
          await compare(
            {
              group: "metered",
              target,
              scenario: METERED_SCENARIO,
              concurrency,
              app: callApiOp("app", app!.url, seeded.appCustomer.cookie, appTracker),
              baseline: callApiOp("baseline", baseline!.url, seeded.baselineCustomer.cookie, baselineTracker),
            },
            plan,
            log,
          ),
        );
      }
    }
    if (floor && floorSide && seeded.floorCustomer) {
      // The baseline's own work behind Next.js: the same scenarios, the floor against the baseline.
      const floorScenarios = [
        ...MARKETPLACE_SCENARIOS.map(([scenario, op]) => [scenario, op(floorSide), op(baseSide)] as const),
        [METERED_SCENARIO, callApiOp("floor", floor.url, seeded.floorCustomer.cookie, floorTracker), callApiOp("baseline", baseline!.url, seeded.baselineCustomer.cookie, baselineTracker)] as const,
      ];
      for (const [scenario, floorOp, baselineOp] of floorScenarios) {
        for (const concurrency of opts.concurrencies) {
          result.comparisons.push(await compare({ group: "floor", target, scenario, concurrency, app: floorOp, baseline: baselineOp, appLabel: "Next.js floor" }, plan, log));
        }
      }
      result.checks.push(`${target}: ${floorSide.orders.length} new orders on the Next.js floor; every answer checked as the baseline's ✓`);
    }
  } finally {
    await Promise.all(servers.map((s) => s.stop()));
  }
  if (opts.groups.includes("metered")) {
    // After the servers stopped: a PGlite directory may be opened by one process at a time.
    result.checks.push(await withDatabase(appDb, (db) => checkPackage(db, `${target} app package (HTTP)`, seeded.appCustomer, appTracker.debits, true)));
  }
  if (opts.groups.includes("metered") || floorRun) {
    result.checks.push(await withDatabase(baselineDb, (db) => checkPackage(db, `${target} baseline package (HTTP)`, seeded.baselineCustomer, baselineTracker.debits, false)));
  }
  if (floorRun && seeded.floorCustomer) {
    const pkg = seeded.floorCustomer;
    result.checks.push(await withDatabase(baselineDb, (db) => checkPackage(db, `${target} Next.js floor package (HTTP)`, pkg, floorTracker.debits, false)));
  }
}

/** One unmeasured round at concurrency 16; a wrong answer still fails the run. */
async function warmUpRound(who: string, op: Op, ms: number): Promise<void> {
  try {
    await runRound(op, 16, ms);
  } catch (err) {
    if (err instanceof BenchFailure) throw err;
    throw new BenchFailure(`${who} (server warm-up): ${(err as Error).message}`);
  }
}

async function inProcessScenarios(
  target: TargetName,
  opts: BenchOptions,
  plan: RoundPlan,
  appDb: BenchDatabase,
  seeded: Seeded,
  log: (line: string) => void,
  result: TargetResult,
): Promise<void> {
  const consumeTracker = new DebitTracker(`${target} consume()`, BIG_PACKAGE);
  const rawTracker = new DebitTracker(`${target} raw UPDATE`, BIG_PACKAGE);
  await withDatabase(appDb, async (db: Database) => {
    for (const concurrency of opts.concurrencies) {
      result.comparisons.push(
        await compare(
          {
            group: "consume",
            target,
            scenario: "in-process debit (consume() vs raw UPDATE, same pool)",
            concurrency,
            app: consumeOp(db, seeded.consumePkg, consumeTracker),
            baseline: rawUpdateOp(db, seeded.rawPkg, rawTracker),
          },
          plan,
          log,
        ),
      );
    }
    result.checks.push(await checkPackage(db, `${target} consume() package`, seeded.consumePkg, consumeTracker.debits, true));
    result.checks.push(await checkPackage(db, `${target} raw UPDATE package`, seeded.rawPkg, rawTracker.debits, false));
  });
}

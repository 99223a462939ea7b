/**
 * Command-line options of `npm run bench` (no environment variables: the bench configures the
 * servers it starts explicitly, and never reads the developer's .env).
 *
 *   npm run bench                         full run (about 20 minutes on a 2-core machine)
 *   npm run bench -- --quick              smoke run: 1 short round, small counts (the e2e test uses it)
 *   npm run bench -- --rounds 7 --seconds 5 --targets postgres --groups marketplace,metered
 */

export const TARGETS = ["postgres", "pglite"] as const;
export type TargetName = (typeof TARGETS)[number];

/** Scenario groups, in the order they run. */
export const GROUPS = ["marketplace", "metered", "floor", "consume", "overdraft"] as const;
export type GroupName = (typeof GROUPS)[number];

/** Wrong answers the baseline server can be told to give, to prove the bench catches them. */
export const INJECTIONS = ["wrong-code", "lost-debit"] as const;
export type Injection = (typeof INJECTIONS)[number];

export interface BenchOptions {
  quick: boolean;
  /** Measured rounds per side and scenario (interleaved app, baseline, app, …). */
  rounds: number;
  /** Length of one round. */
  roundMs: number;
  /** Unmeasured round per side before the first measured one (answers are still checked). */
  warmupMs: number;
  /** Unmeasured load on each HTTP server once it has started, split over the kinds of request it will serve. */
  serverWarmupMs: number;
  concurrencies: number[];
  /** First of five consecutive ports: app PostgreSQL, baseline PostgreSQL, app PGlite, baseline PGlite, the Next.js floor. */
  basePort: number;
  targets: TargetName[];
  groups: GroupName[];
  /** Build when the production build is missing or older than the sources (else refuse / warn). */
  build: boolean;
  pgAdminUrl: string;
  /** Package size of the 3-process overdraft check. */
  overdraftQuota: number;
  overdraftProcesses: number;
  overdraftCallers: number;
  inject?: Injection;
}

export class UsageError extends Error {}

const HELP = `npm run bench -- [options]
  --quick                 smoke run: 1 round of 0.25 s per side, a small overdraft package
  --rounds N              measured rounds per side (default 5; quick 1)
  --seconds S             length of one round in seconds (default 4; quick 0.25)
  --warmup S              unmeasured load per side before each scenario, in seconds
                          (default 3; quick 0.1)
  --server-warmup S       unmeasured load on each HTTP server once started, split over
                          the kinds of request it will serve, in seconds (default 15;
                          quick 0; 0 skips it)
  --port P                first of 5 ports for the servers (default 3300)
  --targets a,b           postgres,pglite (default both; PostgreSQL is skipped when unreachable)
  --groups a,b            ${GROUPS.join(",")} (default all; floor: the baseline's
                          handlers inside a bare Next.js app, PostgreSQL only)
  --no-build              never build: fail when .next is missing, warn when it is older
                          than the sources (default: build when missing or older)
  --pg-admin-url URL      PostgreSQL to create the throw-away database on
                          (default postgresql://postgres@127.0.0.1:5432/test)
  --inject KIND           make the baseline answer wrongly (${INJECTIONS.join(", ")}): the bench must exit 1`;

function list<T extends string>(flag: string, raw: string, allowed: readonly T[]): T[] {
  const items = raw.split(",").map((s) => s.trim()).filter(Boolean);
  const bad = items.filter((i) => !allowed.includes(i as T));
  if (bad.length || items.length === 0) throw new UsageError(`${flag}: expected some of ${allowed.join(", ")}, got "${raw}"`);
  return allowed.filter((a) => items.includes(a));
}

function positive(flag: string, raw: string | undefined, integer: boolean): number {
  const n = Number(raw);
  if (raw === undefined || !Number.isFinite(n) || n <= 0 || (integer && !Number.isInteger(n))) {
    throw new UsageError(`${flag}: expected a positive ${integer ? "integer" : "number"}, got "${raw ?? ""}"`);
  }
  return n;
}

export function parseOptions(argv: string[]): BenchOptions | "help" {
  const quick = argv.includes("--quick");
  const o: BenchOptions = {
    quick,
    rounds: quick ? 1 : 5,
    roundMs: quick ? 250 : 4000,
    // Long enough for V8 to have optimised the server's hot code: with 1.5 s, the first scenario
    // of a fresh server measured ~25 % below the same scenario at the next concurrency.
    warmupMs: quick ? 100 : 3000,
    serverWarmupMs: quick ? 0 : 15000,
    concurrencies: [16, 64],
    basePort: 3300,
    targets: [...TARGETS],
    groups: [...GROUPS],
    build: true,
    pgAdminUrl: "postgresql://postgres@127.0.0.1:5432/test",
    overdraftQuota: quick ? 300 : 3000,
    overdraftProcesses: 3,
    overdraftCallers: 64,
  };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i]!;
    const value = () => argv[++i];
    switch (flag) {
      case "--quick":
        break;
      case "--help":
      case "-h":
        return "help";
      case "--rounds":
        o.rounds = positive(flag, value(), true);
        break;
      case "--seconds":
        o.roundMs = positive(flag, value(), false) * 1000;
        break;
      case "--warmup":
        o.warmupMs = positive(flag, value(), false) * 1000;
        break;
      case "--server-warmup": {
        const raw = value();
        o.serverWarmupMs = raw === "0" ? 0 : positive(flag, raw, false) * 1000;
        break;
      }
      case "--port": {
        const p = positive(flag, value(), true);
        if (p + 4 > 65535) throw new UsageError(`--port: ${p}…${p + 4} is not a port range`);
        o.basePort = p;
        break;
      }
      case "--targets":
        o.targets = list(flag, value() ?? "", TARGETS);
        break;
      case "--groups":
        o.groups = list(flag, value() ?? "", GROUPS);
        break;
      case "--no-build":
        o.build = false;
        break;
      case "--pg-admin-url":
        o.pgAdminUrl = value() ?? "";
        if (!/^postgres(ql)?:\/\//.test(o.pgAdminUrl)) throw new UsageError(`--pg-admin-url: expected a postgresql:// URL`);
        break;
      case "--inject": {
        const kind = value() ?? "";
        if (!INJECTIONS.includes(kind as Injection)) throw new UsageError(`--inject: expected one of ${INJECTIONS.join(", ")}, got "${kind}"`);
        o.inject = kind as Injection;
        break;
      }
      default:
        throw new UsageError(`unknown option "${flag}"\n${HELP}`);
    }
  }
  return o;
}

export { HELP };

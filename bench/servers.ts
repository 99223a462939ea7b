/**
 * The servers a bench run starts and stops: `next start` (the production build) and the bare
 * baseline server (bench/baseline/server.ts), each a child process in its own process group,
 * logging to a file that is shown when it fails to start.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { closeSync, openSync, readFileSync } from "node:fs";
import http from "node:http";
import path from "node:path";
import { ENV_SCHEMA } from "~/env";
import type { DatabaseTarget } from "~/server/db/connection";
import type { BaselineConfig } from "./baseline/config";
import { onInterrupt } from "./cleanup";
import { FLOOR_DIR, NEXT_BIN } from "./build";
import { POOL_SIZE } from "./databases";
import { BENCH_SECRETS, SIGNATURE_WINDOW_MS } from "./secrets";

export interface RunningServer {
  name: string;
  url: string;
  logFile: string;
  /** The server's node process (bench/profile.ts reads its CPU time). */
  pid: number;
  stop(): Promise<void>;
}

const READY_TIMEOUT_MS = 300_000;
const STOP_TIMEOUT_MS = 30_000;

/** The app's environment, every variable explicit: nothing from the shell or a .env file. */
function appEnv(port: number, db: DatabaseTarget): NodeJS.ProcessEnv {
  const url = `http://127.0.0.1:${port}`;
  // Empty means unset for every variable of src/env.ts, and Next.js does not override a set
  // variable from a .env file.
  const unset = Object.fromEntries(Object.keys(ENV_SCHEMA.shape).map((k) => [k, ""]));
  return {
    ...unset,
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    NODE_ENV: "production",
    NEXT_TELEMETRY_DISABLED: "1",
    ...BENCH_SECRETS,
    APP_URL: url,
    NEXTAUTH_URL: url,
    DATABASE_URL: db.kind === "postgres" ? db.url : "",
    PGLITE_DIR: db.kind === "pglite" ? db.dir : "",
    DATABASE_POOL_SIZE: String(POOL_SIZE),
    // The billing worker would aggregate the bench's ledger in the middle of a round: off, so
    // both sides run only what the requests ask for.
    BILLING_WORKER_IN_SERVER: "false",
    KOOGALLERY_SIGNATURE_WINDOW_SECONDS: String(SIGNATURE_WINDOW_MS / 1000),
  };
}

/** `nodeArgs`: flags for the server's node process (bench/profile.ts: --cpu-prof …). */
export function startApp(opts: { name: string; port: number; db: DatabaseTarget; logDir: string; nodeArgs?: string[] }): Promise<RunningServer> {
  return startProcess({
    ...opts,
    args: [...(opts.nodeArgs ?? []), NEXT_BIN, "start", "-p", String(opts.port), "-H", "127.0.0.1"],
    env: appEnv(opts.port, opts.db),
  });
}

function baselineConfig(opts: { port: number; db: DatabaseTarget; inject?: BaselineConfig["inject"] }): string {
  const config: BaselineConfig = {
    port: opts.port,
    db: opts.db.kind === "postgres" ? { kind: "postgres", url: opts.db.url, poolSize: POOL_SIZE } : { kind: "pglite", dir: opts.db.dir },
    accessKey: BENCH_SECRETS.KOOGALLERY_ACCESS_KEY,
    nextAuthSecret: BENCH_SECRETS.NEXTAUTH_SECRET,
    dataKey: BENCH_SECRETS.DATA_ENCRYPTION_KEY,
    windowMs: SIGNATURE_WINDOW_MS,
    appUrl: `http://127.0.0.1:${opts.port}`,
    inject: opts.inject,
  };
  return Buffer.from(JSON.stringify(config)).toString("base64url");
}

export function startBaseline(opts: { name: string; port: number; db: DatabaseTarget; logDir: string; inject?: BaselineConfig["inject"]; nodeArgs?: string[] }): Promise<RunningServer> {
  return startProcess({
    ...opts,
    args: [...(opts.nodeArgs ?? []), "--import", "tsx", path.join("bench", "baseline", "server.ts"), baselineConfig(opts)],
    env: { PATH: process.env.PATH, HOME: process.env.HOME, NODE_ENV: "production" },
  });
}

/**
 * The Next.js floor (bench/next-floor): `next start` of a bare Next.js app whose route handlers
 * run the baseline's handlers — what the baseline's work costs once it sits behind Next.js.
 */
export function startFloor(opts: { name: string; port: number; db: DatabaseTarget; logDir: string; nodeArgs?: string[] }): Promise<RunningServer> {
  return startProcess({
    ...opts,
    args: [...(opts.nodeArgs ?? []), NEXT_BIN, "start", FLOOR_DIR, "-p", String(opts.port), "-H", "127.0.0.1"],
    env: { PATH: process.env.PATH, HOME: process.env.HOME, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1", BENCH_FLOOR_CONFIG: baselineConfig(opts) },
  });
}

async function startProcess(opts: { name: string; port: number; logDir: string; args: string[]; env: NodeJS.ProcessEnv }): Promise<RunningServer> {
  const logFile = path.join(opts.logDir, `${opts.name.replace(/[^\w.-]+/g, "-")}.log`);
  const fd = openSync(logFile, "a");
  const child = spawn(process.execPath, opts.args, { env: opts.env, stdio: ["ignore", fd, fd], detached: true });
  closeSync(fd);
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  const url = `http://127.0.0.1:${opts.port}`;
  const server: RunningServer = { name: opts.name, url, logFile, pid: child.pid!, stop: onInterrupt(() => stopProcess(child, exited)) };
  const started = Date.now();
  // Any HTTP answer means it listens (the app answers GET /api/marketplace with 405).
  while (!(await answers(`${url}/api/marketplace`))) {
    const code = await Promise.race([exited, sleep(300).then(() => "running" as const)]);
    if (code !== "running") throw new Error(`${opts.name} exited with code ${code} before it listened:\n${tail(logFile)}`);
    if (Date.now() - started > READY_TIMEOUT_MS) {
      await server.stop();
      throw new Error(`${opts.name} did not listen on ${url} within ${READY_TIMEOUT_MS / 1000} s:\n${tail(logFile)}`);
    }
  }
  return server;
}

async function stopProcess(child: ChildProcess, exited: Promise<number | null>): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  // The child leads its own process group (detached): signal the group, so anything it
  // spawned ends with it.
  const group = -child.pid!;
  signal(group, "SIGTERM");
  const code = await Promise.race([exited, sleep(STOP_TIMEOUT_MS).then(() => "timeout" as const)]);
  if (code === "timeout") {
    signal(group, "SIGKILL");
    await exited;
  }
}

function signal(group: number, name: NodeJS.Signals): void {
  try {
    process.kill(group, name);
  } catch (err) {
    // ESRCH: the group is already gone.
    if ((err as NodeJS.ErrnoException).code !== "ESRCH") throw err;
  }
}

function answers(url: string): Promise<boolean> {
  return new Promise((resolve) => {
    const req = http.get(url, (res) => {
      res.resume();
      resolve(true);
    });
    req.setTimeout(5000, () => req.destroy());
    req.on("error", () => resolve(false));
  });
}

export function tail(file: string, lines = 40): string {
  try {
    return readFileSync(file, "utf8").split("\n").slice(-lines).join("\n");
  } catch {
    return "(no log)";
  }
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

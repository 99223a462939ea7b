/**
 * The load generator: `concurrency` callers, each sending its next request when the previous
 * answer has arrived and been checked, for a fixed time (a round). Both sides of a comparison get
 * the same generator in the same process; rounds alternate app, baseline, app, … so a change of
 * machine load hits both. Reports per side the median throughput over the rounds and p50/p99 of
 * every request's latency.
 */
import http from "node:http";
import os from "node:os";
import type { HttpAnswer } from "./checks";

/** One request of a caller (worker index, 0…concurrency-1); throws BenchFailure on a wrong answer. */
export type Op = (caller: number, agent: http.Agent) => Promise<void>;

export interface RoundResult {
  ops: number;
  seconds: number;
  latenciesMs: number[];
}

/** Runs `op` with `concurrency` callers for `durationMs`; the first failure stops every caller. */
export async function runRound(op: Op, concurrency: number, durationMs: number): Promise<RoundResult> {
  // A fresh keep-alive pool per round: sockets idle during the other side's round may have been
  // closed by the server, and reusing one would fail a request for no fault of either side.
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
  const latenciesMs: number[] = [];
  let failure: unknown;
  const started = performance.now();
  const deadline = started + durationMs;
  try {
    await Promise.all(
      Array.from({ length: concurrency }, async (_, caller) => {
        while (failure === undefined && performance.now() < deadline) {
          const t0 = performance.now();
          try {
            await op(caller, agent);
          } catch (err) {
            failure ??= err;
            return;
          }
          latenciesMs.push(performance.now() - t0);
        }
      }),
    );
  } finally {
    agent.destroy();
  }
  if (failure !== undefined) throw failure;
  return { ops: latenciesMs.length, seconds: (performance.now() - started) / 1000, latenciesMs };
}

export interface SideStats {
  /** Throughput of each measured round, ops/s. */
  rounds: number[];
  median: number;
  p50: number;
  p99: number;
  ops: number;
}

export function median(values: number[]): number {
  if (values.length === 0) return NaN;
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/** Nearest-rank percentile (p in 0…100). */
export function percentile(values: number[], p: number): number {
  if (values.length === 0) return NaN;
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))]!;
}

export function sideStats(results: RoundResult[]): SideStats {
  const all = results.flatMap((r) => r.latenciesMs);
  return {
    rounds: results.map((r) => r.ops / r.seconds),
    median: median(results.map((r) => r.ops / r.seconds)),
    p50: percentile(all, 50),
    p99: percentile(all, 99),
    ops: all.length,
  };
}

export const loadAverage = (): number => os.loadavg()[0]!;

/** POST `body` to `url`; resolves with the status and the whole answer. */
export function post(agent: http.Agent, url: string, body: string, headers: Record<string, string>): Promise<HttpAnswer> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: "POST", agent, headers: { ...headers, "content-length": Buffer.byteLength(body) } }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString("utf8") }));
      res.on("error", reject);
    });
    req.on("error", reject);
    req.end(body);
  });
}

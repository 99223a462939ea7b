/**
 * The probe's schedule: `--every 12h` (the marketplace probes twice a day), `--once` for cron.
 * The loop stops with exit code 1 at the first failing round; sleep is injectable for tests.
 */

const UNIT_MS = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 } as const;
export const MIN_EVERY_MS = 60_000;
export const MAX_EVERY_MS = 30 * 86_400_000;
export const DEFAULT_EVERY = "12h";

/** "90s", "30m", "12h", "1d" → milliseconds (1 minute … 30 days). */
export function parseEvery(text: string): number {
  const m = /^([0-9]{1,6})([smhd])$/.exec(text.trim());
  if (!m) throw new Error(`--every must look like 30m, 12h or 1d, got ${JSON.stringify(text)}`);
  const ms = Number(m[1]) * UNIT_MS[m[2] as keyof typeof UNIT_MS];
  if (ms < MIN_EVERY_MS || ms > MAX_EVERY_MS) throw new Error("--every must be between 1 minute and 30 days");
  return ms;
}

export interface ProbeLoopInput {
  /** One probe round; resolves to whether it passed. */
  round: (n: number) => Promise<boolean>;
  everyMs: number;
  once: boolean;
  sleep?: (ms: number) => Promise<void>;
  /** Tests: stop after this many passing rounds. */
  maxRounds?: number;
}

/** Exit code: 1 at the first failing round; 0 after `--once` (or maxRounds) passed. */
export async function probeLoop(input: ProbeLoopInput): Promise<number> {
  const sleep = input.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  for (let n = 1; ; n++) {
    if (!(await input.round(n))) return 1;
    if (input.once || (input.maxRounds !== undefined && n >= input.maxRounds)) return 0;
    await sleep(input.everyMs);
  }
}

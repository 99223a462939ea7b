/**
 * Seeded randomness for the shuffled round: the seed is printed with every run, and `--seed N`
 * replays exactly the same order, so an order-dependent failure can be reproduced.
 */
import { randomInt } from "node:crypto";

export const MAX_SEED = 2 ** 31 - 1;

/** mulberry32: tiny, fast, good enough to shuffle test cases (not for secrets). */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Fisher–Yates on a copy. */
export function shuffled<T>(items: readonly T[], random: () => number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

export function newSeed(): number {
  return randomInt(1, MAX_SEED);
}

/** A seed from the command line: a whole number 1 … 2^31-1. */
export function parseSeed(text: string): number {
  if (!/^[0-9]{1,10}$/.test(text)) throw new Error(`--seed must be a whole number, got ${JSON.stringify(text)}`);
  const n = Number(text);
  if (n < 1 || n > MAX_SEED) throw new Error(`--seed must be between 1 and ${MAX_SEED}`);
  return n;
}

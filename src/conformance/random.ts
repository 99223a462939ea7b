/**
 * Seeded randomness for the shuffled round: the seed is printed with every run, and `--seed N`
 * replays exactly the same order, so an order-dependent failure can be reproduced.
 */
import { randomInt } from "node:crypto";

export const MAX_SEED = 2 ** 31 - 1;

export { seededRandom, shuffled } from "~/koogallery/seeded-random";

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

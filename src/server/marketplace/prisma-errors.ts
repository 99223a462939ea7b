/** Prisma reports unique-constraint violations as P2002, on both driver adapters. */
export function isUniqueViolation(err: unknown): boolean {
  return typeof err === "object" && err !== null && (err as { code?: unknown }).code === "P2002";
}

/**
 * Runs an upsert-like operation, retrying once when a concurrent writer created the same row
 * first (Prisma's upsert is read-then-write; the unique key decides the race, the retry then
 * takes the update path).
 */
export async function retryOnUniqueViolation<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if (!isUniqueViolation(err)) throw err;
    return fn();
  }
}

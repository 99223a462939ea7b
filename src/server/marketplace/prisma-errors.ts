/** Prisma reports unique-constraint violations as P2002, on both driver adapters. */
export function isUniqueViolation(err: unknown): boolean {
  return typeof err === "object" && err !== null && (err as { code?: unknown }).code === "P2002";
}

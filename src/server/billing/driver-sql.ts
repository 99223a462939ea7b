/**
 * Driver SQL for the metered hot path: a statement sent straight to the database driver (the
 * `pg` Pool or PGlite) of the Database that owns a Prisma client, bypassing Prisma's query
 * pipeline (README "Benchmarks": the per-call cost of a metered debit is what the bench measures).
 *
 * Only for single statements whose result columns are plain values (text, int, float8, jsonb) —
 * they come back the same from both drivers and from Prisma. A client this module does not know
 * (another process's database opened without `registerDriver`) falls back to Prisma's raw query:
 * the same one statement, just slower.
 */
import type { PrismaClient } from "~/generated/prisma/client";
import { installedDatabase } from "~/server/db";
import type { Database } from "~/server/db/connection";

const registered = new WeakMap<PrismaClient, Database>();

/** Lets driverQuery reach `database`'s driver from its Prisma client (bench and worker processes). */
export function registerDriver(database: Database): void {
  registered.set(database.prisma, database);
}

function databaseOf(prisma: PrismaClient): Database | undefined {
  const known = registered.get(prisma);
  if (known) return known;
  const installed = installedDatabase();
  return installed?.prisma === prisma ? installed : undefined;
}

/** Runs one parameterised statement ($1 … $n) and answers its rows. */
export async function driverQuery<T>(prisma: PrismaClient, text: string, params: unknown[]): Promise<T[]> {
  const database = databaseOf(prisma);
  if (database) return database.withConnection((c) => c.query<T>(text, params));
  return prisma.$queryRawUnsafe<T[]>(text, ...params);
}

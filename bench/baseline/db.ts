/**
 * The baseline's database access: plain parameterised statements straight on the driver — a
 * node-postgres Pool, or @electric-sql/pglite on the embedded database. No ORM, no prepared
 * statement names, each statement its own transaction (autocommit).
 */
import { PGlite } from "@electric-sql/pglite";
import pg from "pg";
import type { BaselineConfig } from "./config";

export interface Sql {
  query<T>(text: string, params: unknown[]): Promise<T[]>;
  close(): Promise<void>;
}

export function openSql(db: BaselineConfig["db"]): Sql {
  if (db.kind === "postgres") {
    const pool = new pg.Pool({ connectionString: db.url, max: db.poolSize });
    pool.on("error", (err) => console.error("[baseline] idle client error:", err.message));
    return {
      query: async <T>(text: string, params: unknown[]) => (await pool.query(text, params)).rows as T[],
      close: () => pool.end(),
    };
  }
  const pglite = new PGlite(db.dir);
  return {
    query: async <T>(text: string, params: unknown[]) => (await pglite.query<T>(text, params)).rows,
    close: () => pglite.close(),
  };
}

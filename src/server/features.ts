/**
 * THE PRODUCT'S FEATURES — every feature that keeps tenant data in its own tables, listed once.
 * The retention worker (src/server/billing/retention.ts) runs each feature's purger for a
 * released instance after DATA_RETENTION_DAYS; nothing has to be imported for its side effects
 * by the server (src/server/boot.ts) or the standalone worker (scripts/worker.ts), so both see
 * the same list. tests/integration/features-registry.test.ts checks that every table named here
 * exists and that every tenant-keyed table of the schema is owned by a feature or by the core.
 *
 * Adding a feature: docs/extending.md (the "exports" entry below is the worked example).
 */
import type { Prisma } from "~/generated/prisma/client";
import type { DataPurger } from "~/server/billing";
import { purgeExports } from "~/server/exports";
import { purgeProjects } from "~/server/projects";

export interface ProductFeature {
  /** Stable name (logs, docs). */
  name: string;
  /** The Prisma models holding this feature's tenant data. */
  tables: readonly Prisma.ModelName[];
  /** Deletes one released instance's rows of `tables`, inside the purge transaction; idempotent. */
  purge: DataPurger;
}

export const PRODUCT_FEATURES: readonly ProductFeature[] = [
  // The count-quota demo ("projects" quota; src/server/projects, routers/project.ts).
  { name: "projects", tables: ["Project"], purge: purgeProjects },
  // The metered demo ("export" feature, "exports" meter; src/server/exports, routers/data-export.ts).
  { name: "exports", tables: ["DataExport"], purge: purgeExports },
];

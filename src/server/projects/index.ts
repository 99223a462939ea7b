/**
 * The demo product's projects: the example of a count quota ("projects" in the plan catalog).
 * Each project takes one unit of the account's QuotaAllocation in the transaction that creates
 * it and gives it back in the one that deletes it, so the count and the quota never disagree,
 * whatever runs concurrently in however many processes.
 *
 * Its retention purger (purgeProjects) is listed in the feature registry (src/server/features.ts):
 * a released instance's projects are deleted with the rest of its data once DATA_RETENTION_DAYS
 * have passed.
 */
import type { Prisma } from "~/generated/prisma/client";
import type { DataPurger, QuotaKey } from "~/server/billing";
import { AppError } from "~/server/errors";
import { isUniqueViolation } from "~/server/marketplace/prisma-errors";

export const PROJECT_QUOTA = "projects" satisfies QuotaKey;

/** What a customer may see of a project. */
export const projectSelect = {
  id: true,
  name: true,
  createdBy: true,
  createdAt: true,
} as const satisfies Prisma.ProjectSelect;

export interface NewProject {
  tenantId: string;
  instanceId: string;
  accountKey: string;
  name: string;
  createdBy: string;
}

/** Inserts inside the caller's (quota-taking) transaction; a taken name is PROJECT_NAME_TAKEN. */
export async function insertProject(tx: Prisma.TransactionClient, p: NewProject) {
  try {
    return await tx.project.create({ data: p, select: projectSelect });
  } catch (err) {
    if (isUniqueViolation(err)) {
      throw new AppError("PROJECT_NAME_TAKEN", `project "${p.name}"`);
    }
    throw err;
  }
}

/**
 * Deletes the tenant's project and returns the account whose quota it counted against, or null
 * when there is no such project of this tenant (already deleted, or someone else's). The DELETE
 * takes the row lock, so of two concurrent deletes exactly one gets the account back.
 */
export async function deleteProject(tx: Prisma.TransactionClient, tenantId: string, id: string): Promise<string | null> {
  const rows = await tx.$queryRawUnsafe<Array<{ accountKey: string }>>(
    `DELETE FROM "Project" WHERE "id" = $1::uuid AND "tenantId" = $2::text RETURNING "accountKey"`,
    id,
    tenantId,
  );
  return rows[0]?.accountKey ?? null;
}

/** Registered in src/server/features.ts; idempotent (a crash mid-purge runs it again). */
export const purgeProjects: DataPurger = (tx, t) => tx.project.deleteMany({ where: { instanceId: t.instanceId } });

/** Inputs and outputs of the data-export router (the demo's second metered feature). */
import { z } from "zod";

export const createExportInput = z.object({
  /** Client-generated per click: a retried or double-sent request debits (and records) once. */
  requestId: z.uuid(),
});

export const dataExportOutput = z.object({ id: z.string(), kind: z.string(), rowCount: z.number(), createdBy: z.string(), createdAt: z.date() });

export const createExportOutput = z.object({
  export: dataExportOutput,
  /** The file itself; it is not stored (the projects are). */
  csv: z.string(),
  replayed: z.boolean(),
  /** This month's exports left, or null when the plan does not limit them. */
  remaining: z.number().nullable(),
});

export const exportListOutput = z.object({ items: z.array(dataExportOutput) });

/** Inputs and outputs of the projects router (the demo product's count-quota feature). */
import { z } from "zod";

export const projectName = z
  .string()
  .trim()
  .min(1, "a project needs a name")
  .max(80, "at most 80 characters")
  // Control characters would break lists and logs; everything printable (中文 included) is fine.
  .refine((s) => !/[\u0000-\u001f\u007f]/.test(s), "no control characters");

export const createProjectInput = z.object({ name: projectName });
export const deleteProjectInput = z.object({ id: z.uuid() });

export const projectOutput = z.object({ id: z.string(), name: z.string(), createdBy: z.string(), createdAt: z.date() });

export const projectListOutput = z.object({
  items: z.array(projectOutput),
  /** The plan's limit, or null when the plan has no projects quota (the feature is not offered). */
  limit: z.number().nullable(),
  used: z.number(),
});

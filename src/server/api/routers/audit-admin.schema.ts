/** Inputs of the staff audit log API (/admin/audit). */
import { z } from "zod";
import { AUDIT_ACTIONS } from "~/server/staff/audit-log";

export const ZAuditListInput = z.object({
  actor: z.string().trim().min(1).max(64).optional(),
  action: z.enum(AUDIT_ACTIONS).optional(),
  limit: z.number().int().min(1).max(200).default(50),
  /** `nextCursor` of the previous page. */
  cursor: z.uuid().optional(),
});
export type AuditListInput = z.input<typeof ZAuditListInput>;

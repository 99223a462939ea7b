/**
 * The staff view of License codes (src/server/license): status, expiry, activation, the last
 * heartbeat and the callbacks received, with the order history and the state machine's audit
 * trail (refused transitions included). Two owner-only mutations call the License open APIs for a code
 * (activate, heartbeat) and record what they answered; an API refusal is returned as data, it is
 * what staff came to see.
 */
import type { z } from "zod";
import type { Prisma } from "~/generated/prisma/client";
import { createTRPCRouter, ownerProcedure, staffProcedure } from "~/server/api/trpc";
import { containsText, pageSlice, windowWhere } from "./list-window";
import { AppError, ERROR_TABLE } from "~/server/errors";
import { getEnv } from "~/env";
import { activateAndRecord, heartbeatAndRecord, licenseClientFromEnv } from "~/server/license/open-api";
import { recordAudit } from "~/server/staff/audit-log";
import {
  CALLS_SHOWN,
  licenseCallSelect,
  licenseCodeSelect,
  licenseOrderSelect,
  licenseTransitionSelect,
  ZLicenseActivateInput,
  ZLicenseApiOutcome,
  ZLicenseDetailInput,
  ZLicenseDetailOutput,
  ZLicenseHeartbeatInput,
  ZLicenseListInput,
  ZLicenseListOutput,
  ZLicenseOpenApiOutput,
} from "./license-admin.schema";

/** What the audit log keeps of an open-API answer: its code and message. */
function auditOutcome(o: z.infer<typeof ZLicenseApiOutcome>) {
  return { ok: o.ok, code: o.code, message: o.message };
}

export const licenseAdminRouter = createTRPCRouter({
  list: staffProcedure
    .input(ZLicenseListInput)
    .output(ZLicenseListOutput)
    .query(async ({ ctx, input }) => {
      const text = input.search ? containsText(input.search) : undefined;
      const where: Prisma.LicenseCodeWhereInput = {
        status: input.status,
        createdAt: windowWhere(input),
        ...(input.includeTest ? {} : { isTest: false }),
        ...(text ? { OR: [{ license: text }, { orderId: text }, { orderLineId: text }, { productId: text }] } : {}),
      };
      const [rows, total] = await Promise.all([
        ctx.db.licenseCode.findMany({
          where,
          select: { ...licenseCodeSelect, _count: { select: { transitions: { where: { accepted: false } } } } },
          orderBy: [{ createdAt: "desc" }, { license: "desc" }],
          ...pageSlice(input),
        }),
        ctx.db.licenseCode.count({ where }),
      ]);
      // The call log names each License call's code in instanceId (src/server/marketplace/call-log.ts).
      const calls = await ctx.db.marketplaceCall.groupBy({
        by: ["instanceId"],
        where: { channel: "license", instanceId: { in: rows.map((r) => r.license) } },
        _count: { _all: true },
        _max: { receivedAt: true },
      });
      const byCode = new Map(calls.map((c) => [c.instanceId, c]));
      const items = rows.map(({ _count, ...r }) => ({
        ...r,
        callbacks: byCode.get(r.license)?._count._all ?? 0,
        lastCallbackAt: byCode.get(r.license)?._max.receivedAt ?? null,
        refusedTransitions: _count.transitions,
      }));
      return { items, total };
    }),

  detail: staffProcedure
    .input(ZLicenseDetailInput)
    .output(ZLicenseDetailOutput)
    .query(async ({ ctx, input }) => {
      const code = await ctx.db.licenseCode.findUnique({
        where: { license: input.license },
        select: {
          ...licenseCodeSelect,
          orders: { select: licenseOrderSelect, orderBy: { appliedAt: "asc" } },
          transitions: { select: licenseTransitionSelect, orderBy: { createdAt: "asc" } },
        },
      });
      if (!code) throw new AppError("NOT_FOUND", `license code ${input.license}`);
      const calls = await ctx.db.marketplaceCall.findMany({
        where: { channel: "license", instanceId: input.license },
        select: licenseCallSelect,
        orderBy: [{ receivedAt: "desc" }, { id: "desc" }],
        take: CALLS_SHOWN,
      });
      return { ...code, calls };
    }),

  /** Whether activate / heartbeat can be called (the AK/SK they sign with are set), and if not, why. */
  openApi: staffProcedure.output(ZLicenseOpenApiOutput).query(() => {
    const env = getEnv();
    if (env.KOOGALLERY_OPENAPI_AK && env.KOOGALLERY_OPENAPI_SK) return { configured: true, reason: null };
    const row = ERROR_TABLE.LICENSE_API_NOT_CONFIGURED;
    return { configured: false, reason: { code: "LICENSE_API_NOT_CONFIGURED" as const, message: { zh: row.zh, en: row.en } } };
  }),

  /** Owner-only, and in the staff audit log with the open API's outcome. */
  activate: ownerProcedure
    .input(ZLicenseActivateInput)
    .output(ZLicenseApiOutcome)
    .mutation(async ({ ctx, input }) => {
      const outcome = await activateAndRecord(ctx.db, licenseClientFromEnv(), input);
      await recordAudit(ctx.db, ctx.actor, { action: "license.activate", target: input.license, details: auditOutcome(outcome), nowMs: Date.now() });
      return outcome;
    }),

  heartbeat: ownerProcedure
    .input(ZLicenseHeartbeatInput)
    .output(ZLicenseApiOutcome)
    .mutation(async ({ ctx, input }) => {
      const outcome = await heartbeatAndRecord(ctx.db, licenseClientFromEnv(), input.license);
      await recordAudit(ctx.db, ctx.actor, { action: "license.heartbeat", target: input.license, details: auditOutcome(outcome), nowMs: Date.now() });
      return outcome;
    }),
});

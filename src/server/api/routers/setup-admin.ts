/**
 * The staff "Setup & health" overview (/admin): configuration checks with their fixes and the
 * traffic figures (src/server/setup-health/). Read-only; the explicit output schema is the
 * list of what leaves the server (setup-admin.schema.ts) — no secret among it.
 */
import { getEnv } from "~/env";
import { createTRPCRouter, staffProcedure } from "~/server/api/trpc";
import { setupHealth } from "~/server/setup-health";
import { ZSetupHealthOutput } from "./setup-admin.schema";

export const setupAdminRouter = createTRPCRouter({
  overview: staffProcedure.output(ZSetupHealthOutput).query(({ ctx }) => setupHealth(ctx.db, getEnv(), Date.now())),
});

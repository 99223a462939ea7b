/**
 * The app's tRPC router. Add a sub-router here (one file per area under routers/).
 */
import { createCallerFactory, createTRPCRouter } from "./trpc";
import { callLogRouter } from "./routers/call-log";
import { instanceAdminRouter } from "./routers/instance-admin";
import { licenseAdminRouter } from "./routers/license-admin";
import { tenantAdminRouter } from "./routers/tenant-admin";
import { usageAdminRouter } from "./routers/usage-admin";
import { setupAdminRouter } from "./routers/setup-admin";
import { signInAdminRouter } from "./routers/sign-in-admin";
import { dataExportRouter } from "./routers/data-export";
import { staffAdminRouter } from "./routers/staff-admin";
import { auditAdminRouter } from "./routers/audit-admin";
import { projectRouter } from "./routers/project";
import { tenantRouter } from "./routers/tenant";

export const appRouter = createTRPCRouter({
  callLog: callLogRouter,
  tenantAdmin: tenantAdminRouter,
  instanceAdmin: instanceAdminRouter,
  licenseAdmin: licenseAdminRouter,
  usageAdmin: usageAdminRouter,
  setupAdmin: setupAdminRouter,
  signInAdmin: signInAdminRouter,
  staffAdmin: staffAdminRouter,
  auditAdmin: auditAdminRouter,
  /** Customer (联营账号) procedures: tenantProcedure or a stricter builder only. */
  tenant: tenantRouter,
  project: projectRouter,
  dataExport: dataExportRouter,
});

export type AppRouter = typeof appRouter;

/**
 * Server-side caller: `createCaller(createContextInner({ session }))` in tests,
 * `createCaller(createTRPCContext)` in server components (src/trpc/server.ts).
 */
export const createCaller = createCallerFactory(appRouter);

/**
 * YOU PROBABLY DON'T NEED TO EDIT THIS FILE, UNLESS:
 * 1. You want something new in every procedure's context (section 1), or
 * 2. you add a procedure builder (section 3): the planned ones are `tenantProcedure`
 *    (session → tenant, kind "customer"), `instanceProcedure` (input → purchased instance,
 *    403 unless ACTIVE) and `quotaProcedure(metric)`. Build them on `publicProcedure` so they
 *    keep the AppError mapping, and narrow the context like `staffProcedure` does.
 *
 * Only the builders the app may use are exported, so routers cannot bypass them.
 */
import { initTRPC } from "@trpc/server";
import superjson from "superjson";
import { getServerAuthSession, isStaffUser, type Session } from "~/server/auth";
import { ensureDatabaseReady, getDatabase } from "~/server/db";
import { AppError } from "~/server/errors";
import { formatError, toTRPCError } from "./error-shape";

/**
 * 1. CONTEXT
 *
 * `createContextInner` holds everything a procedure needs and nothing tied to an HTTP request,
 * so tests build it directly: `createCaller(createContextInner({ session }))`.
 * `createTRPCContext` is the request-bound wrapper used by the route handler and by server
 * components (it reads the session cookie).
 */
export interface CreateContextOptions {
  session: Session | null;
}

export function createContextInner(opts: CreateContextOptions) {
  return {
    session: opts.session,
    db: getDatabase().prisma,
  };
}

export type Context = ReturnType<typeof createContextInner>;

export async function createTRPCContext(_opts: { headers: Headers }): Promise<Context> {
  // Normally done by instrumentation at boot; awaiting the memoised promise costs nothing and
  // covers runtimes that skip instrumentation.
  await ensureDatabaseReady();
  return createContextInner({ session: await getServerAuthSession() });
}

/**
 * 2. INITIALIZATION
 *
 * superjson keeps Dates (receivedAt …) as Dates on the client. The error formatter is
 * described in error-shape.ts.
 */
const t = initTRPC.context<Context>().create({
  transformer: superjson,
  errorFormatter: formatError,
});

export const createCallerFactory = t.createCallerFactory;
export const createTRPCRouter = t.router;

/**
 * 3. PROCEDURE BUILDERS
 */

/** Re-throws an AppError from any later middleware or resolver as its mapped TRPCError. */
const mapAppErrors = t.middleware(async ({ next }) => {
  const result = await next();
  if (!result.ok && result.error.cause instanceof AppError) throw toTRPCError(result.error.cause);
  return result;
});

/** Anyone, signed in or not. */
export const publicProcedure = t.procedure.use(mapAppErrors);

/** ISV staff only; `ctx.session.user` is narrowed to StaffUser. */
export const staffProcedure = publicProcedure.use(({ ctx, next }) => {
  const user = ctx.session?.user;
  if (!ctx.session || !user) throw new AppError("UNAUTHENTICATED");
  if (!isStaffUser(user)) throw new AppError("FORBIDDEN", "staff only");
  return next({ ctx: { session: { ...ctx.session, user } } });
});

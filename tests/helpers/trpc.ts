/**
 * Assertions on tRPC errors as a client sees them: the TRPCError code (→ HTTP status) and the
 * domain code in `data.appError.code` (src/server/api/error-shape.ts), which for input errors
 * comes from the ZodError rather than an AppError.
 */
import assert from "node:assert/strict";
import { TRPCError } from "@trpc/server";
import { appErrorCodeOf } from "~/server/api/error-shape";
import type { AppErrorCode } from "~/server/errors";

export async function assertAppError(promise: Promise<unknown>, trpcCode: TRPCError["code"], appCode: AppErrorCode): Promise<void> {
  await assert.rejects(promise, (err: unknown) => {
    assert.ok(err instanceof TRPCError, `expected TRPCError, got ${String(err)}`);
    assert.equal(err.code, trpcCode, err.message);
    assert.equal(appErrorCodeOf(err), appCode, err.message);
    return true;
  });
}

/**
 * The one error table (src/server/errors.ts) drives every rendering of a domain error: the tRPC
 * code and through it the HTTP status of the tenant/admin API, and the KooGallery resultCode of
 * marketplace callbacks (one type with the protocol's table, src/koogallery/result-codes.ts).
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { getHTTPStatusCodeFromError } from "@trpc/server/http";
import { toTRPCError } from "~/server/api/error-shape";
import { AppError, ERROR_TABLE, type AppErrorCode } from "~/server/errors";
import { isResultCode, RESULT_CODES } from "~/koogallery/result-codes";

describe("error table", () => {
  it("every row's resultCode is a documented KooGallery result code", () => {
    for (const [code, row] of Object.entries(ERROR_TABLE)) assert.ok(isResultCode(row.resultCode), `${code}: ${row.resultCode}`);
    // One type: an AppError's resultCode indexes the protocol's table without a cast.
    assert.equal(RESULT_CODES[new AppError("INVALID_INPUT").resultCode].en, "invalid request parameter");
  });

  it("the HTTP status of the tRPC API follows each row's tRPC code", () => {
    const status = (code: AppErrorCode) => getHTTPStatusCodeFromError(toTRPCError(new AppError(code)));
    assert.equal(status("QUOTA_EXCEEDED"), 402);
    assert.equal(status("INSTANCE_FROZEN"), 402);
    assert.equal(status("FEATURE_NOT_IN_PLAN"), 403);
    assert.equal(status("UNAUTHENTICATED"), 401);
    assert.equal(status("NOT_FOUND"), 404);
    assert.equal(status("PROJECT_NAME_TAKEN"), 409);
    assert.equal(status("BODY_TOO_LARGE"), 413);
    assert.equal(status("INTERNAL"), 500);
    for (const code of Object.keys(ERROR_TABLE) as AppErrorCode[]) {
      const s = status(code);
      assert.ok(s >= 400 && s < 600, `${code} → ${s}`);
    }
  });
});

/**
 * How errors leave the tRPC API. Every error is explained by one row of ERROR_TABLE
 * (src/server/errors.ts): procedures throw `AppError(code)`, `mapAppErrors` turns it into the
 * row's tRPC code (so HTTP status and callers see FORBIDDEN, NOT_FOUND …), and
 * `formatError` attaches `appError: { code, message: { zh, en }, facts? }` to the shape.
 * Anything unexpected becomes a generic INTERNAL error whose text and stack never leave the
 * server (they are logged by the route handler's onError).
 */
import { TRPCError } from "@trpc/server";
import type { TRPC_ERROR_CODE_KEY } from "@trpc/server/rpc";
import { z, ZodError } from "zod";
import { AppError, ERROR_TABLE, type AppErrorCode, type AppErrorFacts } from "~/server/errors";

/** What a client gets in `error.data.appError`. */
export interface AppErrorShape {
  code: AppErrorCode;
  message: { zh: string; en: string };
  /** Figures of this refusal (AppErrorFacts), only when it has any. */
  facts?: AppErrorFacts;
}

/** Converts an AppError into the TRPCError its table row names, keeping it as the cause. */
export function toTRPCError(err: AppError): TRPCError {
  return new TRPCError({ code: err.row.trpc, message: err.message, cause: err });
}

/**
 * Errors tRPC raises itself (bad input, unknown procedure …) that are safe to name. A wrong
 * method (GET to a mutation, POST to a query: 405) or a body that is not JSON (415) is the
 * caller's malformed request, not a server fault: without these rows it read "internal error"
 * (其它服务内部错误) while the status said 4xx. The HTTP status stays tRPC's.
 */
const FROM_TRPC_CODE: Partial<Record<TRPC_ERROR_CODE_KEY, AppErrorCode>> = {
  BAD_REQUEST: "INVALID_INPUT",
  PARSE_ERROR: "INVALID_INPUT",
  METHOD_NOT_SUPPORTED: "INVALID_INPUT",
  UNSUPPORTED_MEDIA_TYPE: "INVALID_INPUT",
  NOT_FOUND: "NOT_FOUND",
  UNAUTHORIZED: "UNAUTHENTICATED",
  FORBIDDEN: "FORBIDDEN",
};

export function appErrorCodeOf(error: TRPCError): AppErrorCode {
  if (error.cause instanceof AppError) return error.cause.code;
  return FROM_TRPC_CODE[error.code] ?? "INTERNAL";
}

interface DefaultShape {
  message: string;
  data: { stack?: string } & Record<string, unknown>;
}

/**
 * tRPC could not read the input at all: the body's JSON or its superjson envelope failed to decode
 * ("Unknown transformation: bogus", "Trying to deserialize unknown class …", "Maximum call stack
 * size exceeded" for a hostile nesting). The decoder's own words name library internals and say
 * nothing useful to the caller, so the answer says what happened in the table's words instead.
 * A schema refusal (ZodError) or a domain error (AppError) is not this case.
 */
function isUndecodableInput(error: TRPCError): boolean {
  const { cause } = error;
  return (error.code === "BAD_REQUEST" || error.code === "PARSE_ERROR") && cause instanceof Error && !(cause instanceof ZodError) && !(cause instanceof AppError) && !(cause instanceof TRPCError);
}

const UNDECODABLE = { zh: "无法解码请求的输入（tRPC 的 JSON 与 superjson 格式）", en: "the input could not be decoded (tRPC's JSON with superjson)" };

export function formatError<S extends DefaultShape>({ shape, error }: { shape: S; error: TRPCError }) {
  const code = appErrorCodeOf(error);
  const row = ERROR_TABLE[code];
  const internal = code === "INTERNAL";
  const { stack: _stack, ...data } = shape.data;
  const undecodable = isUndecodableInput(error);
  const reason = error.cause instanceof AppError ? error.cause.reason : undecodable ? UNDECODABLE : undefined;
  const facts = error.cause instanceof AppError ? error.cause.facts : undefined;
  const appError: AppErrorShape = {
    code,
    message: reason ? { zh: `${row.zh}：${reason.zh}`, en: `${row.en}: ${reason.en}` } : { zh: row.zh, en: row.en },
    ...(facts ? { facts } : {}),
  };
  return {
    ...shape,
    message: internal ? row.en : undecodable ? `${row.en}: ${UNDECODABLE.en}` : shape.message,
    data: {
      ...data,
      appError,
      // Field-level messages for forms; only for input errors, which echo the caller's input.
      zodError: error.cause instanceof ZodError ? z.flattenError(error.cause) : null,
    },
  };
}

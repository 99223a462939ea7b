/**
 * What the mock can be told to do wrong (MockOpenApi.inject, POST /__mock/faults), per route, one
 * fault per request in order: a misbehaviour by name, or any documented answer code.
 */
import { mktCode, MKT_CODES } from "~/server/openapi/mkt-codes";

/** A bare HTTP 500, 400 MKT.0101, a 200 with an undocumented code, hanging before/after storing. */
export const NAMED_FAULTS = ["http500", "reject400", "unknown-code", "hang-before-store", "hang-after-store"] as const;
/** Any documented MKT.* error (answered with its HTTP status) or an APIGW.* gateway error. */
export type CodeFault = `MKT.${string}` | `APIGW.${string}`;
export type Fault = (typeof NAMED_FAULTS)[number] | CodeFault;

/** The documented error codes the mock answers on demand. */
export const MOCK_ERROR_CODES = MKT_CODES.filter((c) => c.code !== "MKT.0000").map((c) => c.code);

export function isFault(f: string): f is Fault {
  if ((NAMED_FAULTS as readonly string[]).includes(f)) return true;
  if (/^APIGW\.\d{4}$/.test(f)) return true;
  return !!mktCode(f) && f !== "MKT.0000";
}

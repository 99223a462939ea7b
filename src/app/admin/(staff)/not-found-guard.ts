/**
 * Detail pages of things that may not exist (/admin/instances/<id>, /admin/tenants/<id>): an
 * unknown or malformed id is the console's 404 page with HTTP 404, not a 500.
 */
import { TRPCError } from "@trpc/server";
import { notFound } from "next/navigation";

/** The route parameter as Next hands it, decoded once more (links encode ids); malformed → 404. */
export function idParam(raw: string): string {
  try {
    return decodeURIComponent(raw);
  } catch {
    notFound();
  }
}

/** The procedure's answer; NOT_FOUND (and an id the input schema refuses) → the 404 page. */
export async function orNotFound<T>(query: Promise<T>): Promise<T> {
  try {
    return await query;
  } catch (err) {
    if (err instanceof TRPCError && (err.code === "NOT_FOUND" || err.code === "BAD_REQUEST")) notFound();
    throw err;
  }
}

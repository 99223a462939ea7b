/**
 * Staff scenes for the account tests (staff-passwords, staff-sessions-end): sign an account in
 * (a real StaffSession row), ask whether a session is still alive (the per-request check), and
 * call the tRPC router as a staff member, optionally from a given session.
 */
import type { Session } from "next-auth";
import type { PrismaClient } from "~/generated/prisma/client";
import { createCaller } from "~/server/api/root";
import { createContextInner } from "~/server/api/trpc";
import { checkStaffSession, createStaffSession } from "~/server/auth/staff-session";

const EXPIRES = new Date(Date.now() + 3600_000).toISOString();

/** The actor of a direct call to the staff functions (an owner acting from a fixed address). */
export const ownerActor = (name: string) => ({ name, role: "owner", clientAddress: "198.51.100.7" });

export function staffScene(db: () => PrismaClient) {
  const session = (name: string, role: "owner" | "viewer"): Session => ({ expires: EXPIRES, user: { kind: "staff", name, role } });
  return {
    signIn: (userName: string) => createStaffSession(db(), { userName, clientAddress: "198.51.100.9", maxAgeSeconds: 3600, nowMs: Date.now() }),
    alive: async (sid: string, userName: string) => (await checkStaffSession(db(), sid, userName, Date.now())).ok,
    /** The router as `name`, from session `staffSessionId` (null: a request without one). */
    as: (name: string, role: "owner" | "viewer", staffSessionId: string | null = null) =>
      createCaller(createContextInner({ session: session(name, role), clientAddress: "203.0.113.8", staffSessionId })),
  };
}

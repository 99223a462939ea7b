/**
 * Staff sign-in: one ISV operator account from the environment (STAFF_USERNAME /
 * STAFF_PASSWORD), checked by the CredentialsProvider with id "staff".
 *
 * Why not a user table: the starter has exactly one operator role and must work right after
 * `npm start`; a database of staff accounts can replace `verifyStaffCredentials` later
 * without touching the rest of auth.
 */
import { createHash, timingSafeEqual } from "node:crypto";
import credentialsModule from "next-auth/providers/credentials";
import { getEnv } from "~/env";
import { interopDefault } from "./interop";
import type { StaffUser } from "./session-user";

const CredentialsProvider = interopDefault(credentialsModule);

export const STAFF_PROVIDER_ID = "staff";

function digest(value: string): Buffer {
  return createHash("sha256").update(value, "utf8").digest();
}

/**
 * Compares sha256 digests with timingSafeEqual: digests have a fixed length, so neither the
 * length nor the first differing character of the secret shows in the response time. Both
 * fields are always compared, so timing does not tell which one was wrong either.
 */
export function verifyStaffCredentials(
  username: string,
  password: string,
  expected: { username: string; password: string } = {
    username: getEnv().STAFF_USERNAME,
    password: getEnv().STAFF_PASSWORD,
  },
): StaffUser | null {
  const userOk = timingSafeEqual(digest(username), digest(expected.username));
  const passOk = timingSafeEqual(digest(password), digest(expected.password));
  return userOk && passOk ? { kind: "staff", name: expected.username } : null;
}

export const staffProvider = CredentialsProvider({
  id: STAFF_PROVIDER_ID,
  name: "Staff",
  credentials: {
    username: { label: "Username", type: "text" },
    password: { label: "Password", type: "password" },
  },
  // Returning null makes next-auth answer with error "CredentialsSignin" (shown by the login page).
  authorize(credentials) {
    const staff = verifyStaffCredentials(credentials?.username ?? "", credentials?.password ?? "");
    return staff ? { id: `staff:${staff.name}`, name: staff.name, sessionUser: staff } : null;
  },
});

/**
 * Staff passwords: bcrypt (bcryptjs, pure JavaScript, so no native build on any platform), and
 * the same minimum strength in production as STAFF_PASSWORD has (src/env.ts).
 */
import bcrypt from "bcryptjs";
import { staffPasswordWeakness } from "~/env";

/** bcrypt cost: 2^10 rounds, about 60–100 ms on one core — sign-in is rare and throttled. */
export const BCRYPT_COST = 10;

export function hashPassword(password: string, cost: number = BCRYPT_COST): Promise<string> {
  return bcrypt.hash(password, cost);
}

/**
 * A fixed hash compared against when the username is unknown, so an unknown name costs the same
 * time as a wrong password and the response time does not tell which accounts exist.
 */
const DUMMY_HASH = bcrypt.hashSync("not-a-staff-password", BCRYPT_COST);

export async function checkPassword(password: string, hash: string | null): Promise<boolean> {
  const ok = await bcrypt.compare(password, hash ?? DUMMY_HASH);
  return ok && hash !== null;
}

/** Why a new account's password is refused, or null. Outside production any non-empty one does. */
export function passwordWeakness(password: string, userName: string, production: boolean): string | null {
  if (password.length === 0) return "must not be empty";
  if (Buffer.byteLength(password, "utf8") > 72) return "must be at most 72 bytes (bcrypt reads no further)";
  return production ? staffPasswordWeakness(password, userName) : null;
}

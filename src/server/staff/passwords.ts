/**
 * Staff passwords: bcrypt (bcryptjs, pure JavaScript, so no native build on any platform), and
 * the same minimum strength in production as STAFF_PASSWORD has (src/env.ts).
 */
import bcrypt from "bcryptjs";
import { STAFF_PASSWORD_MIN_LENGTH, staffPasswordWeakness } from "~/env";
import type { AppErrorReason } from "~/server/errors";

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

/** The production rules of src/env.ts (staffPasswordWeakness), as staff read them on /admin/staff. */
const PRODUCTION_RULES: Record<string, AppErrorReason> = {
  [`must be at least ${STAFF_PASSWORD_MIN_LENGTH} characters in production`]: {
    en: `must be at least ${STAFF_PASSWORD_MIN_LENGTH} characters in production`,
    zh: `生产环境中至少需要 ${STAFF_PASSWORD_MIN_LENGTH} 个字符`,
  },
  "must differ from STAFF_USERNAME": { en: "must differ from the username", zh: "不能与用户名相同" },
  "must use at least 4 different characters": { en: "must use at least 4 different characters", zh: "至少需要 4 种不同的字符" },
};

/**
 * Why a new account's password is refused (in English and Chinese: the error's reason), or null.
 * Outside production any non-empty one does.
 */
export function passwordWeakness(password: string, userName: string, production: boolean): AppErrorReason | null {
  if (password.length === 0) return { en: "must not be empty", zh: "不能为空" };
  if (Buffer.byteLength(password, "utf8") > 72) return { en: "must be at most 72 bytes (bcrypt reads no further)", zh: "最多 72 个字节（bcrypt 不读取之后的部分）" };
  const weak = production ? staffPasswordWeakness(password, userName) : null;
  return weak ? (PRODUCTION_RULES[weak] ?? { en: weak, zh: "不符合生产环境的密码要求" }) : null;
}

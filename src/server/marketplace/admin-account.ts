/**
 * The admin account every new instance gets (returned, encrypted, in appInfo): a user name
 * derived from the instance id and a random password sealed at rest.
 */
import { randomInt } from "node:crypto";
import { seal } from "~/server/crypto/at-rest";

const PASSWORD_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";

function generatePassword(length = 16): string {
  let out = "";
  for (let i = 0; i < length; i++) out += PASSWORD_ALPHABET[randomInt(PASSWORD_ALPHABET.length)];
  // Guarantee the character classes typical password policies ask for.
  return `${out}#9a`;
}

export function newAdminAccount(instanceId: string): { adminUserName: string; adminPasswordEnc: string } {
  return {
    adminUserName: `admin_${instanceId.replace(/[^A-Za-z0-9]/g, "").slice(0, 12) || "user"}`,
    adminPasswordEnc: seal(generatePassword()),
  };
}

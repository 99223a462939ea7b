/**
 * npm run keys:rsa [-- --bits 3072] — makes the RSA key pair for 联营 applicationSync.
 * Upload the PUBLIC half in 卖家中心 > 应用工具 > 应用凭证管理 (paste it without the BEGIN/END
 * lines); put the PRIVATE half in KOOGALLERY_RSA_PRIVATE_KEY (the "\n"-escaped one-line form
 * printed here fits a .env file). Nothing is written to disk.
 */
import { generateKeyPairSync } from "node:crypto";
import { parseCli } from "./cli-args";

const USAGE = `usage: npm run keys:rsa [-- --bits N]

Prints a new RSA key pair for the 联营 application credential (应用凭证): the public key to paste
into the credential form, and the private key for KOOGALLERY_RSA_PRIVATE_KEY. --bits: at least
3072 (KooGallery's minimum), default 3072.`;

const { values } = parseCli({ options: { bits: { type: "string", default: "3072" } } }, USAGE);
const bits = Number(values.bits);
if (!Number.isInteger(bits) || bits < 3072) {
  console.error("--bits must be an integer ≥ 3072 (KooGallery requires at least 3072-bit keys)");
  process.exit(2);
}
const { publicKey, privateKey } = generateKeyPairSync("rsa", {
  modulusLength: bits,
  publicKeyEncoding: { type: "spki", format: "pem" },
  privateKeyEncoding: { type: "pkcs8", format: "pem" },
});
const body = publicKey.replace(/-----(BEGIN|END) PUBLIC KEY-----/g, "").replace(/\s+/g, "");
console.log(`# Public key (${bits} bit) — paste this into the 应用凭证 form:\n${body}\n`);
console.log(`# Private key — keep secret; for .env:\nKOOGALLERY_RSA_PRIVATE_KEY="${privateKey.trim().replace(/\n/g, "\\n")}"`);

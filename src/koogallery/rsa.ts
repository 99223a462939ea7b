/**
 * Decryption of the kit `clientSecret` (应用同步 applicationSync), RSA-OAEP with the merchant's key.
 *
 * Spec: docs/protocol/kit.md#client-secret (RSA ≥ 3072 bit, padding OAEP, the marketplace encrypts with the uploaded
 * public key; digest and encoding UNCONFIRMED) and docs/protocol/README.md#d5 (try SHA-256, then SHA-1, on
 * Base64 input).
 *
 * Why a hand-rolled OAEP unpad: the marketplace is Java. Java's "RSA/ECB/OAEPWithSHA-256AndMGF1Padding"
 * with default parameters uses SHA-256 for the label hash but SHA-1 for MGF1, a combination Node's
 * `oaepHash` option cannot express. So we do one raw RSA private operation (RSA_NO_PADDING) and try the
 * three schemes on the result: SHA-256/MGF1-SHA-256, SHA-1/MGF1-SHA-1, SHA-256/MGF1-SHA-1.
 * Only authenticated kit calls reach this code, so there is no unauthenticated padding oracle.
 */
import {
  constants,
  createHash,
  createPrivateKey,
  createPublicKey,
  privateDecrypt,
  publicEncrypt,
  randomBytes,
  timingSafeEqual,
  type KeyObject,
} from 'node:crypto';

export type OaepScheme = 'sha256' | 'sha1' | 'sha256-mgf1sha1';

const SCHEMES: ReadonlyArray<{ scheme: OaepScheme; hash: 'sha256' | 'sha1'; mgfHash: 'sha256' | 'sha1' }> = [
  { scheme: 'sha256', hash: 'sha256', mgfHash: 'sha256' },
  { scheme: 'sha1', hash: 'sha1', mgfHash: 'sha1' },
  { scheme: 'sha256-mgf1sha1', hash: 'sha256', mgfHash: 'sha1' },
];

export type ClientSecretErrorCode = 'INVALID_CIPHERTEXT' | 'INVALID_KEY' | 'DECRYPT_FAILED';

export class ClientSecretDecryptError extends Error {
  readonly code: ClientSecretErrorCode;
  constructor(code: ClientSecretErrorCode, message: string) {
    super(message);
    this.name = 'ClientSecretDecryptError';
    this.code = code;
  }
}

/**
 * Accept the forms a key takes in env vars and consoles: literal `\n` sequences, surrounding quotes,
 * CRLF, or a bare Base64 body without BEGIN/END lines (PKCS#8 or PKCS#1 DER).
 */
export function loadPrivateKey(pem: string | KeyObject): KeyObject {
  if (typeof pem !== 'string') return pem;
  let text = pem.trim();
  if ((text.startsWith('"') && text.endsWith('"')) || (text.startsWith("'") && text.endsWith("'"))) text = text.slice(1, -1);
  text = text.replace(/\\r\\n|\\n|\\r/g, '\n').replace(/\r\n?/g, '\n').trim();
  try {
    if (text.includes('-----BEGIN')) return createPrivateKey(text);
    const der = Buffer.from(text.replace(/\s+/g, ''), 'base64');
    try {
      return createPrivateKey({ key: der, format: 'der', type: 'pkcs8' });
    } catch {
      return createPrivateKey({ key: der, format: 'der', type: 'pkcs1' });
    }
  } catch {
    throw new ClientSecretDecryptError('INVALID_KEY', 'private key could not be read (expected PEM or Base64 DER, PKCS#8 or PKCS#1)');
  }
}

/** Decode standard or URL-safe Base64, ignoring whitespace/newlines; strict alphabet. */
function decodeBase64Lenient(input: string): Buffer {
  const compact = input.replace(/\s+/g, '').replace(/-/g, '+').replace(/_/g, '/');
  const unpadded = compact.replace(/=+$/, '');
  if (unpadded.length === 0 || !/^[A-Za-z0-9+/]+$/.test(unpadded) || unpadded.length % 4 === 1) {
    throw new ClientSecretDecryptError('INVALID_CIPHERTEXT', 'clientSecret is not Base64');
  }
  return Buffer.from(unpadded, 'base64');
}

function mgf1(seed: Buffer, length: number, hash: string): Buffer {
  const chunks: Buffer[] = [];
  let produced = 0;
  for (let counter = 0; produced < length; counter++) {
    const c = Buffer.alloc(4);
    c.writeUInt32BE(counter);
    const block = createHash(hash).update(seed).update(c).digest();
    chunks.push(block);
    produced += block.length;
  }
  return Buffer.concat(chunks).subarray(0, length);
}

function xor(a: Buffer, b: Buffer): Buffer {
  const out = Buffer.alloc(a.length);
  for (let i = 0; i < a.length; i++) out[i] = a[i]! ^ b[i]!;
  return out;
}

/** RFC 8017 §7.1.2 EME-OAEP decoding (empty label). Returns null on any padding error. */
function oaepUnpad(em: Buffer, hash: string, mgfHash: string): Buffer | null {
  const hLen = createHash(hash).digest().length;
  const k = em.length;
  if (k < 2 * hLen + 2) return null;
  const lHash = createHash(hash).digest();
  const maskedSeed = em.subarray(1, 1 + hLen);
  const maskedDb = em.subarray(1 + hLen);
  const seed = xor(maskedSeed, mgf1(maskedDb, hLen, mgfHash));
  const db = xor(maskedDb, mgf1(seed, k - hLen - 1, mgfHash));
  // Evaluate every condition before deciding, so the failure reason does not show in timing.
  let bad = em[0]! !== 0 ? 1 : 0;
  bad |= timingSafeEqual(db.subarray(0, hLen), lHash) ? 0 : 1;
  let sepIndex = -1;
  let lookingForSep = 1;
  for (let i = hLen; i < db.length; i++) {
    const byte = db[i]!;
    const isOne = byte === 1 ? 1 : 0;
    const isZero = byte === 0 ? 1 : 0;
    if (lookingForSep && isOne) sepIndex = i;
    if (lookingForSep && !isOne && !isZero) bad = 1;
    if (isOne) lookingForSep = 0;
  }
  if (sepIndex < 0) bad = 1;
  return bad ? null : db.subarray(sepIndex + 1);
}

/** RFC 8017 §7.1.1 EME-OAEP encoding (empty label) to `k` bytes. */
function oaepPad(message: Buffer, k: number, hash: string, mgfHash: string): Buffer {
  const hLen = createHash(hash).digest().length;
  if (message.length > k - 2 * hLen - 2) throw new RangeError('message too long for this key and hash');
  const lHash = createHash(hash).digest();
  const ps = Buffer.alloc(k - message.length - 2 * hLen - 2);
  const db = Buffer.concat([lHash, ps, Buffer.from([1]), message]);
  const seed = randomBytes(hLen);
  const maskedDb = xor(db, mgf1(seed, k - hLen - 1, mgfHash));
  const maskedSeed = xor(seed, mgf1(maskedDb, hLen, mgfHash));
  return Buffer.concat([Buffer.from([0]), maskedSeed, maskedDb]);
}

function modulusBytes(key: KeyObject): number {
  const bits = key.asymmetricKeyDetails?.modulusLength;
  if (key.asymmetricKeyType !== 'rsa' || !bits) throw new ClientSecretDecryptError('INVALID_KEY', 'key is not an RSA key');
  return Math.ceil(bits / 8);
}

export interface DecryptedClientSecret {
  plaintext: string;
  scheme: OaepScheme;
}

/** Decrypt and report which OAEP scheme matched (worth logging once to settle the open point). */
export function decryptClientSecretWithScheme(ciphertextBase64: string, privateKeyPem: string | KeyObject): DecryptedClientSecret {
  const key = loadPrivateKey(privateKeyPem);
  const k = modulusBytes(key);
  let ct = decodeBase64Lenient(ciphertextBase64);
  if (ct.length > k) throw new ClientSecretDecryptError('INVALID_CIPHERTEXT', `clientSecret is ${ct.length} bytes, longer than the ${k}-byte key`);
  // Some encoders drop leading zero bytes of the RSA integer; restore the fixed width.
  if (ct.length < k) ct = Buffer.concat([Buffer.alloc(k - ct.length), ct]);
  let em: Buffer;
  try {
    em = privateDecrypt({ key, padding: constants.RSA_NO_PADDING }, ct);
  } catch {
    throw new ClientSecretDecryptError('DECRYPT_FAILED', 'RSA decryption failed (ciphertext does not fit this key)');
  }
  for (const { scheme, hash, mgfHash } of SCHEMES) {
    const message = oaepUnpad(em, hash, mgfHash);
    if (!message) continue;
    try {
      return { plaintext: new TextDecoder('utf-8', { fatal: true }).decode(message), scheme };
    } catch {
      // Valid padding but not text: try the next scheme before giving up.
    }
  }
  throw new ClientSecretDecryptError('DECRYPT_FAILED', 'clientSecret could not be decrypted with RSA-OAEP (SHA-256 or SHA-1) and this private key');
}

export function decryptClientSecret(ciphertextBase64: string, privateKeyPem: string | KeyObject): string {
  return decryptClientSecretWithScheme(ciphertextBase64, privateKeyPem).plaintext;
}

/** PEM (literal `\n` allowed) or, as pasted in the seller console, bare Base64 SPKI without BEGIN/END lines. */
export function loadPublicKey(pem: string): KeyObject {
  const text = pem.trim().replace(/\\r\\n|\\n|\\r/g, '\n');
  if (text.includes('-----BEGIN')) return createPublicKey(text);
  return createPublicKey({ key: Buffer.from(text.replace(/\s+/g, ''), 'base64'), format: 'der', type: 'spki' });
}

/**
 * Encrypt like the marketplace would (for tests and the simulator). `sha256`/`sha1` use Node's own
 * OAEP so the decrypter is checked against an independent implementation.
 */
export function encryptClientSecretForTest(plain: string, publicKeyPem: string | KeyObject, hash: OaepScheme = 'sha256'): string {
  const key = typeof publicKeyPem === 'string' ? loadPublicKey(publicKeyPem) : publicKeyPem;
  const data = Buffer.from(plain, 'utf8');
  if (hash === 'sha256-mgf1sha1') {
    const em = oaepPad(data, modulusBytes(key), 'sha256', 'sha1');
    return publicEncrypt({ key, padding: constants.RSA_NO_PADDING }, em).toString('base64');
  }
  return publicEncrypt({ key, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: hash }, data).toString('base64');
}

/**
 * AES encryption of returned credentials (appInfo userName/password) and decryption of V1-style
 * encrypted phone/e-mail values.
 *
 * Spec: docs/protocol/base-interface.md#credential-encryption, docs/protocol/base-interface.md#decrypt-phone-email — result = iv + Base64(AES/CBC/PKCS5Padding(plain)),
 * iv = 16 random [A-Za-z0-9] characters used as the IV bytes; encryptType "1" → AES-256 (default),
 * "2" → AES-128; the key is derived the Java way:
 *   KeyGenerator("AES").init(bits, SecureRandom.getInstance("SHA1PRNG") seeded with accessKey UTF-8)
 * i.e. the first bits/8 bytes of the SUN SHA1PRNG stream. Whether V2 still wants this is
 * unconfirmed (docs/protocol/base-interface.md#credential-encryption), so the caller decides by config.
 */
import { createCipheriv, createDecipheriv, createHash, createSecretKey, randomInt, type KeyObject } from 'node:crypto';

export type EncryptType = '1' | '2';

export type CredentialCryptoErrorCode = 'INVALID_KEY' | 'INVALID_ENCRYPT_TYPE' | 'INVALID_IV' | 'INVALID_CIPHERTEXT' | 'DECRYPT_FAILED';

export class CredentialCryptoError extends Error {
  readonly code: CredentialCryptoErrorCode;
  constructor(code: CredentialCryptoErrorCode, message: string) {
    super(message);
    this.name = 'CredentialCryptoError';
    this.code = code;
  }
}

function sha1(data: Uint8Array): Buffer {
  return createHash('sha1').update(data).digest();
}

/**
 * `n` bytes of Java's sun.security.provider.SecureRandom ("SHA1PRNG") after a single
 * setSeed(seed) on a fresh instance: state = SHA1(seed); each round outputs SHA1(state) and then
 * adds output + 1 to state as a 160-bit little-endian number (index 0 least significant), with the
 * provider's quirk of bumping state[0] when the addition changed nothing.
 */
export function sha1prngBytes(seed: Uint8Array, n: number): Buffer {
  const state = sha1(seed);
  const out = Buffer.alloc(n);
  let filled = 0;
  while (filled < n) {
    const output = sha1(state);
    let carry = 1;
    let changed = false;
    for (let i = 0; i < state.length; i++) {
      // Java adds signed bytes; the low 8 bits are the same, the carry is the arithmetic shift.
      const v = ((state[i]! << 24) >> 24) + ((output[i]! << 24) >> 24) + carry;
      const t = v & 0xff;
      if (state[i] !== t) changed = true;
      state[i] = t;
      carry = v >> 8;
    }
    if (!changed) state[0] = (state[0]! + 1) & 0xff;
    const take = Math.min(output.length, n - filled);
    output.copy(out, filled, 0, take);
    filled += take;
  }
  return out;
}

/** AES key exactly as Java's KeyGenerator + SHA1PRNG(accessKey) produces it. */
export function deriveAesKey(accessKey: string, keyBits: 128 | 256): Buffer {
  if (typeof accessKey !== 'string' || accessKey.length === 0) {
    throw new CredentialCryptoError('INVALID_KEY', 'accessKey must be a non-empty string');
  }
  return sha1prngBytes(Buffer.from(accessKey, 'utf8'), keyBits / 8);
}

/**
 * deriveAesKey as an immutable KeyObject, derived once per access key and size: every signed
 * newInstance and queryInstance encrypts appInfo under the same key, and the SHA1PRNG rounds
 * are the same every time. Few keys ever exist (base, Kit, License); the table is cleared if a
 * caller cycles through many.
 */
const aesKeys = new Map<string, KeyObject>();
const MAX_CACHED_KEYS = 16;

function aesKey(accessKey: string, keyBits: 128 | 256): KeyObject {
  const id = `${keyBits}:${accessKey}`;
  let key = aesKeys.get(id);
  if (!key) {
    key = createSecretKey(deriveAesKey(accessKey, keyBits));
    if (aesKeys.size >= MAX_CACHED_KEYS) aesKeys.clear();
    aesKeys.set(id, key);
  }
  return key;
}

/** "1" → AES-256, "2" → AES-128; anything else is refused rather than guessed. */
export function keyBitsFor(encryptType: EncryptType): 128 | 256 {
  if (encryptType === '1') return 256;
  if (encryptType === '2') return 128;
  throw new CredentialCryptoError('INVALID_ENCRYPT_TYPE', 'encryptType must be "1" (AES-256) or "2" (AES-128)');
}

const IV_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** 16 characters from [A-Za-z0-9], uniformly, from the CSPRNG (crypto.randomInt). */
export function randomIv(): string {
  let iv = '';
  for (let i = 0; i < 16; i++) iv += IV_ALPHABET[randomInt(IV_ALPHABET.length)];
  return iv;
}

function ivBytes(iv: string): Buffer {
  const bytes = Buffer.from(iv, 'utf8');
  if (bytes.length !== 16) throw new CredentialCryptoError('INVALID_IV', 'iv must be 16 single-byte characters');
  return bytes;
}

function algorithm(bits: 128 | 256): 'aes-128-cbc' | 'aes-256-cbc' {
  return bits === 128 ? 'aes-128-cbc' : 'aes-256-cbc';
}

/** `iv + base64(AES-CBC-PKCS5(plain))`; the marketplace checks ≤ 128 chars on this whole string. */
export function encryptCredential(plain: string, accessKey: string, encryptType: EncryptType, iv: string = randomIv()): string {
  const bits = keyBitsFor(encryptType);
  const cipher = createCipheriv(algorithm(bits), aesKey(accessKey, bits), ivBytes(iv));
  const ct = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return iv + ct.toString('base64');
}

/** Reverse of encryptCredential: first 16 chars are the IV, the rest standard Base64. */
export function decryptCredential(cipherText: string, accessKey: string, encryptType: EncryptType): string {
  if (typeof cipherText !== 'string' || cipherText.length <= 16) {
    throw new CredentialCryptoError('INVALID_CIPHERTEXT', 'ciphertext must be a 16-character iv followed by Base64 data');
  }
  const iv = ivBytes(cipherText.slice(0, 16));
  const b64 = cipherText.slice(16);
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(b64) || b64.length % 4 !== 0) {
    throw new CredentialCryptoError('INVALID_CIPHERTEXT', 'ciphertext after the iv is not valid Base64');
  }
  const ct = Buffer.from(b64, 'base64');
  if (ct.length === 0 || ct.length % 16 !== 0) {
    throw new CredentialCryptoError('INVALID_CIPHERTEXT', 'ciphertext length is not a multiple of the AES block size');
  }
  const bits = keyBitsFor(encryptType);
  let plain: Buffer;
  try {
    const decipher = createDecipheriv(algorithm(bits), aesKey(accessKey, bits), iv);
    plain = Buffer.concat([decipher.update(ct), decipher.final()]);
  } catch {
    throw new CredentialCryptoError('DECRYPT_FAILED', 'decryption failed (wrong key, wrong encryptType or corrupted data)');
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(plain);
  } catch {
    throw new CredentialCryptoError('DECRYPT_FAILED', 'decrypted data is not UTF-8 (wrong key or encryptType?)');
  }
}

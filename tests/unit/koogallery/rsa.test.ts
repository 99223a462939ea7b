import assert from 'node:assert/strict';
import { generateKeyPair } from 'node:crypto';
import { before, describe, it } from 'node:test';
import { promisify } from 'node:util';
import {
  ClientSecretDecryptError,
  decryptClientSecret,
  decryptClientSecretWithScheme,
  encryptClientSecretForTest,
  loadPrivateKey,
  type OaepScheme,
} from '../../../src/koogallery/rsa';

const generate = promisify(generateKeyPair);

async function rsaPair(bits: number) {
  return generate('rsa', {
    modulusLength: bits,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  });
}

const isCode = (code: string) => (e: unknown) => e instanceof ClientSecretDecryptError && e.code === code;

describe('clientSecret RSA-OAEP', () => {
  let pair: { publicKey: string; privateKey: string };
  let other: { publicKey: string; privateKey: string };

  before(async () => {
    // The docs require ≥ 3072-bit keys; generate fresh ones per run.
    [pair, other] = await Promise.all([rsaPair(3072), rsaPair(3072)]);
  });

  const schemes: OaepScheme[] = ['sha256', 'sha1', 'sha256-mgf1sha1'];
  for (const scheme of schemes) {
    it(`round-trips with OAEP ${scheme} and reports the scheme`, () => {
      const secret = 'NzZeWuiJa91dPSRdZQChMazIh13AW-秘密';
      const ct = encryptClientSecretForTest(secret, pair.publicKey, scheme);
      assert.deepEqual(decryptClientSecretWithScheme(ct, pair.privateKey), { plaintext: secret, scheme });
      assert.equal(decryptClientSecret(ct, pair.privateKey), secret);
    });
  }

  it('encrypts with a public key pasted without BEGIN/END lines (seller console form)', () => {
    const bare = pair.publicKey.replace(/-----[A-Z ]+-----/g, '').replace(/\s+/g, '');
    assert.equal(decryptClientSecret(encryptClientSecretForTest('s', bare, 'sha1'), pair.privateKey), 's');
  });

  it('produces a different ciphertext each time (randomised padding)', () => {
    const a = encryptClientSecretForTest('s', pair.publicKey, 'sha256');
    const b = encryptClientSecretForTest('s', pair.publicKey, 'sha256');
    assert.notEqual(a, b);
  });

  it('accepts base64url, line breaks and missing padding in the ciphertext', () => {
    const ct = encryptClientSecretForTest('secret', pair.publicKey, 'sha1');
    const url = ct.replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
    const wrapped = ct.replace(/(.{64})/g, '$1\r\n') + '\n';
    assert.equal(decryptClientSecret(url, pair.privateKey), 'secret');
    assert.equal(decryptClientSecret(wrapped, pair.privateKey), 'secret');
  });

  it('accepts the private key with literal \\n sequences, in quotes, or as bare Base64 DER', () => {
    const ct = encryptClientSecretForTest('secret', pair.publicKey, 'sha256');
    const envStyle = pair.privateKey.trim().replace(/\n/g, '\\n');
    assert.equal(decryptClientSecret(ct, envStyle), 'secret');
    assert.equal(decryptClientSecret(ct, `"${envStyle}"`), 'secret');
    const bare = pair.privateKey.replace(/-----[A-Z ]+-----/g, '').replace(/\s+/g, '');
    assert.equal(decryptClientSecret(ct, bare), 'secret');
    assert.equal(loadPrivateKey(pair.privateKey).asymmetricKeyDetails?.modulusLength, 3072);
  });

  it('fails with DECRYPT_FAILED under the wrong private key', () => {
    const ct = encryptClientSecretForTest('secret', pair.publicKey, 'sha256');
    assert.throws(() => decryptClientSecret(ct, other.privateKey), isCode('DECRYPT_FAILED'));
  });

  it('fails with DECRYPT_FAILED on a corrupted ciphertext', () => {
    const raw = Buffer.from(encryptClientSecretForTest('secret', pair.publicKey, 'sha256'), 'base64');
    raw[raw.length - 1] = raw[raw.length - 1]! ^ 1;
    assert.throws(() => decryptClientSecret(raw.toString('base64'), pair.privateKey), isCode('DECRYPT_FAILED'));
  });

  it('fails with INVALID_CIPHERTEXT on non-Base64 or oversize input', () => {
    assert.throws(() => decryptClientSecret('***', pair.privateKey), isCode('INVALID_CIPHERTEXT'));
    assert.throws(() => decryptClientSecret('', pair.privateKey), isCode('INVALID_CIPHERTEXT'));
    assert.throws(() => decryptClientSecret(Buffer.alloc(400, 1).toString('base64'), pair.privateKey), isCode('INVALID_CIPHERTEXT'));
  });

  it('fails with INVALID_KEY on an unreadable key', () => {
    const ct = encryptClientSecretForTest('secret', pair.publicKey, 'sha256');
    assert.throws(() => decryptClientSecret(ct, 'not a key'), isCode('INVALID_KEY'));
    assert.throws(() => decryptClientSecret(ct, '-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----'), isCode('INVALID_KEY'));
  });
});

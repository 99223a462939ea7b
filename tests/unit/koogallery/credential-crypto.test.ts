import assert from 'node:assert/strict';
import { createDecipheriv } from 'node:crypto';
import { describe, it } from 'node:test';
import {
  CredentialCryptoError,
  decryptCredential,
  deriveAesKey,
  encryptCredential,
  randomIv,
  sha1prngBytes,
} from '../../../src/koogallery/credential-crypto';

// Spec vectors: docs/protocol/base-interface.md#credential-encryption (JDK 17 KeyGenerator + SHA1PRNG)
const KEY_VECTORS: Array<[string, string]> = [
  ['testAccessKey123', '0413c5de84a4312c10f237cf102c14f909635c067f68c442f5d9aa865fb0d176'],
  ['a', '667f407de7c6ad07358fa38daed7828a72014b4e621d7140210c8cf1565a8f02'],
  ['0123456789abcdef0123456789abcdef', '2d703e10a32f30251a2370355793e78659958b312e3999221d27765b6fb35fce'],
  ['密钥测试Key', '04b522b19b7c7d963e0902620264cd08244a6fc2e2adac16e7a5a1c553438a4d'],
];

describe('deriveAesKey (Java SHA1PRNG)', () => {
  for (const [seed, hex] of KEY_VECTORS) {
    it(`derives the JDK key for seed ${JSON.stringify(seed)}`, () => {
      assert.equal(deriveAesKey(seed, 256).toString('hex'), hex);
      // AES-128 takes the first 16 bytes of the same stream.
      assert.equal(deriveAesKey(seed, 128).toString('hex'), hex.slice(0, 32));
    });
  }

  it('produces a continuous stream: longer outputs extend shorter ones', () => {
    const seed = Buffer.from('testAccessKey123');
    const long = sha1prngBytes(seed, 100);
    assert.deepEqual(sha1prngBytes(seed, 45), long.subarray(0, 45));
    assert.equal(long.subarray(0, 32).toString('hex'), KEY_VECTORS[0]![1]);
  });

  it('rejects an empty access key', () => {
    assert.throws(() => deriveAesKey('', 256), (e: unknown) => e instanceof CredentialCryptoError && e.code === 'INVALID_KEY');
  });
});

describe('encryptCredential / decryptCredential', () => {
  const IV = 'Ab3dEf7hIj9kLm1n';

  it('matches the spec encryption vectors (type 1 = AES-256, type 2 = AES-128)', () => {
    assert.equal(encryptCredential('hwadmin', 'testAccessKey123', '1', IV), 'Ab3dEf7hIj9kLm1nv84Vaug4xEnKOdIpevrwiw==');
    assert.equal(encryptCredential('Huawei12345', 'testAccessKey123', '2', IV), 'Ab3dEf7hIj9kLm1nfA8lz4es+86bvlbyZEyEZA==');
  });

  it('decrypts the spec vector', () => {
    assert.equal(decryptCredential('Ab3dEf7hIj9kLm1nv84Vaug4xEnKOdIpevrwiw==', 'testAccessKey123', '1'), 'hwadmin');
    assert.equal(decryptCredential('Ab3dEf7hIj9kLm1nfA8lz4es+86bvlbyZEyEZA==', 'testAccessKey123', '2'), 'Huawei12345');
  });

  it('uses the iv string bytes as the CBC IV (checked with a plain Node decipher)', () => {
    const out = encryptCredential('密码Pass', 'k', '1', IV);
    const d = createDecipheriv('aes-256-cbc', deriveAesKey('k', 256), Buffer.from(IV));
    const plain = Buffer.concat([d.update(Buffer.from(out.slice(16), 'base64')), d.final()]).toString('utf8');
    assert.equal(plain, '密码Pass');
  });

  it('round-trips with a fresh random iv of 16 [A-Za-z0-9] characters', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 20; i++) {
      const out = encryptCredential('Huawei12345', 'testAccessKey123', i % 2 ? '1' : '2');
      const iv = out.slice(0, 16);
      assert.match(iv, /^[A-Za-z0-9]{16}$/);
      seen.add(iv);
      assert.equal(decryptCredential(out, 'testAccessKey123', i % 2 ? '1' : '2'), 'Huawei12345');
    }
    assert.ok(seen.size > 15, 'ivs should differ');
    assert.match(randomIv(), /^[A-Za-z0-9]{16}$/);
  });

  it('keeps a 79-byte secret within the 128-character limit and an 80-byte one over it', () => {
    assert.ok(encryptCredential('x'.repeat(79), 'k', '1').length <= 128);
    assert.ok(encryptCredential('x'.repeat(80), 'k', '1').length > 128);
  });

  const failures: Array<[string, () => unknown, string]> = [
    ['wrong key', () => decryptCredential('Ab3dEf7hIj9kLm1nv84Vaug4xEnKOdIpevrwiw==', 'otherKey', '1'), 'DECRYPT_FAILED'],
    ['wrong encryptType', () => decryptCredential('Ab3dEf7hIj9kLm1nv84Vaug4xEnKOdIpevrwiw==', 'testAccessKey123', '2'), 'DECRYPT_FAILED'],
    ['too short', () => decryptCredential('Ab3dEf7hIj9kLm1n', 'k', '1'), 'INVALID_CIPHERTEXT'],
    ['not Base64', () => decryptCredential('Ab3dEf7hIj9kLm1n!!!!', 'k', '1'), 'INVALID_CIPHERTEXT'],
    ['not a block multiple', () => decryptCredential('Ab3dEf7hIj9kLm1nAAAA', 'k', '1'), 'INVALID_CIPHERTEXT'],
    ['non-ASCII iv', () => decryptCredential('中b3dEf7hIj9kLm1nv84Vaug4xEnKOdIpevrwiw==', 'k', '1'), 'INVALID_IV'],
    ['short iv on encrypt', () => encryptCredential('x', 'k', '1', 'short'), 'INVALID_IV'],
    ['unknown encryptType', () => encryptCredential('x', 'k', '3' as '1'), 'INVALID_ENCRYPT_TYPE'],
  ];
  for (const [name, fn, code] of failures) {
    it(`fails clearly on ${name}`, () => {
      assert.throws(fn, (e: unknown) => e instanceof CredentialCryptoError && e.code === code);
    });
  }
});

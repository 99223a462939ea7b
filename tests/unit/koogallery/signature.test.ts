import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { canonicalPayload, canonicalPayloads } from '../../../src/koogallery/canonical-json';
import { innerHash, signBase, verifyBase, type VerifyBaseInput } from '../../../src/koogallery/signature';
import { safeEqualHex } from '../../../src/koogallery/hmac';

// Spec vector: docs/protocol/base-interface.md#signature
const KEY = 'testAccessKey123';
const NONCE = '50D83FDECAED6CCD8EF597F2A577950527928BA287D04E6036E92B2806FD17DA';
const TS = '1680508066618';
const TS_MS = Number(TS);
const BODY =
  '{"activity":"newInstance","businessId":"87b94795-0603-4e24-8ae5-69420d60e3c8","orderId":"CS2211181819B4LVS","orderLineId":"CS2211181819B4LVS-000001","testFlag":"1"}';
const INNER = '9d7fe05c22e8bc1d70841bace6c549b523dcb77a8aa61dc0118708bf14269c0e';
const SIGNATURE = 'cd8d59bb7fcf7574752b5eb0ed04b3acf4a759da53f24d30a79abe45c5d1ba25';

function input(overrides: Partial<VerifyBaseInput> = {}): VerifyBaseInput {
  return { accessKey: KEY, signature: SIGNATURE, timestamp: TS, nonce: NONCE, rawBody: BODY, nowMs: TS_MS + 1_000, ...overrides };
}

/** Sign `payload` as a marketplace would, for bodies whose signed text we choose explicitly. */
function signOver(payload: string, nonce = NONCE, ts = TS, key = KEY): string {
  return signBase({ accessKey: key, nonce, timestamp: ts, payload });
}

describe('base signature: spec vector', () => {
  it('computes the documented inner hash and signature', () => {
    assert.equal(innerHash(KEY, BODY), INNER);
    assert.equal(signBase({ accessKey: KEY, nonce: NONCE, timestamp: TS, payload: BODY }), SIGNATURE);
    assert.equal(signBase({ accessKey: KEY, nonce: NONCE, timestamp: TS_MS, payload: BODY }), SIGNATURE);
  });

  it('verifies the vector, returning the timestamp and the matched payload', () => {
    assert.deepEqual(verifyBase(input()), { ok: true, timestampMs: TS_MS, payload: BODY });
  });

  it('accepts upper-case and mixed-case hex signatures', () => {
    assert.equal(verifyBase(input({ signature: SIGNATURE.toUpperCase() })).ok, true);
    const mixed = [...SIGNATURE].map((c, i) => (i % 2 ? c.toUpperCase() : c)).join('');
    assert.equal(verifyBase(input({ signature: mixed })).ok, true);
  });

  it('refuses to work with an empty access key', () => {
    assert.throws(() => innerHash('', BODY), TypeError);
    assert.throws(() => verifyBase(input({ accessKey: '' })), TypeError);
  });
});

describe('base signature: tampering', () => {
  it('rejects every single-character change of the body with 000001', () => {
    for (let i = 0; i < BODY.length; i++) {
      const c = BODY[i]!;
      const replacement = c === 'a' ? 'b' : c === '"' ? "'" : 'a';
      const tampered = BODY.slice(0, i) + replacement + BODY.slice(i + 1);
      const r = verifyBase(input({ rawBody: tampered }));
      assert.equal(r.ok, false, `position ${i}`);
      assert.equal(!r.ok && r.resultCode, '000001', `position ${i}`);
    }
  });

  it('rejects a changed nonce, timestamp or key', () => {
    for (const change of [{ nonce: NONCE.slice(1) + '0' }, { timestamp: String(TS_MS + 1) }, { accessKey: KEY + 'x' }]) {
      const r = verifyBase(input(change));
      assert.deepEqual(r.ok ? null : r.resultCode, '000001', JSON.stringify(change));
    }
  });

  it('rejects a signature from another body', () => {
    const other = '{"activity":"queryInstance","instanceId":"x"}';
    const r = verifyBase(input({ rawBody: other }));
    assert.equal(!r.ok && r.reason, 'signature mismatch');
  });

  it('compares hex in constant time without throwing on length mismatch', () => {
    assert.equal(safeEqualHex('abcd', 'ABCD'), true);
    assert.equal(safeEqualHex('abcd', 'abc'), false);
    assert.equal(safeEqualHex('', ''), true);
  });
});

describe('base signature: time window', () => {
  const table: Array<[string, number, boolean]> = [
    ['59 s old', 59_000, true],
    ['exactly 60 s old', 60_000, true],
    ['61 s old (stale)', 61_000, false],
    ['59 s in the future', -59_000, true],
    ['61 s in the future', -61_000, false],
    ['an hour old', 3_600_000, false],
  ];
  for (const [name, skew, ok] of table) {
    it(`${ok ? 'accepts' : 'rejects'} a timestamp ${name}`, () => {
      const r = verifyBase(input({ nowMs: TS_MS + skew }));
      assert.equal(r.ok, ok);
      if (!r.ok) assert.equal(r.resultCode, '000001');
    });
  }

  it('honours a custom window', () => {
    assert.equal(verifyBase(input({ nowMs: TS_MS + 100_000, windowMs: 120_000 })).ok, true);
    assert.equal(verifyBase(input({ nowMs: TS_MS + 10_000, windowMs: 5_000 })).ok, false);
  });
});

describe('base signature: missing or invalid parts', () => {
  const long = 'N'.repeat(129);
  const table: Array<[string, Partial<VerifyBaseInput>, '000001' | '000002']> = [
    ['missing timestamp', { timestamp: undefined }, '000002'],
    ['null timestamp', { timestamp: null }, '000002'],
    ['empty timestamp', { timestamp: '' }, '000002'],
    ['non-numeric timestamp', { timestamp: 'abc' }, '000002'],
    ['negative timestamp', { timestamp: '-1680508066618' }, '000002'],
    ['scientific timestamp', { timestamp: '1.68e12' }, '000002'],
    ['absurdly long timestamp', { timestamp: '1'.repeat(30) }, '000002'],
    ['missing nonce', { nonce: undefined }, '000002'],
    ['empty nonce', { nonce: '' }, '000002'],
    ['nonce longer than 128', { nonce: long }, '000002'],
    ['missing signature', { signature: undefined }, '000001'],
    ['empty signature', { signature: '' }, '000001'],
    ['non-hex signature', { signature: 'z'.repeat(64) }, '000001'],
    ['short signature', { signature: SIGNATURE.slice(0, 63) }, '000001'],
    ['missing signature and timestamp (timestamp checked first)', { signature: undefined, timestamp: undefined }, '000002'],
  ];
  for (const [name, change, code] of table) {
    it(`${name} → ${code}`, () => {
      const r = verifyBase(input(change));
      assert.equal(r.ok, false);
      if (!r.ok) {
        assert.equal(r.resultCode, code);
        assert.ok(r.reason.length > 0);
      }
    });
  }

  it('accepts a 128-character nonce when it was signed', () => {
    const nonce = 'N'.repeat(128);
    assert.equal(verifyBase(input({ nonce, signature: signOver(BODY, nonce) })).ok, true);
  });
});

describe('base signature: body encodings', () => {
  const verifyFor = (rawBody: string, signature: string) => verifyBase(input({ rawBody, signature }));

  it('verifies a body with Chinese text, \\u escapes, \\/ and number literals over the raw-literal canonical form', () => {
    const rawBody = '{"testFlag":"1","memo":"中文","esc":"\\u4e2d","url":"https:\\/\\/x","n":1.0,"e":1e3,"activity":"newInstance"}';
    const canonical = '{"activity":"newInstance","e":1e3,"esc":"\\u4e2d","memo":"中文","n":1.0,"testFlag":"1","url":"https:\\/\\/x"}';
    assert.equal(canonicalPayload(rawBody), canonical);
    const r = verifyFor(rawBody, signOver(canonical));
    assert.deepEqual(r, { ok: true, timestampMs: TS_MS, payload: canonical });
  });

  it('verifies when the signer re-encoded strings the Jackson way', () => {
    const rawBody = '{"activity":"newInstance","memo":"\\u4e2d\\u6587","url":"a\\/b"}';
    assert.equal(verifyFor(rawBody, signOver('{"activity":"newInstance","memo":"中文","url":"a/b"}')).ok, true);
  });

  it('verifies when the signer bound scalars as strings (Map<String,String>)', () => {
    const rawBody = '{"activity":"newInstance","testFlag":0,"flag":1}';
    const r = verifyFor(rawBody, signOver('{"activity":"newInstance","flag":"1","testFlag":"0"}'));
    assert.equal(r.ok, true);
  });

  it('drops top-level nulls and ignores whitespace and key order of the received body', () => {
    const rawBody = '{ "orderId" : "o1", "productId": null,\n "activity" : "releaseInstance", "instanceId":"i" }';
    assert.equal(verifyFor(rawBody, signOver('{"activity":"releaseInstance","instanceId":"i","orderId":"o1"}')).ok, true);
  });

  it('also accepts a signature over the raw body text itself', () => {
    const rawBody = '{ "b":"1", "a":"2" }';
    assert.equal(verifyFor(rawBody, signOver(rawBody)).ok, true);
  });

  it('keeps nested JSON strings and nested objects in received order', () => {
    const rawBody = '{"saasExtendParams":"[{\\"name\\":\\"a\\",\\"value\\":\\"b\\"}]","productInfo":{"skuCode":"s","amount":2},"activity":"changeInstanceCheck"}';
    const canonical = '{"activity":"changeInstanceCheck","productInfo":{"skuCode":"s","amount":2},"saasExtendParams":"[{\\"name\\":\\"a\\",\\"value\\":\\"b\\"}]"}';
    assert.equal(verifyFor(rawBody, signOver(canonical)).ok, true);
    // The base verifier does not try nested-sorted variants (the demo never sorts nested maps).
    const nestedSorted = canonical.replace('{"skuCode":"s","amount":2}', '{"amount":2,"skuCode":"s"}');
    assert.equal(verifyFor(rawBody, signOver(nestedSorted)).ok, false);
  });

  it('tries every candidate from canonicalPayloads', () => {
    const rawBody = '{"b":true,"a":"\\/"}';
    const candidates = canonicalPayloads(rawBody);
    assert.equal(candidates.length, 4);
    for (const c of candidates) assert.equal(verifyFor(rawBody, signOver(c)).ok, true, c);
  });

  it('answers malformed JSON with 000001 when unsigned and 000002 when validly signed', () => {
    for (const rawBody of ['{"activity":"newInstance"', '[1,2]', '', 'not json']) {
      const unsigned = verifyFor(rawBody, SIGNATURE);
      assert.equal(!unsigned.ok && unsigned.resultCode, '000001', rawBody);
      const signed = verifyFor(rawBody, signOver(rawBody));
      assert.equal(!signed.ok && signed.resultCode, '000002', rawBody);
    }
  });
});

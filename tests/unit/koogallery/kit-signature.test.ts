import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { kitHeadersFrom, signKit, verifyKit, type VerifyKitInput } from '../../../src/koogallery/kit-signature';
import { signBase } from '../../../src/koogallery/signature';

// Spec vector: docs/protocol/kit.md#signature (same inputs as the base vector)
const KEY = 'testAccessKey123';
const NONCE = '50D83FDECAED6CCD8EF597F2A577950527928BA287D04E6036E92B2806FD17DA';
const TS = '1680508066618';
const TS_MS = Number(TS);
const BODY =
  '{"activity":"newInstance","businessId":"87b94795-0603-4e24-8ae5-69420d60e3c8","orderId":"CS2211181819B4LVS","orderLineId":"CS2211181819B4LVS-000001","testFlag":"1"}';
const X_SIGN = 'abb44b4c7a867a9f5eb8d9b7d9df42e804ff66bc084ee412c49cfafbfd5d8be6';

function input(headers: Partial<VerifyKitInput['headers']> = {}, rest: Partial<VerifyKitInput> = {}): VerifyKitInput {
  return {
    accessKey: KEY,
    headers: { sign: X_SIGN, timestamp: TS, nonce: NONCE, ...headers },
    rawBody: BODY,
    nowMs: TS_MS,
    ...rest,
  };
}

const signOver = (payload: string) => signKit({ accessKey: KEY, nonce: NONCE, timestamp: TS, payload });

describe('kit signature', () => {
  it('reproduces the spec vector (no inner hash, unlike the base signature)', () => {
    assert.equal(signKit({ accessKey: KEY, nonce: NONCE, timestamp: TS, payload: BODY }), X_SIGN);
    assert.notEqual(signBase({ accessKey: KEY, nonce: NONCE, timestamp: TS, payload: BODY }), X_SIGN);
  });

  it('verifies the vector with lower- and upper-case x-sign', () => {
    assert.deepEqual(verifyKit(input()), { ok: true, timestampMs: TS_MS, payload: BODY });
    assert.equal(verifyKit(input({ sign: X_SIGN.toUpperCase() })).ok, true);
  });

  it('a base signature does not pass as a kit signature', () => {
    const baseSig = signBase({ accessKey: KEY, nonce: NONCE, timestamp: TS, payload: BODY });
    assert.equal(verifyKit(input({ sign: baseSig })).ok, false);
  });

  it('verifies the published tenantSync body (document order) against its sorted canonical form', () => {
    const rawBody =
      '{"instanceId":"huaiweitest123456","orderId":"CS1906666666ABCDE","tenantId":"68cbc86****************880d92f36422fa0e","tenantCode":"huawei","name":"huaiweitest","domainName":"https://example.tenantaccount.com","flag":1,"testFlag":0,"timeStamp":"20220413093539534"}';
    const sorted =
      '{"domainName":"https://example.tenantaccount.com","flag":1,"instanceId":"huaiweitest123456","name":"huaiweitest","orderId":"CS1906666666ABCDE","tenantCode":"huawei","tenantId":"68cbc86****************880d92f36422fa0e","testFlag":0,"timeStamp":"20220413093539534"}';
    const r = verifyKit(input({ sign: signOver(sorted) }, { rawBody }));
    assert.deepEqual(r, { ok: true, timestampMs: TS_MS, payload: sorted });
  });

  it('accepts nested user objects signed either in received order or with sorted keys', () => {
    const rawBody = '{"userList":[{"userName":"u1","name":"N","extension":{"workPlace":"南京","entryDate":"2022-11-9"}}],"flag":1,"appId":"a"}';
    const received = '{"appId":"a","flag":1,"userList":[{"userName":"u1","name":"N","extension":{"workPlace":"南京","entryDate":"2022-11-9"}}]}';
    const nestedSorted = '{"appId":"a","flag":1,"userList":[{"extension":{"entryDate":"2022-11-9","workPlace":"南京"},"name":"N","userName":"u1"}]}';
    assert.equal(verifyKit(input({ sign: signOver(received) }, { rawBody })).ok, true);
    assert.equal(verifyKit(input({ sign: signOver(nestedSorted) }, { rawBody })).ok, true);
    assert.equal(verifyKit(input({ sign: signOver(rawBody.replace('u1', 'u2')) }, { rawBody })).ok, false);
  });

  const failures: Array<[string, Partial<VerifyKitInput['headers']>, Partial<VerifyKitInput>, '000001' | '000002']> = [
    ['missing x-timestamp', { timestamp: null }, {}, '000002'],
    ['invalid x-timestamp', { timestamp: '2022-04-13' }, {}, '000002'],
    ['missing x-nonce', { nonce: null }, {}, '000002'],
    ['overlong x-nonce', { nonce: 'n'.repeat(200) }, {}, '000002'],
    ['missing x-sign', { sign: null }, {}, '000001'],
    ['wrong x-sign', { sign: X_SIGN.replace(/^a/, 'b') }, {}, '000001'],
    ['stale by 61 s', {}, { nowMs: TS_MS + 61_000 }, '000001'],
    ['future by 61 s', {}, { nowMs: TS_MS - 61_000 }, '000001'],
    ['tampered body', {}, { rawBody: BODY.replace('"1"}', '"0"}') }, '000001'],
  ];
  for (const [name, headers, rest, code] of failures) {
    it(`${name} → ${code}`, () => {
      const r = verifyKit(input(headers, rest));
      assert.equal(!r.ok && r.resultCode, code);
    });
  }

  it('accepts ±59 s', () => {
    assert.equal(verifyKit(input({}, { nowMs: TS_MS + 59_000 })).ok, true);
    assert.equal(verifyKit(input({}, { nowMs: TS_MS - 59_000 })).ok, true);
  });

  it('reads the headers case-insensitively from a Fetch Headers object', () => {
    const h = new Headers({ 'X-Sign': X_SIGN, 'X-Timestamp': TS, 'X-Nonce': NONCE });
    assert.deepEqual(kitHeadersFrom(h), { sign: X_SIGN, timestamp: TS, nonce: NONCE });
    assert.equal(verifyKit({ accessKey: KEY, headers: kitHeadersFrom(h), rawBody: BODY, nowMs: TS_MS }).ok, true);
    assert.deepEqual(kitHeadersFrom(new Headers()), { sign: null, timestamp: null, nonce: null });
  });
});

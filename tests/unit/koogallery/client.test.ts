import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { marketplaceNonce, signedBaseRequest, signedKitRequest } from '../../../src/koogallery/client';
import { verifyKit } from '../../../src/koogallery/kit-signature';
import { verifyBase } from '../../../src/koogallery/signature';

const KEY = 'testAccessKey123';
const NOW = 1_700_000_000_000;

function verifySignedBase(req: { url: string; body: string }, nowMs = NOW) {
  const q = new URL(req.url).searchParams;
  return verifyBase({ accessKey: KEY, signature: q.get('signature'), timestamp: q.get('timestamp'), nonce: q.get('nonce'), rawBody: req.body, nowMs });
}

describe('signedBaseRequest', () => {
  it('reproduces the spec vector request (upper-case signature in the query, as in the docs)', () => {
    const req = signedBaseRequest({
      baseUrl: 'https://www.isvwebsite.com/saasproduce',
      accessKey: KEY,
      nowMs: 1680508066618,
      nonce: '50D83FDECAED6CCD8EF597F2A577950527928BA287D04E6036E92B2806FD17DA',
      body: { testFlag: '1', orderLineId: 'CS2211181819B4LVS-000001', orderId: 'CS2211181819B4LVS', businessId: '87b94795-0603-4e24-8ae5-69420d60e3c8', activity: 'newInstance' },
    });
    assert.equal(
      req.url,
      'https://www.isvwebsite.com/saasproduce?signature=CD8D59BB7FCF7574752B5EB0ED04B3ACF4A759DA53F24D30A79ABE45C5D1BA25&timestamp=1680508066618&nonce=50D83FDECAED6CCD8EF597F2A577950527928BA287D04E6036E92B2806FD17DA',
    );
    assert.equal(req.body, '{"activity":"newInstance","businessId":"87b94795-0603-4e24-8ae5-69420d60e3c8","orderId":"CS2211181819B4LVS","orderLineId":"CS2211181819B4LVS-000001","testFlag":"1"}');
    assert.deepEqual(req.headers, { Accept: 'application/json', 'Content-Type': 'application/json;charset=utf8' });
  });

  it('produces requests the verifier accepts, with sorted keys and nulls dropped', () => {
    const req = signedBaseRequest({ baseUrl: 'https://isv.example.com/p?x=1', accessKey: KEY, nowMs: NOW, body: { status: 'FREEZE', instanceId: 'i', activity: 'updateInstanceStatus', productId: null } });
    assert.equal(req.body, '{"activity":"updateInstanceStatus","instanceId":"i","status":"FREEZE"}');
    assert.equal(new URL(req.url).searchParams.get('x'), '1');
    assert.deepEqual(verifySignedBase(req), { ok: true, timestampMs: NOW, payload: req.body });
  });

  it('sends a raw string body verbatim and signs its canonical form', () => {
    const body = '{ "activity":"queryInstance", "memo":"\\u4e2d", "instanceId":"a,b" }';
    const req = signedBaseRequest({ baseUrl: 'https://isv.example.com/', accessKey: KEY, nowMs: NOW, body, signatureCase: 'lower' });
    assert.equal(req.body, body);
    assert.match(new URL(req.url).searchParams.get('signature')!, /^[0-9a-f]{64}$/);
    assert.equal(verifySignedBase(req).ok, true);
  });

  it('can produce stale requests for simulator scenarios', () => {
    const req = signedBaseRequest({ baseUrl: 'https://isv.example.com/', accessKey: KEY, nowMs: NOW - 61_000, body: { activity: 'queryInstance', instanceId: 'i' } });
    const r = verifySignedBase(req);
    assert.equal(!r.ok && r.resultCode, '000001');
  });

  it('generates 64-hex-character nonces that differ per call', () => {
    const a = marketplaceNonce();
    assert.match(a, /^[0-9A-F]{64}$/);
    assert.notEqual(a, marketplaceNonce());
  });
});

describe('signedKitRequest', () => {
  it('appends the kit path, sets x-sign/x-timestamp/x-nonce and keeps body field order', () => {
    const body = { instanceId: 'i', orderId: 'o', tenantId: 't', tenantCode: 'c', name: '企业', domainName: 'https://d', flag: 1, testFlag: 0, timeStamp: '20220413093539534' };
    const req = signedKitRequest({ baseUrl: 'https://isv.example.com/isv/produce/', path: '/produceAPI/v2/tenantSync', accessKey: KEY, nowMs: NOW, body });
    assert.equal(req.url, 'https://isv.example.com/isv/produce/produceAPI/v2/tenantSync');
    assert.equal(req.body, JSON.stringify(body));
    assert.equal(req.headers['x-timestamp'], String(NOW));
    assert.match(req.headers['x-sign']!, /^[0-9A-F]{64}$/);
    const r = verifyKit({ accessKey: KEY, headers: { sign: req.headers['x-sign'], timestamp: req.headers['x-timestamp'], nonce: req.headers['x-nonce'] }, rawBody: req.body, nowMs: NOW });
    assert.equal(r.ok, true);
    // Signed over the sorted canonical payload, not the sent text.
    assert.ok(r.ok && r.payload.startsWith('{"domainName":'));
  });

  it('fails verification under another key', () => {
    const req = signedKitRequest({ baseUrl: 'https://isv.example.com', path: 'produceAPI/v2/allOrgSync', accessKey: 'kitKey', nowMs: NOW, body: { tenantId: 't' } });
    assert.equal(req.url, 'https://isv.example.com/produceAPI/v2/allOrgSync');
    const r = verifyKit({ accessKey: KEY, headers: { sign: req.headers['x-sign'], timestamp: req.headers['x-timestamp'], nonce: req.headers['x-nonce'] }, rawBody: req.body, nowMs: NOW });
    assert.equal(!r.ok && r.resultCode, '000001');
  });
});

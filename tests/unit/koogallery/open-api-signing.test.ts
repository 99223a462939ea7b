import assert from 'node:assert/strict';
import { createHash, createHmac } from 'node:crypto';
import { describe, it } from 'node:test';
import {
  apigCanonicalQuery,
  apigCanonicalUri,
  apigUriEncode,
  signApigRequest,
  usagePushRequest,
  usagePushSignature,
} from '../../../src/koogallery/open-api-signing';

const sha256 = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');
const hmacHex = (k: string, s: string) => createHmac('sha256', k).update(s, 'utf8').digest('hex');

describe('APIG SDK-HMAC-SHA256', () => {
  it("reproduces the worked example of Huawei's API signing guide", () => {
    // https://support.huaweicloud.com/intl/en-us/devg-apisign/api-sign-algorithm-002.html (+ -003/-004/-005):
    // hashed canonical request b25362e6…, SK MFyfvK41… → signature 7be66680…, AK QTWAOYTTINDUT2QVKYUC.
    const r = signApigRequest({
      method: 'GET',
      url: 'https://service.region.example.com/v1/77b6a44cba5143ab91d13ab9a8ff44fd/vpcs?limit=2&marker=13551d6b-755d-4757-b956-536f674975c0',
      headers: { 'Content-Type': 'application/json', 'X-Sdk-Date': '20191115T033655Z' },
      ak: 'QTWAOYTTINDUT2QVKYUC',
      sk: 'MFyfvK41ba2giqM7Uio6PznpdUKGpownRZlmVmHc',
    });
    assert.equal(sha256(r.canonicalRequest), 'b25362e603ee30f4f25e7858e8a7160fd36e803bb2dfe206278659d71a9bcd7a');
    assert.equal(r.stringToSign, 'SDK-HMAC-SHA256\n20191115T033655Z\nb25362e603ee30f4f25e7858e8a7160fd36e803bb2dfe206278659d71a9bcd7a');
    assert.equal(r.signature, '7be6668032f70418fcc22abc52071e57aff61b84a1d2381bb430d6870f4f6ebe');
    assert.equal(
      r.headers.Authorization,
      'SDK-HMAC-SHA256 Access=QTWAOYTTINDUT2QVKYUC, SignedHeaders=content-type;host;x-sdk-date, Signature=7be6668032f70418fcc22abc52071e57aff61b84a1d2381bb430d6870f4f6ebe',
    );
    assert.equal(r.headers.Host, 'service.region.example.com');
  });

  it('signs a 查询订单 call: trailing slash, sorted query, X-Sdk-Date from the clock', () => {
    const date = new Date('2024-01-02T03:04:05.678Z');
    const r = signApigRequest({
      method: 'get',
      url: 'https://mkt.myhuaweicloud.com/api/mkp-openapi-public/global/v1/order/query?orderLineId=MOCKPERIODYEARNEW-000001&orderId=MOCKPERIODYEARNEW',
      headers: { 'Content-Type': 'application/json' },
      ak: 'AK',
      sk: 'SK',
      date,
    });
    // Written by hand from the documented rules, not by the implementation.
    const expected = [
      'GET',
      '/api/mkp-openapi-public/global/v1/order/query/',
      'orderId=MOCKPERIODYEARNEW&orderLineId=MOCKPERIODYEARNEW-000001',
      'content-type:application/json',
      'host:mkt.myhuaweicloud.com',
      'x-sdk-date:20240102T030405Z',
      '',
      'content-type;host;x-sdk-date',
      'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
    ].join('\n');
    assert.equal(r.canonicalRequest, expected);
    assert.equal(r.headers['X-Sdk-Date'], '20240102T030405Z');
    assert.equal(r.signature, hmacHex('SK', `SDK-HMAC-SHA256\n20240102T030405Z\n${sha256(expected)}`));
  });

  it('encodes path segments, query names/values and hashes the body like an independent implementation', () => {
    const body = '{"usage_records":[{"instance_id":"中"}]}';
    const r = signApigRequest({
      method: 'POST',
      url: 'https://h.example.com:8443/v1/a%20b/%E4%B8%AD/x?z=1&a=2&a=1&sp=a%20b&star=*&tilde=~&plus=%2B&empty=',
      headers: { ' X-Custom ': '  val  ', 'content-type': 'application/json;charset=UTF-8', 'X-Sdk-Date': '20240101T000000Z', Authorization: 'stale' },
      body,
      ak: 'ak',
      sk: 'sk',
    });
    const expected = [
      'POST',
      '/v1/a%20b/%E4%B8%AD/x/',
      'a=1&a=2&empty=&plus=%2B&sp=a%20b&star=%2A&tilde=~&z=1',
      'content-type:application/json;charset=UTF-8',
      'host:h.example.com:8443',
      'x-custom:val',
      'x-sdk-date:20240101T000000Z',
      '',
      'content-type;host;x-custom;x-sdk-date',
      sha256(body),
    ].join('\n');
    assert.equal(r.canonicalRequest, expected);
    assert.equal(r.signature, hmacHex('sk', `SDK-HMAC-SHA256\n20240101T000000Z\n${sha256(expected)}`));
    assert.match(r.headers.Authorization!, /^SDK-HMAC-SHA256 Access=ak, SignedHeaders=content-type;host;x-custom;x-sdk-date, Signature=[0-9a-f]{64}$/);
    assert.equal(Object.keys(r.headers).filter((k) => k.toLowerCase() === 'authorization').length, 1);
  });

  it('uses X-Sdk-Content-Sha256 instead of hashing the body when given', () => {
    const r = signApigRequest({ method: 'PUT', url: 'https://h/', headers: { 'X-Sdk-Content-Sha256': 'UNSIGNED-PAYLOAD', 'X-Sdk-Date': '20240101T000000Z' }, body: 'big', ak: 'a', sk: 's' });
    assert.ok(r.canonicalRequest.endsWith('\nUNSIGNED-PAYLOAD'));
  });

  it('helpers: RFC 3986 encoding and canonical pieces', () => {
    assert.equal(apigUriEncode("a b!'()*~-_.中/"), 'a%20b%21%27%28%29%2A~-_.%E4%B8%AD%2F');
    assert.equal(apigCanonicalUri('/'), '/');
    assert.equal(apigCanonicalUri(''), '/');
    assert.equal(apigCanonicalUri('/v1/x/'), '/v1/x/');
    assert.equal(apigCanonicalQuery([]), '');
    assert.equal(apigCanonicalQuery([['b', '2'], ['a', 'y'], ['a', 'x']]), 'a=x&a=y&b=2');
  });

  it('refuses empty credentials', () => {
    assert.throws(() => signApigRequest({ method: 'GET', url: 'https://h/', ak: '', sk: 's' }), TypeError);
  });
});

describe('usage push signature', () => {
  it('signs "ts=…&nonce=…&body=…" with base64 HMAC-SHA256 (independent computation)', () => {
    const body = '{"usage_records":[]}';
    const expected = createHmac('sha256', 'key').update(`ts=1700000000000&nonce=n1&body=${body}`).digest('base64');
    assert.equal(usagePushSignature('key', '1700000000000', 'n1', body), expected);
  });

  it('sorts keys at every depth, sends exactly the signed text and sets ts/nonce headers', () => {
    const req = usagePushRequest({
      key: 'key',
      nowMs: 1_700_000_000_000,
      nonce: 'abc',
      body: {
        usage_records: [
          { usage_value: '99', metering_sn: 'sn-1', instance_id: '7f141bf1', record_time: '20220809T091000Z', begin_time: '20220809T080000Z', end_time: '20220809T090000Z' },
        ],
      },
    });
    const sortedBody =
      '{"usage_records":[{"begin_time":"20220809T080000Z","end_time":"20220809T090000Z","instance_id":"7f141bf1","metering_sn":"sn-1","record_time":"20220809T091000Z","usage_value":"99"}]}';
    assert.equal(req.body, sortedBody);
    assert.equal(req.headers.ts, '1700000000000');
    assert.equal(req.headers.nonce, 'abc');
    assert.equal(req.headers.signature, createHmac('sha256', 'key').update(`ts=1700000000000&nonce=abc&body=${sortedBody}`).digest('base64'));
  });

  it('generates a nonce within 64 characters and rejects longer ones', () => {
    const req = usagePushRequest({ key: 'k', body: { usage_records: [] } });
    assert.ok(req.headers.nonce.length > 0 && req.headers.nonce.length <= 64);
    assert.throws(() => usagePushRequest({ key: 'k', body: '{}', nonce: 'n'.repeat(65) }), RangeError);
  });
});

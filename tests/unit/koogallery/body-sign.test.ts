import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { describe, it } from 'node:test';
import { bodySignature, bodySignHeader } from '../../../src/koogallery/body-sign';

describe('Body-Sign response header', () => {
  it('reproduces the spec vector in the exact V1 header format', () => {
    const header = bodySignHeader('testAccessKey123', '{"resultCode":"000000","resultMsg":"success."}');
    assert.equal(header, 'sign_type="HMAC-SHA256", signature= "CPIAbI6A1/GrF70YmPEaCgm5WaxUkts5hjQRqqpZv3s="');
  });

  it('signs the body text exactly, whitespace included, keyed with the access key alone', () => {
    const key = 'k';
    for (const body of ['{"a":1}', ' {"a":1}\n', '{"memo":"中文"}']) {
      const expected = createHmac('sha256', key).update(body, 'utf8').digest('base64');
      assert.equal(bodySignature(key, body), expected);
      assert.match(bodySignHeader(key, body), /^sign_type="HMAC-SHA256", signature= "[A-Za-z0-9+/]+={0,2}"$/);
    }
    assert.notEqual(bodySignature(key, '{"a":1}'), bodySignature(key, '{"a":1} '));
  });
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isResultCode, ok, result, RESULT_CODES, resultMessage } from '../../../src/koogallery/result-codes';
import {
  formatCompactUtc,
  formatCompactUtcSeconds,
  formatKitTimestamp,
  formatUsageTime,
  InvalidTimeError,
  isValidCompactUtc,
  parseCompactUtc,
  parseKitTimestamp,
  parseUsageTime,
} from '../../../src/koogallery/time';

describe('result codes', () => {
  it('covers 000000–000005 and 000100–000107, each with Chinese and English text', () => {
    const expected = ['000000', '000001', '000002', '000003', '000004', '000005', ...Array.from({ length: 8 }, (_, i) => `0001${String(i).padStart(2, '0')}`)];
    assert.deepEqual(Object.keys(RESULT_CODES).sort(), expected);
    for (const code of expected) {
      assert.ok(isResultCode(code));
      assert.match(resultMessage(code as keyof typeof RESULT_CODES, 'zh'), /[\u4e00-\u9fff]/, code);
      assert.match(resultMessage(code as keyof typeof RESULT_CODES, 'en'), /[a-z]/i, code);
    }
  });

  it('rejects unknown codes, including the demo-only meaning collisions', () => {
    for (const v of ['000006', '000108', '000900', '0', 0, null, 'toString', '__proto__']) assert.equal(isResultCode(v), false, String(v));
  });

  it('ok() puts resultCode/resultMsg first and keeps extras, which cannot override them', () => {
    const r = ok({ instanceId: 'i-1', resultCode: '000005', resultMsg: 'nope' } as Record<string, unknown>);
    assert.deepEqual(Object.keys(r), ['resultCode', 'resultMsg', 'instanceId']);
    assert.equal(r.resultCode, '000000');
    assert.equal(r.resultMsg, 'success.');
    assert.deepEqual(ok(), { resultCode: '000000', resultMsg: 'success.' });
    assert.equal(JSON.stringify(ok({ instanceId: 'x' })), '{"resultCode":"000000","resultMsg":"success.","instanceId":"x"}');
  });

  it('result() defaults the message and clamps it to 255 characters without splitting a surrogate pair', () => {
    assert.deepEqual(result('000003'), { resultCode: '000003', resultMsg: 'instance id does not exist' });
    assert.equal(result('000002', 'x'.repeat(300)).resultMsg.length, 255);
    const msg = 'x'.repeat(254) + '😀' + 'y';
    const clamped = result('000002', msg).resultMsg;
    assert.equal(clamped, 'x'.repeat(254));
  });
});

describe('time formats', () => {
  const valid: Array<[string, string]> = [
    ['20221124023618', '2022-11-24T02:36:18.000Z'],
    ['20221124023618256', '2022-11-24T02:36:18.256Z'],
    ['20240229235959999', '2024-02-29T23:59:59.999Z'],
    ['20000229000000', '2000-02-29T00:00:00.000Z'],
    ['19700101000000', '1970-01-01T00:00:00.000Z'],
  ];
  for (const [text, iso] of valid) {
    it(`parses ${text} as UTC`, () => assert.equal(parseCompactUtc(text).toISOString(), iso));
  }

  const invalid = [
    '20221324023618', // month 13
    '20220001000000', // month 0
    '20220230000000', // Feb 30
    '20230229000000', // not a leap year
    '19000229000000', // century, not leap
    '20220431000000', // April 31
    '20220101240000', // hour 24
    '20220101006000', // minute 60
    '20220101000060', // second 60
    '00000101000000', // year 0000 (PostgreSQL cannot store it)
    '00010101000000', // year 0001: before MIN_YEAR (1970)
    '19691231235959999', // the last moment before 1970
    '2022112402361', // 13 digits
    '202211240236182', // 15 digits
    '2022-11-24 02:36:18',
    ' 20221124023618',
    '',
  ];
  for (const text of invalid) {
    it(`rejects ${JSON.stringify(text)}`, () => {
      assert.throws(() => parseCompactUtc(text), InvalidTimeError);
      assert.equal(isValidCompactUtc(text), false);
    });
  }

  it('formats yyyyMMddHHmmssSSS and yyyyMMddHHmmss in UTC and round-trips', () => {
    const d = new Date('2024-03-05T07:08:09.012Z');
    assert.equal(formatCompactUtc(d), '20240305070809012');
    assert.equal(formatCompactUtcSeconds(d), '20240305070809');
    assert.equal(parseCompactUtc(formatCompactUtc(d)).getTime(), d.getTime());
  });

  it("formats and parses the usage-push / X-Sdk-Date form yyyyMMdd'T'HHmmss'Z'", () => {
    const d = new Date('2022-08-09T09:10:00.999Z');
    assert.equal(formatUsageTime(d), '20220809T091000Z');
    assert.equal(parseUsageTime('20220809T091000Z').toISOString(), '2022-08-09T09:10:00.000Z');
    assert.throws(() => parseUsageTime('20220809091000'), InvalidTimeError);
    assert.throws(() => parseUsageTime('20221309T091000Z'), InvalidTimeError);
  });

  it('reads kit timeStamp as UTC+8 and writes it back', () => {
    const d = parseKitTimestamp('20220413093539534');
    assert.equal(d.toISOString(), '2022-04-13T01:35:39.534Z');
    assert.equal(formatKitTimestamp(d), '20220413093539534');
    // Crossing midnight: 07:00 in Beijing is 23:00 the previous day in UTC.
    assert.equal(parseKitTimestamp('20220101070000000').toISOString(), '2021-12-31T23:00:00.000Z');
    assert.throws(() => parseKitTimestamp('20221332000000000'), InvalidTimeError);
    // Year bound on the written year, whatever the zone: 1970-01-01 00:00 in Beijing is still accepted.
    assert.equal(parseKitTimestamp('19700101000000000').toISOString(), '1969-12-31T16:00:00.000Z');
    assert.throws(() => parseKitTimestamp('00000101000000000'), /year 0000 is before 1970/);
    assert.throws(() => parseUsageTime('00000101T000000Z'), InvalidTimeError);
  });

  it('refuses an invalid Date when formatting', () => {
    assert.throws(() => formatCompactUtc(new Date(NaN)), InvalidTimeError);
  });
});

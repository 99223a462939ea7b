import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseJsonValue } from '../../../src/koogallery/canonical-json';
import {
  ACTIVITIES,
  appInfoSchema,
  newInstanceResponseSchema,
  parseActivityBody,
  queryInstanceResponseSchema,
  usageInfoSchema,
  type CanonicalActivity,
} from '../../../src/koogallery/schemas';

// Valid bodies per activity (the docs' examples where they exist: docs/protocol/base-interface.md#activities).
const VALID: Record<CanonicalActivity, Record<string, unknown>> = {
  newInstance: { activity: 'newInstance', businessId: '87b94795-0603-4e24-8ae5-69420d60e3c8', orderId: 'CS2211181819B4LVS', orderLineId: 'CS2211181819B4LVS-000001', testFlag: '1' },
  queryInstance: { activity: 'queryInstance', instanceId: '10e758d0-31ad-4c4b-8f1b-81d03469a10e', testFlag: '1' },
  refreshInstance: { activity: 'refreshInstance', expireTime: '20221124023618256', instanceId: '10e758d0-31ad-4c4b-8f1b-81d03469a10e', orderId: 'CS2211181819B4LVS', orderLineId: 'CS2211181819B4LVS-000001', productId: 'OFFI461867333479178240', scene: 'RENEWAL', testFlag: '1' },
  updateInstanceStatus: { activity: 'updateInstanceStatus', instanceId: '10e758d0-31ad-4c4b-8f1b-81d03469a10e', status: 'FREEZE', testFlag: '1' },
  releaseInstance: { activity: 'releaseInstance', instanceId: '10e758d0-31ad-4c4b-8f1b-81d03469a10e', orderId: 'CS2211181819B4LVS', orderLineId: 'CS2211181819B4LVS-000001', testFlag: '0' },
  upgradeInstance: { activity: 'upgradeInstance', instanceId: '10e758d0-31ad-4c4b-8f1b-81d03469a10e', orderId: 'CS2211181819B4LVS', orderLineId: 'CS2211181819B4LVS-000001', testFlag: '1' },
  changeInstanceCheck: { activity: 'changeInstanceCheck', instanceId: '10e758d0-31ad-4c4b-8f1b-81d03469a10e', productInfo: { skuCode: 'sku', productId: 'OFFI1' }, testFlag: '1' },
};

const MANDATORY: Record<CanonicalActivity, string[]> = {
  newInstance: ['orderId', 'orderLineId', 'businessId'],
  queryInstance: ['instanceId'],
  refreshInstance: ['scene', 'orderId', 'orderLineId', 'instanceId', 'expireTime'],
  updateInstanceStatus: ['instanceId', 'status'],
  releaseInstance: ['instanceId'],
  upgradeInstance: ['instanceId', 'orderId', 'orderLineId'],
  changeInstanceCheck: ['instanceId', 'productInfo'],
};

const OPTIONAL: Record<CanonicalActivity, string[]> = {
  newInstance: ['testFlag'],
  queryInstance: ['testFlag'],
  refreshInstance: ['productId', 'testFlag'],
  updateInstanceStatus: ['testFlag'],
  releaseInstance: ['orderId', 'orderLineId', 'testFlag'],
  upgradeInstance: ['productId', 'skuCode', 'testFlag'],
  changeInstanceCheck: ['testFlag'],
};

/** Max lengths from the field tables (64 for every id). */
const LIMITS: Record<CanonicalActivity, Array<[string, number]>> = {
  newInstance: [['orderId', 64], ['orderLineId', 64], ['businessId', 64]],
  queryInstance: [],
  refreshInstance: [['scene', 64], ['orderId', 64], ['orderLineId', 64], ['instanceId', 64], ['productId', 64]],
  updateInstanceStatus: [['instanceId', 64]],
  releaseInstance: [['instanceId', 64], ['orderId', 64], ['orderLineId', 64]],
  upgradeInstance: [['instanceId', 64], ['orderId', 64], ['orderLineId', 64], ['productId', 64], ['skuCode', 64]],
  changeInstanceCheck: [['instanceId', 64]],
};

function without(o: Record<string, unknown>, key: string): Record<string, unknown> {
  const { [key]: _removed, ...rest } = o;
  return rest;
}

function expectFail(body: unknown, messagePattern: RegExp): void {
  const r = parseActivityBody(body);
  assert.equal(r.ok, false, `expected failure for ${JSON.stringify(body)}`);
  if (!r.ok) {
    assert.equal(r.resultCode, '000002');
    assert.match(r.message, messagePattern);
  }
}

describe('parseActivityBody: every activity', () => {
  for (const activity of ACTIVITIES) {
    describe(activity, () => {
      it('accepts the documented example', () => {
        const r = parseActivityBody(VALID[activity]);
        assert.equal(r.ok, true, r.ok ? '' : r.message);
        if (r.ok) assert.equal(r.activity, activity);
      });

      it('accepts (and keeps) an unknown extra field', () => {
        const r = parseActivityBody({ ...VALID[activity], customerId: 'c1', newField: { nested: true } });
        assert.ok(r.ok);
        assert.equal((r.data as Record<string, unknown>).customerId, 'c1');
        assert.deepEqual((r.data as Record<string, unknown>).newField, { nested: true });
      });

      for (const field of MANDATORY[activity]) {
        it(`rejects a missing ${field}`, () => expectFail(without(VALID[activity], field), new RegExp(`^${field}: is required$`)));
        it(`rejects a null ${field} (null counts as absent)`, () => expectFail({ ...VALID[activity], [field]: null }, new RegExp(`^${field}: is required`)));
      }

      for (const field of OPTIONAL[activity]) {
        it(`accepts a missing optional ${field}`, () => assert.ok(parseActivityBody(without(VALID[activity], field)).ok));
      }

      for (const [field, max] of LIMITS[activity]) {
        if (field === 'scene') continue; // enum: covered below
        it(`enforces ${field} ≤ ${max}`, () => {
          assert.ok(parseActivityBody({ ...VALID[activity], [field]: 'x'.repeat(max) }).ok);
          expectFail({ ...VALID[activity], [field]: 'x'.repeat(max + 1) }, new RegExp(`^${field}: must be at most ${max} characters$`));
        });
      }

      it('rejects a non-string id', () => {
        expectFail({ ...VALID[activity], instanceId: 42, orderId: 42 }, /must be a string/);
      });

      it('rejects a bad testFlag and normalises numbers and the empty string', () => {
        expectFail({ ...VALID[activity], testFlag: '2' }, /^testFlag: must be "0" or "1"$/);
        expectFail({ ...VALID[activity], testFlag: ' ' }, /^testFlag: must be "0" or "1"$/);
        expectFail({ ...VALID[activity], testFlag: true }, /^testFlag:/);
        // The official demo: "1：调试请求 0：非调试请求（空也是非调测）".
        const empty = parseActivityBody({ ...VALID[activity], testFlag: '' });
        assert.ok(empty.ok && empty.data.testFlag === '0');
        const numeric = parseActivityBody({ ...VALID[activity], testFlag: 1 });
        assert.ok(numeric.ok && numeric.data.testFlag === '1');
        const absent = parseActivityBody(without(VALID[activity], 'testFlag'));
        assert.ok(absent.ok && absent.data.testFlag === '0');
      });
    });
  }
});

describe('parseActivityBody: activity-specific rules', () => {
  it('lists the supported activities for an unknown or missing activity', () => {
    for (const body of [{ activity: 'expireInstance' }, { activity: 7 }, {}, { activity: null }]) {
      const r = parseActivityBody(body);
      assert.ok(!r.ok);
      assert.match(r.message, /^activity: /);
      for (const a of ACTIVITIES) assert.ok(r.message.includes(a), a);
    }
  });

  it('rejects a non-object body', () => {
    for (const body of [null, [], 'x', 1]) expectFail(body, /^body: must be a JSON object$/);
  });

  it('accepts the V1 alias "upgrade" as upgradeInstance', () => {
    const r = parseActivityBody({ ...VALID.upgradeInstance, activity: 'upgrade' });
    assert.ok(r.ok);
    assert.equal(r.activity, 'upgradeInstance');
    assert.equal(r.data.activity, 'upgradeInstance');
  });

  it('upgradeInstance: V1 productId/skuCode are kept when strings, ignored when of another type', () => {
    const r = parseActivityBody({ ...VALID.upgradeInstance, activity: 'upgrade', productId: 'OFFI1', skuCode: '' });
    assert.ok(r.ok && r.activity === 'upgradeInstance');
    assert.equal(r.data.productId, 'OFFI1');
    assert.equal(r.data.skuCode, undefined);
    const odd = parseActivityBody({ ...VALID.upgradeInstance, productId: 7, skuCode: { a: 1 } });
    assert.ok(odd.ok && odd.activity === 'upgradeInstance' && odd.data.productId === undefined && odd.data.skuCode === undefined);
  });

  it('reports every failing field in one message', () => {
    expectFail({ activity: 'newInstance', orderId: 'x'.repeat(65) }, /^orderId: must be at most 64 characters; orderLineId: is required; businessId: is required$/);
  });

  it('refreshInstance: accepts every documented scene, rejects others', () => {
    for (const scene of ['TRIAL_TO_FORMAL', 'RENEWAL', 'UNSUBSCRIBE_RENEWAL_PERIOD', 'RENEWAL_CHANGE']) {
      assert.ok(parseActivityBody({ ...VALID.refreshInstance, scene }).ok, scene);
    }
    expectFail({ ...VALID.refreshInstance, scene: 'renewal' }, /^scene: must be one of TRIAL_TO_FORMAL, RENEWAL, UNSUBSCRIBE_RENEWAL_PERIOD, RENEWAL_CHANGE$/);
  });

  it('refreshInstance: expireTime must be 14 or 17 digits and a real date', () => {
    assert.ok(parseActivityBody({ ...VALID.refreshInstance, expireTime: '20221124023618' }).ok);
    for (const [bad, why] of [
      ['20221324023618', /invalid month/],
      ['20220230000000', /invalid day/],
      ['2022112402361825', /yyyyMMddHHmmss/],
      ['2022-11-24', /yyyyMMddHHmmss/],
      ['00000101000000', /year 0000 is before 1970/],
      ['', /must not be empty/],
    ] as const) {
      expectFail({ ...VALID.refreshInstance, expireTime: bad }, new RegExp(`^expireTime: .*${why.source}`));
    }
  });

  it('refreshInstance: an empty optional productId is treated as absent', () => {
    const r = parseActivityBody({ ...VALID.refreshInstance, productId: '' });
    assert.ok(r.ok && r.activity === 'refreshInstance' && r.data.productId === undefined);
  });

  it('updateInstanceStatus: status must be FREEZE or UNFREEZE', () => {
    assert.ok(parseActivityBody({ ...VALID.updateInstanceStatus, status: 'UNFREEZE' }).ok);
    for (const status of ['NORMAL', 'freeze', '']) expectFail({ ...VALID.updateInstanceStatus, status }, /^status: must be one of FREEZE, UNFREEZE$/);
  });

  it('queryInstance: splits up to 100 comma-separated ids', () => {
    const ids = Array.from({ length: 100 }, (_, i) => `id-${i}`);
    const r = parseActivityBody({ activity: 'queryInstance', instanceId: ids.join(',') });
    assert.ok(r.ok && r.activity === 'queryInstance');
    assert.deepEqual(r.data.instanceIds, ids);
  });

  it('queryInstance: trims spaces and removes duplicates', () => {
    const r = parseActivityBody({ activity: 'queryInstance', instanceId: 'a, b ,a' });
    assert.ok(r.ok && r.activity === 'queryInstance');
    assert.deepEqual(r.data.instanceIds, ['a', 'b']);
  });

  it('queryInstance: rejects >100 ids, empty ids and ids over 64 characters', () => {
    const ids101 = Array.from({ length: 101 }, (_, i) => `id-${i}`).join(',');
    expectFail({ activity: 'queryInstance', instanceId: ids101 }, /^instanceId: must hold at most 100 ids \(got 101\)$/);
    expectFail({ activity: 'queryInstance', instanceId: 'a,,b' }, /^instanceId: id #2 is empty$/);
    expectFail({ activity: 'queryInstance', instanceId: 'a,' }, /^instanceId: id #2 is empty$/);
    expectFail({ activity: 'queryInstance', instanceId: `a,${'x'.repeat(65)}` }, /^instanceId: id #2 must be at most 64 characters$/);
    expectFail({ activity: 'queryInstance', instanceId: '' }, /^instanceId: must not be empty$/);
  });

  it('changeInstanceCheck: productInfo may be an object or a JSON string holding one', () => {
    const r = parseActivityBody({ ...VALID.changeInstanceCheck, productInfo: '{"skuCode":"s","amount":2}' });
    assert.ok(r.ok && r.activity === 'changeInstanceCheck');
    assert.deepEqual(r.data.productInfo, { skuCode: 's', amount: 2 });
    for (const bad of [[1], 'not json', '[1]', 5]) {
      expectFail({ ...VALID.changeInstanceCheck, productInfo: bad }, /^productInfo: must be a JSON object$/);
    }
  });

  it('validates what parseJsonValue produced from a raw body', () => {
    const raw = '{"activity":"newInstance","businessId":"b","orderId":"o\\u4e2d","orderLineId":"l","testFlag":null}';
    const r = parseActivityBody(parseJsonValue(raw));
    assert.ok(r.ok && r.activity === 'newInstance');
    assert.equal(r.data.orderId, 'o中');
    assert.equal(r.data.testFlag, '0');
  });
});

describe('response schemas', () => {
  const appInfo = { frontEndUrl: 'https://app.example.com', adminUrl: 'https://admin.example.com', userName: 'hwadmin', password: 'p', memo: '\u521b\u5efa' };

  it('appInfo: enforces 512/128/1024 and a http(s) frontEndUrl', () => {
    assert.ok(appInfoSchema.safeParse(appInfo).success);
    const long = 'https://a.example/' + 'x'.repeat(512 - 18);
    assert.ok(appInfoSchema.safeParse({ frontEndUrl: long }).success);
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ ...appInfo, frontEndUrl: long + 'x' }, 'frontEndUrl'],
      [{ ...appInfo, adminUrl: long + 'x' }, 'adminUrl'],
      [{ ...appInfo, userName: 'u'.repeat(129) }, 'userName'],
      [{ ...appInfo, password: 'p'.repeat(129) }, 'password'],
      [{ ...appInfo, memo: 'm'.repeat(1025) }, 'memo'],
      [{ ...appInfo, frontEndUrl: 'ftp://x' }, 'frontEndUrl'],
      [{ adminUrl: 'https://x' }, 'frontEndUrl'],
      [{ ...appInfo, frontendUrl: 'https://typo' }, ''],
    ];
    for (const [value, path] of cases) {
      const r = appInfoSchema.safeParse(value);
      assert.equal(r.success, false, JSON.stringify(value).slice(0, 80));
      if (!r.success && path) assert.equal(r.error.issues[0]?.path.join('.'), path);
    }
  });

  it('usageInfo: usageValue is Double(12,4) and statisticalTime 17 digits UTC', () => {
    const base = { usageValue: 12.5, statisticalTime: '20240101000000000' };
    assert.ok(usageInfoSchema.safeParse(base).success);
    assert.ok(usageInfoSchema.safeParse({ ...base, usageValue: 99999999.9999, relatedInstanceId: 'r', dashboardUrl: 'https://d' }).success);
    for (const bad of [
      { ...base, usageValue: 1.23456 },
      { ...base, usageValue: -1 },
      { ...base, usageValue: 1e8 },
      { ...base, usageValue: '12' },
      { ...base, statisticalTime: '20240101000000' },
      { ...base, statisticalTime: '20241301000000000' },
      { usageValue: 1 },
      { ...base, usageInfos: [] },
    ]) {
      assert.equal(usageInfoSchema.safeParse(bad).success, false, JSON.stringify(bad));
    }
  });

  it('newInstance response needs instanceId on 000000 and 000004 only', () => {
    assert.ok(newInstanceResponseSchema.safeParse({ resultCode: '000000', resultMsg: 'success.', instanceId: 'i' }).success);
    assert.ok(newInstanceResponseSchema.safeParse({ resultCode: '000100', resultMsg: 'no resource' }).success);
    assert.equal(newInstanceResponseSchema.safeParse({ resultCode: '000000', resultMsg: 'success.' }).success, false);
    assert.equal(newInstanceResponseSchema.safeParse({ resultCode: '000004' }).success, false);
    assert.equal(newInstanceResponseSchema.safeParse({ resultCode: '999999', instanceId: 'i' }).success, false);
    assert.equal(newInstanceResponseSchema.safeParse({ resultCode: '000000', instanceId: 'i', resultMsg: 'm'.repeat(256) }).success, false);
  });

  it('queryInstance response validates nested info, appInfo and usageInfo', () => {
    const good = { resultCode: '000000', resultMsg: 'success.', info: [{ instanceId: 'i', appInfo, usageInfo: [{ usageValue: 1, statisticalTime: '20240101000000000' }] }] };
    assert.ok(queryInstanceResponseSchema.safeParse(good).success);
    const bad = { ...good, info: [{ instanceId: 'i', appInfo: { ...appInfo, userName: 'u'.repeat(129) } }] };
    const r = queryInstanceResponseSchema.safeParse(bad);
    assert.equal(r.success, false);
    if (!r.success) assert.deepEqual(r.error.issues[0]?.path, ['info', 0, 'appInfo', 'userName']);
  });
});

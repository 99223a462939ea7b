import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseJsonValue } from '../../../src/koogallery/canonical-json';
import { KIT_KINDS, kitKindFromPath, kitPath, parseKitBody, type KitKind } from '../../../src/koogallery/kit-schemas';

const TS = '20220413093539534';

// Published examples (docs/protocol/kit.md#tenantsync, docs/protocol/kit.md#singleorgsync, docs/protocol/kit.md#allorgsync) and table-derived bodies for the others.
const VALID: Record<KitKind, Record<string, unknown>> = {
  tenantSync: { instanceId: 'huaiweitest123456', orderId: 'CS1906666666ABCDE', tenantId: '68cbc86****************880d92f36422fa0e', tenantCode: 'huawei', name: 'huaiweitest', domainName: 'https://example.tenantaccount.com', flag: 1, testFlag: 0, timeStamp: TS },
  applicationSync: { instanceId: 'huaiweitest123456', tenantId: 't1', appId: 'app1', clientId: 'client1', clientSecret: 'BASE64==', flag: 1, testFlag: 0, timeStamp: TS },
  authSync: {
    instanceId: 'i1', tenantId: 't1', appId: 'app1', currentSyncTime: TS, flag: 1, testFlag: 0, timeStamp: TS,
    userList: [{ userName: 'zhangsan', name: '张三', orgCode: '10000', role: 'user', enable: 'true' }],
  },
  singleOrgSync: { instanceId: 'hua********23456', tenantId: '68cbc********0d92f36422fa0e', orgCode: '10000', orgName: '开发部', parentCode: '', flag: 1, testFlag: 0, timeStamp: TS },
  allOrgSync: { instanceId: 'i1', tenantId: 't1', orgInfoList: [{ orgCode: '00000001', orgName: '产品部', parentCode: '265789314' }], testFlag: 0, timeStamp: TS },
};

const MANDATORY: Record<KitKind, string[]> = {
  tenantSync: ['tenantId', 'tenantCode', 'name', 'domainName', 'flag', 'timeStamp'],
  applicationSync: ['tenantId', 'appId', 'clientId', 'flag', 'timeStamp'],
  authSync: ['tenantId', 'appId', 'userList', 'currentSyncTime', 'flag', 'timeStamp'],
  singleOrgSync: ['tenantId', 'orgCode', 'orgName', 'flag', 'timeStamp'],
  allOrgSync: ['tenantId', 'orgInfoList', 'timeStamp'],
};

function fails(kind: KitKind, body: unknown, pattern: RegExp): void {
  const r = parseKitBody(kind, body);
  assert.equal(r.ok, false, `expected failure: ${JSON.stringify(body).slice(0, 120)}`);
  if (!r.ok) {
    assert.equal(r.resultCode, '000002');
    assert.match(r.message, pattern);
  }
}

function without(o: Record<string, unknown>, key: string): Record<string, unknown> {
  const { [key]: _removed, ...rest } = o;
  return rest;
}

describe('kit paths', () => {
  it('maps kinds to /produceAPI/v2/<kind> and back, under any production-address prefix', () => {
    for (const kind of KIT_KINDS) {
      assert.equal(kitPath(kind), `/produceAPI/v2/${kind}`);
      assert.equal(kitKindFromPath(kitPath(kind)), kind);
      assert.equal(kitKindFromPath(`/isv/produce${kitPath(kind)}/`), kind);
    }
    for (const p of ['/produceAPI/tenantSync', '/produceAPI/v2/unknownSync', '/produceAPI/v2/tenantSync/x', '/', '']) {
      assert.equal(kitKindFromPath(p), null, p);
    }
  });
});

describe('parseKitBody: every kind', () => {
  for (const kind of KIT_KINDS) {
    describe(kind, () => {
      it('accepts the example body', () => {
        const r = parseKitBody(kind, VALID[kind]);
        assert.ok(r.ok, r.ok ? '' : r.message);
      });

      it('accepts unknown extra fields', () => {
        const r = parseKitBody(kind, { ...VALID[kind], somethingNew: 'x' });
        assert.ok(r.ok && (r.data as Record<string, unknown>).somethingNew === 'x');
      });

      for (const field of MANDATORY[kind]) {
        it(`rejects a missing ${field}`, () => fails(kind, without(VALID[kind], field), new RegExp(`^${field}: is required$`)));
      }

      it('allows an empty or absent instanceId (seller credential debugging)', () => {
        assert.ok(parseKitBody(kind, { ...VALID[kind], instanceId: '' }).ok);
        const r = parseKitBody(kind, without(VALID[kind], 'instanceId'));
        assert.ok(r.ok && r.data.instanceId === '');
      });

      it('enforces tenantId ≤ 64', () => fails(kind, { ...VALID[kind], tenantId: 't'.repeat(65) }, /^tenantId: must be at most 64 characters$/));

      it('normalises testFlag "1" to 1 and rejects 2', () => {
        const r = parseKitBody(kind, { ...VALID[kind], testFlag: '1' });
        assert.ok(r.ok && r.data.testFlag === 1);
        fails(kind, { ...VALID[kind], testFlag: 2 }, /^testFlag: must be one of 0, 1$/);
      });

      it('validates timeStamp as a UTC+8 yyyyMMddHHmmssSSS time', () => {
        fails(kind, { ...VALID[kind], timeStamp: '20221313093539534' }, /^timeStamp: must be yyyyMMddHHmmssSSS \(UTC\+8\): invalid month 13$/);
      });
    });
  }
});

describe('parseKitBody: kind-specific rules', () => {
  it('tenantSync: flag 0/1/2 (number or digit string), nothing else', () => {
    for (const flag of [0, 1, 2, '2']) assert.ok(parseKitBody('tenantSync', { ...VALID.tenantSync, flag }).ok, String(flag));
    for (const flag of [3, -1, 'add', 1.5, true]) fails('tenantSync', { ...VALID.tenantSync, flag }, /^flag: must be one of 0, 1, 2$/);
  });

  it('tenantSync: name and domainName up to 255', () => {
    assert.ok(parseKitBody('tenantSync', { ...VALID.tenantSync, name: 'n'.repeat(255) }).ok);
    fails('tenantSync', { ...VALID.tenantSync, domainName: 'd'.repeat(256) }, /^domainName: must be at most 255 characters$/);
  });

  it('applicationSync: clientSecret required unless the credential is deleted', () => {
    fails('applicationSync', without(VALID.applicationSync, 'clientSecret'), /^clientSecret: is required unless flag is 0$/);
    fails('applicationSync', { ...VALID.applicationSync, flag: 2, clientSecret: '' }, /^clientSecret: is required unless flag is 0$/);
    assert.ok(parseKitBody('applicationSync', { ...without(VALID.applicationSync, 'clientSecret'), flag: 0 }).ok);
  });

  it('authSync: userList as a JSON array or as a JSON string', () => {
    const asString = { ...VALID.authSync, userList: JSON.stringify(VALID.authSync.userList) };
    for (const body of [VALID.authSync, asString]) {
      const r = parseKitBody('authSync', body);
      assert.ok(r.ok && r.kind === 'authSync');
      assert.equal(r.data.userList[0]?.userName, 'zhangsan');
      assert.equal(r.data.userList[0]?.enable, true);
    }
  });

  it('authSync: reads extension fields from the top level or from extension (object or string)', () => {
    const v1User = { userName: 'u', name: 'n', orgCode: '1', role: 'Admin', enable: 'false', extension: { entryDate: '2022-11-9', employeeType: '4', workPlace: '南京' } };
    const stringExt = { ...v1User, extension: JSON.stringify(v1User.extension) };
    const topLevel = { userName: 'u', name: 'n', orgCode: '1', role: 'admin', enable: false, employeeType: 2, workPlace: '上海', extension: { workPlace: '南京' } };
    const r = parseKitBody('authSync', { ...VALID.authSync, userList: [v1User, stringExt, topLevel] });
    assert.ok(r.ok && r.kind === 'authSync', r.ok ? '' : r.message);
    const [a, b, c] = r.data.userList;
    assert.deepEqual([a?.employeeType, a?.workPlace, a?.entryDate, a?.role, a?.enable], [4, '南京', '2022-11-9', 'admin', false]);
    assert.deepEqual([b?.employeeType, b?.workPlace, b?.entryDate], [4, '南京', '2022-11-9']);
    // The top level wins over extension.
    assert.deepEqual([c?.employeeType, c?.workPlace], [2, '上海']);
  });

  it('authSync: flag 3 (取消授权) is accepted', () => {
    assert.ok(parseKitBody('authSync', { ...VALID.authSync, flag: 3 }).ok);
  });

  it('authSync: at most 500 users', () => {
    const user = (VALID.authSync.userList as unknown[])[0] as Record<string, unknown>;
    const users = (n: number) => Array.from({ length: n }, (_, i) => ({ ...user, userName: `u${i}` }));
    assert.ok(parseKitBody('authSync', { ...VALID.authSync, userList: users(500) }).ok);
    fails('authSync', { ...VALID.authSync, userList: users(501) }, /^userList: must hold at most 500 entries$/);
    fails('authSync', { ...VALID.authSync, userList: JSON.stringify(users(501)) }, /^userList: must hold at most 500 entries$/);
  });

  it('authSync: reports the failing user field with its index', () => {
    const bad = [{ userName: 'u', name: 'n', role: 'owner', enable: 'yes' }];
    fails('authSync', { ...VALID.authSync, userList: bad }, /^userList\.0\.role: must be one of user, admin; userList\.0\.enable: must be "true" or "false"$/);
    fails('authSync', { ...VALID.authSync, userList: [{ ...(VALID.authSync.userList as object[])[0], userName: 'x'.repeat(65) }] }, /^userList\.0\.userName: must be at most 64 characters$/);
    fails('authSync', { ...VALID.authSync, userList: 'not json' }, /^userList: must be a JSON array/);
    fails('authSync', { ...VALID.authSync, userList: { userName: 'u' } }, /^userList: must be a JSON array/);
  });

  it('singleOrgSync: empty parentCode means top level; orgName ≤ 128', () => {
    const r = parseKitBody('singleOrgSync', VALID.singleOrgSync);
    assert.ok(r.ok && r.kind === 'singleOrgSync' && r.data.parentCode === undefined);
    fails('singleOrgSync', { ...VALID.singleOrgSync, orgName: 'o'.repeat(129) }, /^orgName: must be at most 128 characters$/);
  });

  it('allOrgSync: parses the published example with orgInfoList as a string with unquoted keys', () => {
    const raw =
      '{"instanceId":"hua******t123456","tenantId":"68cbc8******b880d92f36422fa0e","orgInfoList":"[{orgCode:\\"00000001\\", orgName:\\"产品部\\", parentCode:\\"265789314\\" },{orgCode:\\"00000002\\", orgName:\\"测试部\\", parentCode:\\"265789314\\" }]","flag":1,"testFlag":0,"timeStamp":"20220413093539534"}';
    const r = parseKitBody('allOrgSync', parseJsonValue(raw));
    assert.ok(r.ok && r.kind === 'allOrgSync', r.ok ? '' : r.message);
    assert.deepEqual(
      r.data.orgInfoList.map((o) => [o.orgCode, o.orgName, o.parentCode]),
      [['00000001', '产品部', '265789314'], ['00000002', '测试部', '265789314']],
    );
    assert.equal(r.data.flag, 1);
  });

  it('allOrgSync: accepts a strict JSON string and the V1 `name` spelling', () => {
    const r = parseKitBody('allOrgSync', { ...VALID.allOrgSync, orgInfoList: '[{"orgCode":"1","name":"研发部"}]' });
    assert.ok(r.ok && r.kind === 'allOrgSync');
    assert.equal(r.data.orgInfoList[0]?.orgName, '研发部');
  });

  it('allOrgSync: rejects entries without orgCode', () => {
    fails('allOrgSync', { ...VALID.allOrgSync, orgInfoList: [{ orgName: 'x' }] }, /^orgInfoList\.0\.orgCode: is required$/);
  });

  it('rejects a non-object body', () => {
    fails('tenantSync', [VALID.tenantSync], /^body: must be a JSON object$/);
  });
});

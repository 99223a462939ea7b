import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  canonicalPayload,
  canonicalPayloads,
  jacksonQuote,
  MalformedJsonError,
  parseJsonValue,
  parseRawJson,
  stringifyAsciiJson,
  stringifyDeepSorted,
  stringifyTopSorted,
  toPlainValue,
} from '../../../src/koogallery/canonical-json';

describe('parseRawJson', () => {
  it('keeps raw literal text next to the decoded value', () => {
    const node = parseRawJson('{"a\\/b":"x\\u4e2d\\/","n":1.0,"e":1e3,"neg":-0.50,"t":true,"z":null}');
    assert.equal(node.kind, 'object');
    if (node.kind !== 'object') return;
    const [k, n, e, neg, t, z] = node.entries;
    assert.deepEqual([k?.rawKey, k?.key], ['"a\\/b"', 'a/b']);
    assert.deepEqual(k?.value, { kind: 'string', raw: '"x\\u4e2d\\/"', value: 'x中/' });
    assert.deepEqual(n?.value, { kind: 'number', raw: '1.0', value: 1 });
    assert.deepEqual(e?.value, { kind: 'number', raw: '1e3', value: 1000 });
    assert.deepEqual(neg?.value, { kind: 'number', raw: '-0.50', value: -0.5 });
    assert.deepEqual(t?.value, { kind: 'boolean', raw: 'true', value: true });
    assert.deepEqual(z?.value, { kind: 'null', raw: 'null', value: null });
  });

  it('keeps object entries in received order', () => {
    const node = parseRawJson('{"z":1,"a":2,"m":3}');
    assert.ok(node.kind === 'object');
    assert.deepEqual(node.entries.map((e) => e.key), ['z', 'a', 'm']);
  });

  it('decodes every escape the way JSON.parse does', () => {
    const text = '"q\\" b\\\\ s\\/ \\b\\f\\n\\r\\t \\u00e9 \\ud83d\\ude00 \\ud800 end"';
    assert.equal(parseJsonValue(text), JSON.parse(text));
  });

  it('agrees with JSON.parse on a mixed document', () => {
    const text = ' {"a":[1,-2.5e-3,{"b":[]},{}],"c":"中文","d":false,"e":null} \n';
    assert.deepEqual(parseJsonValue(text), JSON.parse(text));
  });

  it('turns a __proto__ key into an own property, never a prototype', () => {
    const v = parseJsonValue('{"__proto__":{"polluted":true}}') as Record<string, unknown>;
    assert.equal(Object.getPrototypeOf(v), Object.prototype);
    assert.deepEqual(Object.keys(v), ['__proto__']);
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
  });

  it('skips a leading BOM', () => {
    assert.deepEqual(parseJsonValue('\ufeff{"a":1}'), { a: 1 });
  });

  const malformed: Array<[string, string, number]> = [
    ['empty', '', 0],
    ['whitespace only', '   ', 3],
    ['unterminated object', '{"a":1', 6],
    ['trailing garbage', '{"a":1} x', 8],
    ['two documents', '{}{}', 2],
    ['trailing comma', '{"a":1,}', 7],
    ['single quotes', "{'a':1}", 1],
    ['unquoted key', '{a:1}', 1],
    ['leading zero', '{"a":01}', 6],
    ['bare minus', '{"a":-}', 5],
    ['dangling exponent', '{"a":1e}', 6],
    ['NaN', '{"a":NaN}', 5],
    ['bad escape', '{"a":"\\x"}', 6],
    ['short unicode escape', '{"a":"\\u12"}', 6],
    ['raw control character', '{"a":"x\ny"}', 7],
    ['unterminated string', '{"a":"abc', 9],
    ['duplicate key', '{"a":1,"a":2}', 7],
    ['duplicate after unescaping', '{"a/":1,"a\\/":2}', 8],
    ['truncated literal', '{"a":tru}', 5],
  ];
  for (const [name, text, position] of malformed) {
    it(`rejects ${name} with a position`, () => {
      assert.throws(
        () => parseRawJson(text),
        (err: unknown) => err instanceof MalformedJsonError && err.position === position && err.message.includes(`position ${position}`),
      );
    });
  }

  it('rejects nesting deeper than the limit instead of overflowing the stack', () => {
    assert.throws(() => parseRawJson('['.repeat(100_000)), MalformedJsonError);
    assert.doesNotThrow(() => parseRawJson('['.repeat(50) + ']'.repeat(50)));
    assert.throws(() => parseRawJson('[[[1]]]', { maxDepth: 1 }), MalformedJsonError);
  });

  it('accepts bare keys only when asked (lenient orgInfoList form)', () => {
    const text = '[{orgCode:"00000001", orgName:"产品部", parentCode:"265789314" }]';
    assert.throws(() => parseRawJson(text), MalformedJsonError);
    assert.deepEqual(parseJsonValue(text, { allowUnquotedKeys: true }), [{ orgCode: '00000001', orgName: '产品部', parentCode: '265789314' }]);
  });
});

describe('canonicalPayloads', () => {
  it('returns a marketplace body unchanged as the primary candidate', () => {
    const body = '{"activity":"newInstance","businessId":"87b94795-0603-4e24-8ae5-69420d60e3c8","orderId":"CS2211181819B4LVS","orderLineId":"CS2211181819B4LVS-000001","testFlag":"1"}';
    assert.deepEqual(canonicalPayloads(body), [body]);
    assert.equal(canonicalPayload(body), body);
  });

  it('sorts top-level keys by UTF-16 code unit (Java TreeMap), drops top-level nulls, removes whitespace', () => {
    const body = '{ "b" : "2", "B":"u", "a":null, "_":"x", "中":"c", "\\ud83d\\ude00":"e", "\uff5e":"f" }';
    // '\ud83d' (0xD83D) sorts before U+FF5E in UTF-16 order, although U+1F600 > U+FF5E as a code point.
    assert.equal(canonicalPayload(body), '{"B":"u","_":"x","b":"2","中":"c","\\ud83d\\ude00":"e","\uff5e":"f"}');
  });

  it('keeps Chinese text, \\u escapes, \\/ and number literals byte for byte in the primary candidate', () => {
    const body = '{"memo":"中文","esc":"\\u4e2d\\u6587","url":"https:\\/\\/a.example\\/x","n1":1.0,"n2":1e3,"n3":-0,"n4":12345678901234567890}';
    const primary = canonicalPayload(body);
    assert.equal(primary, '{"esc":"\\u4e2d\\u6587","memo":"中文","n1":1.0,"n2":1e3,"n3":-0,"n4":12345678901234567890,"url":"https:\\/\\/a.example\\/x"}');
    // What a JSON.parse/JSON.stringify round trip would have produced instead — it loses the literals.
    const naive = JSON.stringify(Object.fromEntries(Object.entries(JSON.parse(body)).sort(([a], [b]) => (a < b ? -1 : 1))));
    assert.notEqual(primary, naive);
  });

  it('emits nested objects, arrays and nested JSON strings compactly in received order, nested nulls kept', () => {
    const body = '{"z":{"y":1, "x":[ {"b":null,"a":"\\/"} ]},"a":"[{\\"name\\":\\"k\\",\\"value\\":\\"v\\"}]"}';
    assert.equal(canonicalPayload(body), '{"a":"[{\\"name\\":\\"k\\",\\"value\\":\\"v\\"}]","z":{"y":1,"x":[{"b":null,"a":"\\/"}]}}');
  });

  it('offers the Map<String,String> variant with top-level scalars as strings', () => {
    const body = '{"testFlag":0,"flag":1,"ratio":1.50,"on":true,"s":"x","o":{"k":1}}';
    const [primary, stringified] = canonicalPayloads(body);
    assert.equal(primary, '{"flag":1,"o":{"k":1},"on":true,"ratio":1.50,"s":"x","testFlag":0}');
    assert.equal(stringified, '{"flag":"1","o":{"k":1},"on":"true","ratio":"1.50","s":"x","testFlag":"0"}');
  });

  it('offers a Jackson re-encoding of every string, at every depth, keys included', () => {
    const body = '{"k\\/":"a\\/b\\u4e2d\\u00e9\\u001f\\u0008\\u000a\\"\\\\\\u2028","n":{"x\\u0041":["\\t"]}}';
    const candidates = canonicalPayloads(body);
    assert.ok(candidates.includes('{"k/":"a/b中é\\u001F\\b\\n\\"\\\\\u2028","n":{"xA":["\\t"]}}'), candidates.join('\n'));
  });

  it('de-duplicates candidates and lists the primary first', () => {
    const all = canonicalPayloads('{"b":"1","a":"2"}', { sortNested: true });
    assert.deepEqual(all, ['{"a":"2","b":"1"}']);
  });

  it('adds nested-sorted variants only with sortNested', () => {
    const body = '{"userList":[{"userName":"u","name":"n","extension":{"z":1,"a":2}}],"flag":1}';
    const sortedNested = '{"flag":1,"userList":[{"extension":{"a":2,"z":1},"name":"n","userName":"u"}]}';
    assert.ok(!canonicalPayloads(body).includes(sortedNested));
    const withNested = canonicalPayloads(body, { sortNested: true });
    assert.ok(withNested.includes(sortedNested));
    assert.equal(withNested[0], '{"flag":1,"userList":[{"userName":"u","name":"n","extension":{"z":1,"a":2}}]}');
  });

  it('writes an empty or all-null object as {}', () => {
    assert.equal(canonicalPayload('{}'), '{}');
    assert.equal(canonicalPayload('{"a":null}'), '{}');
  });

  for (const [name, text] of [
    ['array', '[1,2]'],
    ['string', '"x"'],
    ['number', '1'],
    ['null', 'null'],
  ] as const) {
    it(`rejects a top-level ${name}`, () => {
      assert.throws(() => canonicalPayloads(text), (err: unknown) => err instanceof MalformedJsonError && /object/.test(err.message));
    });
  }

  it('rejects malformed JSON', () => {
    assert.throws(() => canonicalPayloads('{"a":1'), MalformedJsonError);
  });
});

describe('jacksonQuote', () => {
  const table: Array<[string, string]> = [
    ['plain', '"plain"'],
    ['a/b', '"a/b"'],
    ['中文', '"中文"'],
    ['q"b\\', '"q\\"b\\\\"'],
    ['\b\t\n\f\r', '"\\b\\t\\n\\f\\r"'],
    ['\u0000\u001f\u000b', '"\\u0000\\u001F\\u000B"'],
    ['\u007f\u2028', '"\u007f\u2028"'],
    ['😀', '"😀"'],
    ['x\ud800y', '"x?y"'],
    ['\udc00', '"?"'],
  ];
  for (const [input, expected] of table) {
    it(`quotes ${JSON.stringify(input)}`, () => assert.equal(jacksonQuote(input), expected));
  }
  it('agrees with JSON.stringify except for the documented differences', () => {
    for (let c = 0x20; c < 0x3000; c++) {
      if (c >= 0xd800 && c <= 0xdfff) continue;
      const s = String.fromCharCode(c);
      assert.equal(jacksonQuote(s), JSON.stringify(s), `char ${c.toString(16)}`);
    }
  });
});

describe('serialisers', () => {
  it('stringifyTopSorted sorts only the top level and drops null/undefined', () => {
    assert.equal(stringifyTopSorted({ b: 1, a: { z: 1, y: 2 }, c: null, d: undefined }), '{"a":{"z":1,"y":2},"b":1}');
  });

  it('stringifyDeepSorted sorts keys at every depth and keeps array order', () => {
    assert.equal(
      stringifyDeepSorted({ usage_records: [{ metering_sn: 's', instance_id: 'i', begin_time: 'b' }, { b: 1, a: 2 }] }),
      '{"usage_records":[{"begin_time":"b","instance_id":"i","metering_sn":"s"},{"a":2,"b":1}]}',
    );
  });

  it('stringifyAsciiJson escapes non-ASCII as \\uXXXX and stays equivalent JSON', () => {
    const value = { memo: '创建实例成功', emoji: '😀', plain: 'a/b' };
    const text = stringifyAsciiJson(value);
    assert.equal(text, '{"memo":"\\u521b\\u5efa\\u5b9e\\u4f8b\\u6210\\u529f","emoji":"\\ud83d\\ude00","plain":"a/b"}');
    assert.ok(/^[\x20-\x7e]*$/.test(text));
    assert.deepEqual(JSON.parse(text), value);
  });

  it('toPlainValue mirrors JSON.parse', () => {
    const text = '{"a":[{"b":"\\u4e2d"}],"n":1.0}';
    assert.deepEqual(toPlainValue(parseRawJson(text)), JSON.parse(text));
  });
});

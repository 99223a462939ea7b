/**
 * A deterministic generator of hostile marketplace bodies for the fuzz suite
 * (tests/integration/marketplace-fuzz.test.ts): a seeded PRNG picks an activity or Kit template
 * with valid fields, then mutates fields (NUL, lone surrogates, `__proto__`, wrong types, over-long
 * strings, huge numbers, deep nesting) and sometimes the text itself (cut, junk, duplicate keys).
 * Bodies are built as JSON text, so they can hold what JSON.stringify never writes.
 */
import { seededRandom } from "~/koogallery/seeded-random";

/** The fuzz run's PRNG: the same seed gives the same run. */
export const prng = seededRandom;

export class Fuzz {
  readonly rnd: () => number;
  constructor(
    seed: number,
    /** Instance ids that exist, so that activities on known instances run too. */
    readonly knownIds: string[] = [],
  ) {
    this.rnd = prng(seed);
  }

  int(n: number): number {
    return Math.floor(this.rnd() * n);
  }
  chance(p: number): boolean {
    return this.rnd() < p;
  }
  pick<T>(xs: readonly T[]): T {
    return xs[this.int(xs.length)]!;
  }

  /** Strings PostgreSQL, JSON or JavaScript objects find hard. */
  nastyString(): string {
    const base = this.pick([
      "",
      "a",
      "\u0000",
      "x\u0000y",
      "\ud800",
      "\udc00",
      "a\ud800b",
      "\udfff\ud800",
      "😀",
      "中文名称",
      "\u2028\u2029",
      "\ufeff",
      "\\",
      '"',
      "x".repeat(65),
      "y".repeat(300),
      "__proto__",
      "constructor",
      "toString",
      "1",
      "0",
      "true",
      "null",
      "20991231235959",
      "20991231235959999",
      "19700101000000",
      "RENEWAL",
      "FREEZE",
      "admin",
      ...this.knownIds,
    ]);
    return this.chance(0.2) ? base + String(this.int(1000)) : base;
  }

  /** JSON text of a string value: escaped like JSON.stringify, or with raw characters inside. */
  stringText(s: string): string {
    if (this.chance(0.15)) return `"${s.replace(/["\\]/g, "\\$&").replace(/[\u0000-\u001f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`)}"`;
    return JSON.stringify(s);
  }

  /** JSON text of any value, nested up to `depth`. */
  valueText(depth = 0): string {
    const kind = this.int(depth > 3 ? 6 : 10);
    switch (kind) {
      case 0:
      case 1:
      case 2:
        return this.stringText(this.nastyString());
      case 3:
        return this.pick(["0", "1", "-1", "2", "1.0", "1e400", "-0", "12345678901234567890", "0.1", "3"]);
      case 4:
        return this.pick(["true", "false", "null"]);
      case 5:
        return this.pick(['{"__proto__":null}', '{"__proto__":{"polluted":"yes"}}', '{"constructor":{"prototype":1}}', '{"toString":1}', "[]", "{}"]);
      case 6:
      case 7:
        return this.objectText(this.int(4), depth + 1);
      case 8:
        return `[${Array.from({ length: this.int(4) }, () => this.valueText(depth + 1)).join(",")}]`;
      default:
        return "[".repeat(40) + "]".repeat(40);
    }
  }

  objectText(n: number, depth: number): string {
    const entries = Array.from({ length: n }, () => `${this.stringText(this.pick(["k", "__proto__", "name", "\u0000", "\ud800", "password", "a"]) + this.int(3))}:${this.valueText(depth)}`);
    return `{${entries.join(",")}}`;
  }

  /**
   * A body from valid fields: each field may be replaced by a hostile value or dropped, and
   * hostile keys added; the result may then be cut, padded or replaced as text.
   */
  body(fields: Record<string, string>): string {
    const entries: Array<[string, string]> = [];
    for (const [k, v] of Object.entries(fields)) {
      if (this.chance(0.06)) continue;
      entries.push([JSON.stringify(k), this.chance(0.18) ? this.valueText() : v]);
    }
    const extra = this.int(3);
    for (let i = 0; i < extra; i++) {
      entries.push([this.stringText(this.pick(["__proto__", "constructor", "extension", "memo", "\u0000", "\ud800x", "testFlag", "x"]) + (this.chance(0.5) ? "" : String(i))), this.valueText()]);
    }
    let text = `{${entries.map(([k, v]) => `${k}:${v}`).join(",")}}`;
    const textMutation = this.int(20);
    if (textMutation === 0) text = text.slice(0, this.int(text.length));
    else if (textMutation === 1) text = `[${text}]`;
    else if (textMutation === 2) text = this.pick(["", "null", "42", '"str"', "{not json", "\u0000", "\ud800", "{}", "[]"]);
    else if (textMutation === 3 && entries.length > 0) text = `{${entries.map(([k, v]) => `${k}:${v}`).join(",")},${entries[0]![0]}:${entries[0]![1]}}`;
    else if (textMutation === 4) text = ` \n${text}\t`;
    return text;
  }
}

/** Valid field values (as JSON text) of each base activity. */
export function baseTemplate(f: Fuzz, orderSeq: number): Record<string, string> {
  const order = `CSFUZZ${orderSeq}`;
  const id = () => JSON.stringify(f.pick(f.knownIds.length ? f.knownIds : ["unknown-instance"]));
  const activity = f.pick(["newInstance", "newInstance", "queryInstance", "refreshInstance", "updateInstanceStatus", "releaseInstance", "upgradeInstance", "upgrade", "changeInstanceCheck", "noSuchActivity"]);
  const common = { activity: JSON.stringify(activity), testFlag: f.pick(['"0"', '"1"', "1"]) };
  switch (activity) {
    case "newInstance":
      return { ...common, orderId: JSON.stringify(order), orderLineId: JSON.stringify(`${order}-000001`), businessId: JSON.stringify(`biz-${orderSeq}`), customerName: '"张三"' };
    case "queryInstance":
      return { ...common, instanceId: id() };
    case "refreshInstance":
      return { ...common, instanceId: id(), orderId: JSON.stringify(order), orderLineId: JSON.stringify(`${order}-1`), scene: '"RENEWAL"', expireTime: '"20991231235959"' };
    case "updateInstanceStatus":
      return { ...common, instanceId: id(), status: f.pick(['"FREEZE"', '"UNFREEZE"']) };
    case "releaseInstance":
      return { ...common, instanceId: id() };
    case "upgradeInstance":
    case "upgrade":
      return { ...common, instanceId: id(), orderId: JSON.stringify(order), orderLineId: JSON.stringify(`${order}-1`) };
    case "changeInstanceCheck":
      return { ...common, instanceId: id(), productInfo: '{"skuCode":"sku-1"}' };
    default:
      return common;
  }
}

export const KIT_FUZZ_KINDS = ["tenantSync", "applicationSync", "authSync", "singleOrgSync", "allOrgSync", "noSuchSync"] as const;

/** Valid field values (as JSON text) of each Kit interface. */
export function kitTemplate(f: Fuzz, kind: (typeof KIT_FUZZ_KINDS)[number], seq: number, timeStamp: string): Record<string, string> {
  const common = { instanceId: '"inst-fuzz"', tenantId: JSON.stringify(`tenant-${seq % 7}`), testFlag: f.pick(["0", "1"]), timeStamp: JSON.stringify(timeStamp) };
  // Nested values may be hostile too: inside a list sent as a JSON string they reach the schemas
  // only after the pipeline's first pass over the body.
  const user = () => `{"userName":${f.chance(0.3) ? f.stringText(f.nastyString()) : JSON.stringify(`u${f.int(5)}`)},"name":${f.stringText(f.nastyString())},"orgCode":"1","role":"user","enable":"true"}`;
  switch (kind) {
    case "tenantSync":
      return { ...common, orderId: '""', tenantCode: '"code"', name: '"企业"', domainName: '"https://t.example.com"', flag: f.pick(["0", "1", "2"]) };
    case "applicationSync":
      // Deleting needs no secret; a junk secret must answer 000101, never 000005.
      return { ...common, appId: '"app-1"', clientId: '"client-1"', flag: f.pick(["0", "1"]), clientSecret: '"bm90LXJzYQ=="' };
    case "authSync": {
      const list = `[${user()},${user()}]`;
      return { ...common, appId: '"app-1"', flag: f.pick(["0", "1", "2", "3"]), currentSyncTime: JSON.stringify(timeStamp), userList: f.chance(0.5) ? list : JSON.stringify(list) };
    }
    case "singleOrgSync":
      return { ...common, orgCode: '"10"', orgName: '"部门"', parentCode: '"1"', flag: f.pick(["0", "1", "2"]) };
    case "allOrgSync": {
      const list = '[{"orgCode":"1","orgName":"总部"},{"orgCode":"2","orgName":"分部","parentCode":"1"}]';
      return { ...common, flag: "1", orgInfoList: f.chance(0.5) ? list : JSON.stringify(list) };
    }
    default:
      return common;
  }
}

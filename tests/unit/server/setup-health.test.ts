/**
 * The /admin "Setup & health" checks over environment variants built with parseEnv: development
 * defaults, a production-like good configuration, and each way a marketplace setup silently goes
 * wrong (missing or short RSA key, the emulator on in production, http APP_URL, 查询订单 off …).
 * Also: the public key shown is the private key's own, no check ever carries a secret, the traffic
 * checks, and the one-line boot warning.
 */
import assert from "node:assert/strict";
import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync } from "node:crypto";
import { describe, it } from "node:test";
import { parseEnv, type Env } from "~/env";
import type { PrismaClient } from "~/generated/prisma/client";
import {
  bootProblemLine,
  configChecks,
  inspectRsaKey,
  setupHealth,
  trafficChecks,
  type CheckStatus,
  type SetupCheck,
  type TrafficFigures,
} from "~/server/setup-health";
import { renderSetupText, type SetupText } from "~/server/setup-health/messages";
import { adminMessageKey, getAdminTranslator } from "~/i18n/admin/dictionary";

const rsa = (bits: number) =>
  generateKeyPairSync("rsa", {
    modulusLength: bits,
    publicKeyEncoding: { type: "spki", format: "pem" },
    privateKeyEncoding: { type: "pkcs8", format: "pem" },
  });
const KEY_3072 = rsa(3072);
const KEY_2048 = rsa(2048);
const EC_KEY = generateKeyPairSync("ec", { namedCurve: "P-256", privateKeyEncoding: { type: "pkcs8", format: "pem" }, publicKeyEncoding: { type: "spki", format: "pem" } });

const SECRETS = {
  NEXTAUTH_SECRET: "unit-nextauth-secret-0123456789abcdef",
  DATA_ENCRYPTION_KEY: Buffer.alloc(32, 9).toString("base64"),
  STAFF_PASSWORD: "unit-staff-password-xyz",
  KOOGALLERY_ACCESS_KEY: "unit-base-access-key-4242",
  KOOGALLERY_OPENAPI_AK: "UNITOPENAPIAK0000042",
  KOOGALLERY_OPENAPI_SK: "unit-openapi-sk-secret-4242",
};

/** Everything a production server needs, set right. */
const GOOD: Record<string, string> = {
  NODE_ENV: "production",
  ...SECRETS,
  APP_URL: "https://saas.example.com",
  KOOGALLERY_RSA_PRIVATE_KEY: KEY_3072.privateKey,
  KOOGALLERY_APP_ID: "app-0001",
  KOOGALLERY_QUERY_ORDER: "true",
  USAGE_PUSH_ENABLED: "true",
};

const statusOf = (checks: SetupCheck[], id: string): CheckStatus | undefined => checks.find((c) => c.id === id)?.status;

/** Every key a check's texts use, nested ones included. */
function keysOf(t: SetupText): string[] {
  const nested = Object.values(t.params ?? {}).flatMap((p) => (Array.isArray(p) ? p.flatMap(keysOf) : typeof p === "object" ? keysOf(p) : []));
  return [t.key, ...nested];
}

/**
 * The console can word every check in both languages: each key is in the admin dictionary, no
 * placeholder is left unfilled, the English equals the check's English strings, and the Chinese
 * rendering differs from it (so it is not English by accident).
 */
function assertRenderable(checks: SetupCheck[]): void {
  for (const c of checks) {
    const texts = [c.text.title, c.text.detail, ...(c.text.fix ? [c.text.fix] : [])];
    for (const t of texts) for (const k of keysOf(t)) assert.ok(adminMessageKey(k), `${c.id}: ${k} is not in the admin dictionary`);
    for (const locale of ["en", "zh-CN"] as const) {
      const tr = getAdminTranslator(locale);
      const say = (t: SetupText) => renderSetupText(t, (key, vars) => (adminMessageKey(key) ? tr(adminMessageKey(key)!, vars) : null));
      const [title, detail, fix] = texts.map(say);
      for (const s of [title, detail, fix ?? ""]) assert.doesNotMatch(s!, /\{[a-zA-Z]+\}/, `${c.id} ${locale}: ${s}`);
      if (locale === "en") assert.deepEqual([title, detail, fix], [c.title, c.detail, c.fix], `${c.id}: the console's English is the server's`);
      else assert.notEqual(title, c.title, `${c.id}: the Chinese title is translated`);
    }
  }
}

interface Variant {
  name: string;
  vars: Record<string, string>;
  /** Expected status per check id (the checks not named are not asserted). */
  expect: Record<string, CheckStatus>;
  /** Check ids whose status must be "problem" — and no others. */
  problems: string[];
}

const VARIANTS: Variant[] = [
  {
    name: "development defaults",
    vars: { NODE_ENV: "development" },
    expect: {
      "app-url": "warn",
      "production-address": "info",
      "access-key": "warn",
      "kit-key": "info",
      "signature-window": "ok",
      "rsa-key": "warn",
      "app-id": "info",
      "login-callback": "info",
      "oneaccess-emulator": "ok",
      "query-order": "info",
      "openapi-credentials": "info",
      "usage-push": "info",
      "openapi-endpoint": "info",
      "billing-worker": "ok",
    },
    problems: [],
  },
  {
    name: "production-like good configuration",
    vars: GOOD,
    expect: {
      "app-url": "ok",
      "access-key": "ok",
      "kit-key": "info",
      "signature-window": "ok",
      "rsa-key": "ok",
      "app-id": "ok",
      "oneaccess-emulator": "ok",
      "query-order": "ok",
      "openapi-credentials": "ok",
      "usage-push": "ok",
      "openapi-endpoint": "ok",
      "billing-worker": "ok",
    },
    problems: [],
  },
  {
    name: "missing RSA key (production)",
    vars: { ...GOOD, KOOGALLERY_RSA_PRIVATE_KEY: "" },
    expect: { "rsa-key": "problem" },
    problems: ["rsa-key"],
  },
  { name: "2048-bit RSA key", vars: { ...GOOD, KOOGALLERY_RSA_PRIVATE_KEY: KEY_2048.privateKey }, expect: { "rsa-key": "problem" }, problems: ["rsa-key"] },
  { name: "2048-bit RSA key in development", vars: { KOOGALLERY_RSA_PRIVATE_KEY: KEY_2048.privateKey }, expect: { "rsa-key": "problem" }, problems: ["rsa-key"] },
  { name: "an EC key", vars: { ...GOOD, KOOGALLERY_RSA_PRIVATE_KEY: EC_KEY.privateKey }, expect: { "rsa-key": "problem" }, problems: ["rsa-key"] },
  {
    name: "an unreadable key",
    vars: { ...GOOD, KOOGALLERY_RSA_PRIVATE_KEY: "-----BEGIN PRIVATE KEY-----\nnot a key\n-----END PRIVATE KEY-----" },
    expect: { "rsa-key": "problem" },
    problems: ["rsa-key"],
  },
  { name: "emulator on in production", vars: { ...GOOD, ONEACCESS_EMULATOR: "1" }, expect: { "oneaccess-emulator": "problem" }, problems: ["oneaccess-emulator"] },
  { name: "emulator on in development", vars: { ONEACCESS_EMULATOR: "1" }, expect: { "oneaccess-emulator": "info" }, problems: [] },
  { name: "http APP_URL in production", vars: { ...GOOD, APP_URL: "http://saas.example.com" }, expect: { "app-url": "problem" }, problems: ["app-url"] },
  { name: "https APP_URL on an IP", vars: { ...GOOD, APP_URL: "https://203.0.113.7" }, expect: { "app-url": "problem" }, problems: ["app-url"] },
  { name: "http APP_URL in development", vars: { APP_URL: "http://localhost:3000" }, expect: { "app-url": "warn" }, problems: [] },
  {
    name: "查询订单 off in production",
    vars: { ...GOOD, KOOGALLERY_QUERY_ORDER: "false", KOOGALLERY_OPENAPI_AK: "", KOOGALLERY_OPENAPI_SK: "" },
    expect: { "query-order": "warn", "openapi-credentials": "info" },
    problems: [],
  },
  {
    name: "usage push on with the development key",
    vars: { NODE_ENV: "development", USAGE_PUSH_ENABLED: "1" },
    expect: { "usage-push": "warn", "openapi-endpoint": "ok" },
    problems: [],
  },
  { name: "usage push off in production", vars: { ...GOOD, USAGE_PUSH_ENABLED: "false" }, expect: { "usage-push": "warn" }, problems: [] },
  {
    name: "open API endpoint is the http mock in production",
    vars: { ...GOOD, KOOGALLERY_OPENAPI_ENDPOINT: "http://127.0.0.1:3199" },
    expect: { "openapi-endpoint": "problem" },
    problems: ["openapi-endpoint"],
  },
  { name: "unknown open API host", vars: { ...GOOD, KOOGALLERY_OPENAPI_ENDPOINT: "https://mkt.example.net" }, expect: { "openapi-endpoint": "warn" }, problems: [] },
  {
    name: "a separate Kit key, a wide signature window, the worker outside the server",
    vars: { ...GOOD, KOOGALLERY_KIT_ACCESS_KEY: "unit-kit-key-777", KOOGALLERY_SIGNATURE_WINDOW_SECONDS: "900", BILLING_WORKER_IN_SERVER: "false" },
    expect: { "kit-key": "info", "signature-window": "warn", "billing-worker": "info" },
    problems: [],
  },
  {
    name: "dev access key allowed in production (ALLOW_DEV_SECRETS)",
    vars: { ...GOOD, KOOGALLERY_ACCESS_KEY: "", ALLOW_DEV_SECRETS: "1" },
    expect: { "access-key": "problem", "usage-push": "problem" },
    problems: ["access-key", "usage-push"],
  },
  { name: "no appId in production", vars: { ...GOOD, KOOGALLERY_APP_ID: "" }, expect: { "app-id": "warn" }, problems: [] },
];

const ALL_IDS = [
  "app-url",
  "production-address",
  "access-key",
  "kit-key",
  "signature-window",
  "rsa-key",
  "app-id",
  "login-callback",
  "oneaccess-emulator",
  "query-order",
  "openapi-credentials",
  "usage-push",
  "openapi-endpoint",
  "billing-worker",
];

/** Values of the variant that must never appear in a check. */
function secretValues(env: Env): string[] {
  const pem = env.KOOGALLERY_RSA_PRIVATE_KEY;
  const pemBody = pem ? pem.split("\n").filter((l) => l && !l.startsWith("-----")) : [];
  return [
    env.NEXTAUTH_SECRET,
    env.DATA_ENCRYPTION_KEY,
    env.STAFF_PASSWORD,
    env.KOOGALLERY_ACCESS_KEY,
    env.KOOGALLERY_KIT_ACCESS_KEY,
    env.KOOGALLERY_USAGE_PUSH_KEY,
    env.KOOGALLERY_OPENAPI_AK ?? "",
    env.KOOGALLERY_OPENAPI_SK ?? "",
    ...pemBody,
  ].filter((s) => s.length >= 8);
}

describe("setup health: configuration checks", () => {
  for (const v of VARIANTS) {
    it(v.name, () => {
      const env = parseEnv(v.vars);
      const checks = configChecks(env);
      assert.deepEqual(checks.map((c) => c.id), ALL_IDS, "every check, once, in page order");
      for (const [id, status] of Object.entries(v.expect)) assert.equal(statusOf(checks, id), status, `${id}: ${JSON.stringify(checks.find((c) => c.id === id))}`);
      assert.deepEqual(checks.filter((c) => c.status === "problem").map((c) => c.id).sort(), [...v.problems].sort());
      assertRenderable(checks);
      for (const c of checks) {
        assert.ok(c.title.length > 0 && c.detail.length > 0, c.id);
        if (c.status === "problem" || c.status === "warn") assert.ok(c.fix, `${c.id} says how to fix it`);
        if (c.fix) assert.doesNotMatch(c.fix, /\n/, "the fix is one sentence");
      }
      const text = JSON.stringify(checks);
      for (const s of secretValues(env)) assert.ok(!text.includes(s), `${v.name}: a secret leaked into the checks`);
      const line = bootProblemLine(env);
      if (v.problems.length === 0) assert.equal(line, null);
      else {
        assert.ok(line && !line.includes("\n"), "one line");
        for (const id of v.problems) assert.ok(line.includes(id), `${id} in the boot line: ${line}`);
      }
    });
  }

  it("shows the addresses to register from APP_URL (trailing slash dropped)", () => {
    const checks = configChecks(parseEnv({ ...GOOD, APP_URL: "https://saas.example.com/" }));
    assert.equal(checks.find((c) => c.id === "production-address")?.value, "https://saas.example.com/api/marketplace");
    assert.equal(checks.find((c) => c.id === "login-callback")?.value, "https://saas.example.com/api/auth/callback/oneaccess");
  });

  it("derives the public key and its SHA-256 fingerprint from the private key, in every accepted form", () => {
    const der = createPublicKey(KEY_3072.publicKey).export({ type: "spki", format: "der" });
    const fp = createHash("sha256").update(der).digest("hex").match(/../g)!.join(":");
    // The same key as PKCS#1 with literal "\n" escapes (a single-line env value), and quoted.
    const pkcs1Pem = String(createPrivateKey(KEY_3072.privateKey).export({ type: "pkcs1", format: "pem" }));
    for (const form of [KEY_3072.privateKey, pkcs1Pem.replace(/\n/g, "\\n"), `"${KEY_3072.privateKey}"`]) {
      const r = inspectRsaKey(form);
      assert.ok(r.state === "ok", r.state);
      assert.equal(r.key.pem, KEY_3072.publicKey.trim());
      assert.equal(r.key.fingerprintSha256, fp);
      assert.equal(r.key.modulusBits, 3072);
    }
    const check = configChecks(parseEnv(GOOD)).find((c) => c.id === "rsa-key")!;
    assert.equal(check.value, KEY_3072.publicKey.trim());
    assert.ok(check.detail.includes(fp));
    assert.equal(inspectRsaKey(KEY_2048.privateKey).state, "ok", "a short key still shows its public half");
  });
});

const HOUR = 3_600_000;
const NOW = Date.parse("2026-03-01T12:00:00Z");

function traffic(over: Partial<TrafficFigures> = {}, push: Partial<TrafficFigures["push"]> = {}): TrafficFigures {
  return {
    lastBaseCall: { receivedAt: new Date(NOW - 5 * 60_000), activity: "newInstance", resultCode: "000000", isTest: false },
    lastKitCall: { receivedAt: new Date(NOW - 60_000), activity: "tenantSync", resultCode: "000000", isTest: true },
    errorAnswers24h: 0,
    instancesByStatus: { ACTIVE: 1, FROZEN: 0, RELEASED: 0 },
    tenantsSynced: 1,
    tenantsDeleted: 0,
    ...over,
    push: {
      counts: { PENDING: 0, SENT: 3, FAILED: 0 },
      oldestPendingAgeMs: null,
      deadByReason: { REFUSED: 0, TOO_OLD: 0, TEST_INSTANCE: 0, NO_ON_DEMAND_INSTANCE: 0, GAVE_UP: 0 },
      alerts: [],
      ...push,
    },
  };
}

describe("setup health: traffic checks", () => {
  const prod = parseEnv(GOOD);
  const dev = parseEnv({});
  const cases: Array<[string, Env, TrafficFigures, Record<string, CheckStatus>]> = [
    ["calls arrived, nothing wrong", prod, traffic(), { "last-base-call": "ok", "last-kit-call": "ok", "error-answers": "ok", "push-outbox": "ok", "push-alerts": "ok" }],
    ["nothing arrived yet (production)", prod, traffic({ lastBaseCall: null, lastKitCall: null }), { "last-base-call": "warn", "last-kit-call": "info" }],
    ["nothing arrived yet (development)", dev, traffic({ lastBaseCall: null }), { "last-base-call": "info" }],
    ["error answers in the last day", prod, traffic({ errorAnswers24h: 3 }), { "error-answers": "warn" }],
    ["a refused usage record", prod, traffic({}, { counts: { PENDING: 0, SENT: 1, FAILED: 1 } }), { "push-outbox": "problem" }],
    ["pending past the reporting window, push on", prod, traffic({}, { counts: { PENDING: 2, SENT: 0, FAILED: 0 }, oldestPendingAgeMs: 3 * HOUR }), { "push-outbox": "problem" }],
    ["pending within the window", prod, traffic({}, { counts: { PENDING: 2, SENT: 0, FAILED: 0 }, oldestPendingAgeMs: HOUR }), { "push-outbox": "ok" }],
    [
      "the marketplace refuses our signature",
      prod,
      traffic({}, { counts: { PENDING: 2, SENT: 0, FAILED: 0 }, alerts: [{ kind: "signature", code: "MKT.0102", meaning: "invalid body sign (signature)", pending: 2, failed: 0 }] }),
      { "push-alerts": "problem", "push-outbox": "ok" },
    ],
    [
      "the marketplace refused our data (dead letters)",
      prod,
      traffic({}, { counts: { PENDING: 0, SENT: 0, FAILED: 1 }, alerts: [{ kind: "data", code: "MKT.9002", meaning: "invalid usage entries", pending: 0, failed: 1 }] }),
      { "push-alerts": "problem", "push-outbox": "problem" },
    ],
  ];
  for (const [name, env, t, expect] of cases) {
    it(name, () => {
      const checks = trafficChecks(env, t, NOW);
      assert.deepEqual(checks.map((c) => c.id), ["last-base-call", "last-kit-call", "error-answers", "push-outbox", "push-alerts"]);
      for (const [id, status] of Object.entries(expect)) assert.equal(statusOf(checks, id), status, id);
      assertRenderable(checks);
    });
  }
  it("an alert names the code and says what to fix; dead letters are counted per reason", () => {
    const t = traffic(
      {},
      {
        counts: { PENDING: 3, SENT: 0, FAILED: 2 },
        deadByReason: { REFUSED: 1, TOO_OLD: 1, TEST_INSTANCE: 0, NO_ON_DEMAND_INSTANCE: 0, GAVE_UP: 0 },
        alerts: [
          { kind: "data", code: "MKT.9002", meaning: "invalid usage entries", pending: 0, failed: 1 },
          { kind: "key", code: "MKT.0151", meaning: "no permission", pending: 3, failed: 0 },
        ],
      },
    );
    const checks = trafficChecks(prod, t, NOW);
    const alert = checks.find((c) => c.id === "push-alerts")!;
    assert.match(alert.title, /MKT\.0151/, "a key problem comes before a data problem");
    assert.match(alert.detail, /MKT\.9002 .*1 dead letter/);
    assert.match(alert.fix ?? "", /KOOGALLERY_USAGE_PUSH_KEY/);
    assert.match(checks.find((c) => c.id === "push-outbox")!.detail, /2 dead letter\(s\) \(1 REFUSED, 1 TOO_OLD\)/);
  });

  it("the last call is rated by its answer: a code other than 000000 is a warning that names it", () => {
    const answered = (resultCode: string | null) => ({ receivedAt: new Date(NOW - 60_000), activity: "newInstance", resultCode, isTest: false });
    const base = (t: TrafficFigures) => trafficChecks(prod, t, NOW).find((x) => x.id === "last-base-call")!;
    const kit = (t: TrafficFigures) => trafficChecks(prod, t, NOW).find((x) => x.id === "last-kit-call")!;
    const failed = base(traffic({ lastBaseCall: answered("000002") }));
    assert.equal(failed.status, "warn");
    assert.match(failed.title, /answered 000002/);
    assert.match(failed.detail, /newInstance → 000002/);
    assert.match(failed.fix ?? "", /call log/);
    assert.equal(kit(traffic({ lastKitCall: { ...answered("000101"), activity: "applicationSync" } })).status, "warn");
    assert.equal(base(traffic({ lastBaseCall: answered("000000") })).status, "ok");
    // Not answered yet (in flight, or the process died): nothing to rate.
    assert.equal(base(traffic({ lastBaseCall: answered(null) })).status, "ok");
    assertRenderable(trafficChecks(prod, traffic({ lastBaseCall: answered("000002") }), NOW));
  });

  it("the last call shows its time, activity and result code", () => {
    const c = trafficChecks(prod, traffic(), NOW).find((x) => x.id === "last-kit-call")!;
    assert.match(c.detail, /tenantSync → 000000 at 2026-03-01T11:59:00.000Z \(1 min ago\), a debug call/);
  });
});

/** Just the reads setupHealth makes, answering from `t`. */
function fakePrisma(t: TrafficFigures): PrismaClient {
  return {
    marketplaceCall: {
      findFirst: async ({ where }: { where: { channel: string } }) => (where.channel === "base" ? t.lastBaseCall : t.lastKitCall),
      count: async () => t.errorAnswers24h,
    },
    instance: { groupBy: async () => Object.entries(t.instancesByStatus).map(([status, n]) => ({ status, _count: { _all: n } })) },
    tenant: { count: async ({ where }: { where: { deletedAt: unknown } }) => (where.deletedAt === null ? t.tenantsSynced : t.tenantsDeleted) },
    usagePushRecord: {
      groupBy: async ({ by }: { by: string[] }) =>
        by[0] === "status"
          ? Object.entries(t.push.counts).map(([status, n]) => ({ status, _count: { _all: n } }))
          : by[0] === "deadReason"
            ? Object.entries(t.push.deadByReason).map(([deadReason, n]) => ({ deadReason, _count: { _all: n } }))
            : t.push.alerts.flatMap((a) => [
                { lastResultCode: a.code, status: "PENDING", _count: { _all: a.pending } },
                { lastResultCode: a.code, status: "FAILED", _count: { _all: a.failed } },
              ]),
      findFirst: async () => (t.push.oldestPendingAgeMs === null ? null : { hourStart: new Date(NOW - HOUR - t.push.oldestPendingAgeMs), attempts: 0 }),
      aggregate: async () => ({ _max: { sentAt: null } }),
      count: async () => 0,
    },
    // No conformance report yet (src/server/conformance/health.ts).
    conformanceRun: { findFirst: async () => null },
  } as unknown as PrismaClient;
}

describe("setup health: the whole overview", () => {
  it("usage push off with records waiting is a problem; without records it is not", async () => {
    const env = parseEnv({ ...GOOD, USAGE_PUSH_ENABLED: "false" });
    const waiting = await setupHealth(fakePrisma(traffic({}, { counts: { PENDING: 4, SENT: 0, FAILED: 0 }, oldestPendingAgeMs: 30 * 60_000 })), env, NOW);
    const push = waiting.checks.find((c) => c.id === "usage-push")!;
    assert.equal(push.status, "problem");
    assert.match(push.detail, /4 usage record/);
    assert.equal(waiting.traffic.push.oldestPendingAgeMs, 30 * 60_000);
    const none = await setupHealth(fakePrisma(traffic()), env, NOW);
    assert.equal(none.checks.find((c) => c.id === "usage-push")!.status, "warn");
  });

  it("counts the statuses and carries the addresses, the public key and the figures", async () => {
    const h = await setupHealth(fakePrisma(traffic()), parseEnv(GOOD), NOW);
    assert.equal(h.production, true);
    assert.equal(h.generatedAt.getTime(), NOW);
    assert.equal(h.productionAddress, "https://saas.example.com/api/marketplace");
    assert.equal(h.loginCallbackUrl, "https://saas.example.com/api/auth/callback/oneaccess");
    assert.equal(h.licenseAddress, "https://saas.example.com/api/marketplace/license");
    assert.equal(h.rsaPublicKey?.pem, KEY_3072.publicKey.trim());
    assert.equal(h.checks.length, ALL_IDS.length + 6, "the configuration checks, five traffic checks and the conformance-probe row");
    assert.equal(h.checks.find((c) => c.id === "conformance-probe")?.status, "info");
    const total = Object.values(h.counts).reduce((a, b) => a + b, 0);
    assert.equal(total, h.checks.length);
    assert.equal(h.counts.problem, 0);
    assert.deepEqual(h.traffic.instancesByStatus, { ACTIVE: 1, FROZEN: 0, RELEASED: 0 });
  });
});

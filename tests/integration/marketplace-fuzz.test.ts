/**
 * Fuzzing the production interface and the Kit sync (framework-free handlers, real database):
 * thousands of deterministic hostile calls — NUL and lone surrogates in any string, `__proto__`
 * keys, wrong types, cut or junk text, odd nonces — signed, unsigned or bare. Whatever arrives:
 *
 * - never 000005 (that code is for real internal failures and makes the marketplace retry forever);
 * - a signed call that is malformed (not a JSON object, or fails its schema) → 000002;
 * - a signed well-formed call → a business answer (never 000001/000002/000005);
 * - an unsigned one (timestamp and nonce, but no or a wrong signature) → 000001; a bare one (no
 *   timestamp) → 000002, the spec's order of checks;
 * - exactly one completed call-log row per call, with the code that was answered.
 *
 * FUZZ_SEED / FUZZ_CASES vary the run; a failure names the seed and case to replay.
 */
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { after, before, describe, it } from "node:test";
import { parseJsonValue } from "~/koogallery/canonical-json";
import { parseKitBody, kitKindFromPath } from "~/koogallery/kit-schemas";
import { signKit } from "~/koogallery/kit-signature";
import { parseActivityBody } from "~/koogallery/schemas";
import { signBase } from "~/koogallery/signature";
import { storableJson } from "~/server/db/safe-text";
import { handleBaseCall } from "~/server/marketplace/base-interface";
import { handleKitCall } from "~/server/marketplace/kit-interface";
import { testTargets, useTestDatabase } from "../helpers/databases";
import { baseTemplate, Fuzz, KIT_FUZZ_KINDS, kitTemplate } from "../helpers/marketplace-fuzz";
import { callBase, kitTimeStamp, newOrder, TEST_ACCESS_KEY, testConfig, testRsaKeys } from "../helpers/marketplace";

const SEED = Number(process.env.FUZZ_SEED ?? 20261202);
const BASE_CASES = Number(process.env.FUZZ_CASES ?? 1200);
const KIT_CASES = Math.round(BASE_CASES * 0.7);
const T0 = Date.UTC(2026, 0, 15, 8, 0, 0);

type Mode = "signed" | "unsigned" | "bare" | "odd-nonce";
const BASE_OK = new Set(["000000", "000003", "000004", "000100", "000101", "000102", "000103", "000104", "000105", "000106", "000107"]);
const KIT_OK = new Set(["000000", "000101"]);

function mode(f: Fuzz): Mode {
  const r = f.rnd();
  return r < 0.6 ? "signed" : r < 0.85 ? "unsigned" : r < 0.9 ? "bare" : "odd-nonce";
}

function nonceFor(f: Fuzz, m: Mode): string {
  const hex = randomBytes(16).toString("hex");
  return m === "odd-nonce" ? f.pick([`n\u0000${hex}`, `\ud800${hex}`, `中${hex}`, `${hex}\u2028`]) : hex;
}

function wellFormed(text: string, validate: (json: unknown) => boolean): boolean {
  let json: unknown;
  try {
    json = parseJsonValue(text);
  } catch {
    return false;
  }
  return validate(storableJson(json));
}

/** What the answer must be, or which answers are acceptable. */
function expectation(m: Mode, malformed: boolean, ok: Set<string>): (code: string) => boolean {
  if (m === "unsigned") return (c) => c === "000001";
  if (m === "bare") return (c) => c === "000002";
  return malformed ? (c) => c === "000002" : (c) => ok.has(c);
}

interface Outcome {
  answers: string[];
  failures: string[];
}

function check(out: Outcome, i: number, m: Mode, body: string, code: string, accept: (c: string) => boolean) {
  out.answers.push(code);
  if (!accept(code) && out.failures.length < 10) out.failures.push(`seed ${SEED} case ${i} (${m}) answered ${code}: ${JSON.stringify(body).slice(0, 300)}`);
}

async function fuzzBase(prisma: Parameters<typeof handleBaseCall>[0], f: Fuzz, cases: number): Promise<Outcome> {
  const out: Outcome = { answers: [], failures: [] };
  for (let i = 0; i < cases; i++) {
    const nowMs = T0 + i * 10;
    const m = mode(f);
    const body = f.body(baseTemplate(f, i));
    const nonce = nonceFor(f, m);
    const timestamp = String(nowMs);
    const query = new URLSearchParams();
    if (m !== "bare") {
      query.set("timestamp", timestamp);
      query.set("nonce", nonce);
      const signature = signBase({ accessKey: TEST_ACCESS_KEY, nonce, timestamp, payload: body });
      if (m !== "unsigned") query.set("signature", signature.toUpperCase());
      else if (f.chance(0.5)) query.set("signature", f.chance(0.5) ? randomBytes(32).toString("hex") : signBase({ accessKey: "wrong-key", nonce, timestamp, payload: body }));
    }
    const res = await handleBaseCall(prisma, testConfig(), { rawBody: body, query, path: "/api/marketplace", nowMs });
    const code = (JSON.parse(res.body) as { resultCode: string }).resultCode;
    const malformed = !wellFormed(body, (json) => parseActivityBody(json).ok);
    check(out, i, m, body, code, expectation(m, malformed, BASE_OK));
  }
  return out;
}

async function fuzzKit(prisma: Parameters<typeof handleKitCall>[0], f: Fuzz, cases: number): Promise<Outcome> {
  const out: Outcome = { answers: [], failures: [] };
  const config = testConfig({ rsaPrivateKey: testRsaKeys().privateKey });
  for (let i = 0; i < cases; i++) {
    const nowMs = T0 + i * 10;
    const m = mode(f);
    const kind = f.pick(KIT_FUZZ_KINDS);
    const path = `/api/marketplace/produceAPI/v2/${kind}`;
    const body = f.body(kitTemplate(f, kind, i, kitTimeStamp(new Date(nowMs))));
    const nonce = nonceFor(f, m);
    const timestamp = String(nowMs);
    const headers = new Headers({ "content-type": "application/json" });
    if (m !== "bare") {
      headers.set("x-timestamp", timestamp);
      // Header values cannot hold NUL or lone surrogates: an odd Kit nonce is one of the others.
      headers.set("x-nonce", m === "odd-nonce" ? `${nonce.replace(/[^\x20-\x7e]/g, "")}~!` : nonce);
      const signed = headers.get("x-nonce")!;
      const sign = signKit({ accessKey: TEST_ACCESS_KEY, nonce: signed, timestamp, payload: body });
      if (m !== "unsigned") headers.set("x-sign", sign);
      else if (f.chance(0.5)) headers.set("x-sign", randomBytes(32).toString("hex"));
    }
    const res = await handleKitCall(prisma, config, { rawBody: body, headers, path, nowMs });
    const code = (JSON.parse(res.body) as { resultCode: string }).resultCode;
    const kitKind = kitKindFromPath(path);
    const malformed = !wellFormed(body, (json) => kitKind !== null && parseKitBody(kitKind, json).ok);
    check(out, i, m, body, code, expectation(m, malformed, KIT_OK));
  }
  return out;
}

function tally(codes: string[]): Record<string, number> {
  const t: Record<string, number> = {};
  for (const c of codes) t[c] = (t[c] ?? 0) + 1;
  return t;
}

for (const target of testTargets()) {
  describe(`marketplace fuzz on ${target.name}`, { skip: target.skip }, () => {
    const h = useTestDatabase(target);
    const internalErrors: string[] = [];
    const originalError = console.error;
    before(() => {
      console.error = (...args: unknown[]) => {
        internalErrors.push(args.map(String).join(" ").slice(0, 500));
      };
    });
    after(() => {
      console.error = originalError;
    });

    async function assertLogMatches(answers: string[], channel: "base" | "kit") {
      const rows = await h.db.prisma.marketplaceCall.findMany({ where: { channel }, select: { resultCode: true, completedAt: true } });
      assert.equal(rows.length, answers.length, "one call-log row per call");
      assert.equal(rows.filter((r) => r.resultCode === null || r.completedAt === null).length, 0, "every row completed");
      assert.deepEqual(tally(rows.map((r) => r.resultCode!)), tally(answers), "the log holds the codes that were answered");
    }

    it(`base interface: ${BASE_CASES} hostile calls, never 000005, the right code, one log row each`, async () => {
      const known: string[] = [];
      for (let i = 0; i < 3; i++) known.push((await callBase(h.db.prisma, newOrder())).json.instanceId as string);
      const out = await fuzzBase(h.db.prisma, new Fuzz(SEED, known), BASE_CASES);
      assert.deepEqual(out.failures, [], `answers: ${JSON.stringify(tally(out.answers))}`);
      assert.ok(!out.answers.includes("000005"));
      assert.deepEqual(internalErrors, [], "no internal failure was logged");
      // The run really exercised every branch, not just refusals.
      for (const code of ["000000", "000001", "000002", "000003"]) assert.ok(out.answers.includes(code), `some call answered ${code}`);
      await assertLogMatches([...Array(3).fill("000000"), ...out.answers], "base");
    });

    it(`Kit sync: ${KIT_CASES} hostile calls, never 000005, the right code, one log row each`, async () => {
      const out = await fuzzKit(h.db.prisma, new Fuzz(SEED + 1), KIT_CASES);
      assert.deepEqual(out.failures, [], `answers: ${JSON.stringify(tally(out.answers))}`);
      assert.deepEqual(internalErrors, [], "no internal failure was logged");
      for (const code of ["000000", "000001", "000002"]) assert.ok(out.answers.includes(code), `some call answered ${code}`);
      await assertLogMatches(out.answers, "kit");
    });
  });
}

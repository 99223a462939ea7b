/**
 * Baseline of the signed production interface (POST /api/marketplace): the work the app must do
 * for newInstance and queryInstance, written plainly on the driver —
 *
 *   verify the query-string HMAC signature (as src/koogallery/signature.ts: inner HMAC of the
 *   body, outer HMAC of key + nonce + timestamp + inner; ±window) → insert the call-log row →
 *   claim the nonce → insert the instance with its order and transition rows, or select the
 *   existing one (newInstance) / select the instances (queryInstance) → build appInfo (unseal the
 *   admin password, AES-encrypt user name and password) → complete the call-log row → answer.
 *
 * Same tables, rows and crypto as the app; one statement per step, autocommit. Other activities
 * are not part of the benchmark and answer 000002.
 */
import { createHmac, randomInt, randomUUID, timingSafeEqual } from "node:crypto";
import { encryptCredential } from "~/koogallery/credential-crypto";
import { seal, unseal } from "~/server/crypto/at-rest";
import type { BaselineConfig } from "./config";
import type { Sql } from "./db";

const MEMO = "实例已开通，请使用管理员账号登录并及时修改初始密码 / Instance ready: sign in with the admin account and change the initial password.";
const PASSWORD_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";

const INSERT_CALL = `INSERT INTO "MarketplaceCall" ("id", "channel", "activity", "path", "orderId", "orderLineId", "instanceId", "nonce", "isTest", "requestBody")
  VALUES ($1, 'base', $2, $3, $4, $5, $6, $7, $8, $9) RETURNING "id"`;
const CLAIM_NONCE = `INSERT INTO "SeenNonce" ("nonce", "channel", "expiresAt", "createdAt") VALUES ($1, 'base', $2, $3)
  ON CONFLICT ("nonce") DO UPDATE SET "channel" = EXCLUDED."channel", "expiresAt" = EXCLUDED."expiresAt", "createdAt" = EXCLUDED."createdAt"
  WHERE "SeenNonce"."expiresAt" < $3 RETURNING "nonce"`;
const INSERT_INSTANCE = `WITH ins AS (
    INSERT INTO "Instance" ("id", "newInstanceKey", "orderId", "orderLineId", "businessId", "isTest", "adminUserName", "adminPasswordEnc", "planId", "accountKey", "updatedAt")
    VALUES ($1, $2, $3, $4, $5, false, $6, $7, 'basic', $8, now())
    ON CONFLICT DO NOTHING
    RETURNING "id", "status"::text AS "status", "adminUserName", "adminPasswordEnc"
  ), o AS (
    INSERT INTO "InstanceOrder" ("id", "instanceId", "activity", "scene", "orderId", "orderLineId", "isTest")
    SELECT $9::uuid, "id", 'newInstance', 'NEW', $3, $4, false FROM ins
  ), t AS (
    INSERT INTO "InstanceTransition" ("id", "instanceId", "event", "toStatus", "accepted", "callId")
    SELECT $10::uuid, "id", 'create', 'ACTIVE', true, $11::uuid FROM ins
  )
  SELECT * FROM ins`;
const INSTANCE_BY_KEY = `SELECT "id", "status"::text AS "status", "adminUserName", "adminPasswordEnc" FROM "Instance" WHERE "newInstanceKey" = $1`;
const INSTANCES_BY_ID = `SELECT "id", "status"::text AS "status", "adminUserName", "adminPasswordEnc" FROM "Instance" WHERE "id" = ANY($1::text[])`;
const COMPLETE_CALL = `UPDATE "MarketplaceCall" SET "resultCode" = $2, "resultMsg" = $3, "responseBody" = $4, "httpStatus" = 200, "latencyMs" = $5,
  "completedAt" = now(), "activity" = $6, "instanceId" = $7 WHERE "id" = $1`;

interface InstanceRow {
  id: string;
  status: string;
  adminUserName: string;
  adminPasswordEnc: string;
}

type Answer = Record<string, unknown> & { resultCode: string; resultMsg: string };

class Refusal extends Error {
  constructor(readonly resultCode: string, message: string) {
    super(message);
  }
}

const hmacHex = (key: string, data: string) => createHmac("sha256", key).update(data, "utf8").digest("hex");

function verify(cfg: BaselineConfig, query: URLSearchParams, rawBody: string, nowMs: number): string {
  const ts = query.get("timestamp") ?? "";
  const nonce = query.get("nonce") ?? "";
  const signature = (query.get("signature") ?? "").toLowerCase();
  if (!/^[0-9]{1,16}$/.test(ts)) throw new Refusal("000002", "invalid timestamp");
  if (nonce.length === 0 || nonce.length > 128) throw new Refusal("000002", "invalid nonce");
  if (!/^[0-9a-f]{64}$/.test(signature)) throw new Refusal("000001", "malformed signature");
  if (Math.abs(nowMs - Number(ts)) > cfg.windowMs) throw new Refusal("000001", "timestamp outside the window");
  const expected = hmacHex(cfg.accessKey, cfg.accessKey + nonce + ts + hmacHex(cfg.accessKey, rawBody));
  if (!timingSafeEqual(Buffer.from(expected), Buffer.from(signature))) throw new Refusal("000001", "signature mismatch");
  return nonce;
}

function appInfo(cfg: BaselineConfig, row: InstanceRow) {
  const password = unseal(row.adminPasswordEnc, cfg.dataKey);
  return {
    frontEndUrl: `${cfg.appUrl}/`,
    adminUrl: `${cfg.appUrl}/`,
    userName: encryptCredential(row.adminUserName, cfg.accessKey, "1"),
    password: encryptCredential(password, cfg.accessKey, "1"),
    memo: MEMO,
  };
}

function newPassword(): string {
  let out = "";
  for (let i = 0; i < 16; i++) out += PASSWORD_ALPHABET[randomInt(PASSWORD_ALPHABET.length)];
  return `${out}#9a`;
}

const text = (v: unknown, max: number) => (typeof v === "string" && v.length > 0 ? v.slice(0, max) : null);

async function newInstance(sql: Sql, cfg: BaselineConfig, body: Record<string, unknown>, callId: string): Promise<Answer> {
  const orderId = text(body.orderId, 64);
  const orderLineId = text(body.orderLineId, 64);
  const businessId = text(body.businessId, 64);
  if (!orderId || !orderLineId || !businessId) throw new Refusal("000002", "orderId, orderLineId and businessId are required");
  const key = `line:${orderId}:${orderLineId}`;
  let row: InstanceRow | undefined;
  // The businessId as instance id; a UUID when another order already has that id.
  for (const id of [businessId, randomUUID()]) {
    const userName = `admin_${id.replace(/[^A-Za-z0-9]/g, "").slice(0, 12) || "user"}`;
    [row] = await sql.query<InstanceRow>(INSERT_INSTANCE, [
      id, key, orderId, orderLineId, businessId, userName, seal(newPassword(), cfg.dataKey), `instance:${id}`, randomUUID(), randomUUID(), callId,
    ]);
    row ??= (await sql.query<InstanceRow>(INSTANCE_BY_KEY, [key]))[0];
    if (row) break;
  }
  if (!row) throw new Error("could not allocate an instance id");
  const resultCode = cfg.inject === "wrong-code" ? "000005" : "000000";
  return { resultCode, resultMsg: "success.", instanceId: row.id, encryptType: "1", appInfo: appInfo(cfg, row) };
}

async function queryInstance(sql: Sql, cfg: BaselineConfig, body: Record<string, unknown>): Promise<Answer> {
  const ids = [...new Set(String(body.instanceId ?? "").split(",").map((s) => s.trim()).filter(Boolean))];
  if (ids.length === 0 || ids.length > 100) throw new Refusal("000002", "instanceId: 1 to 100 ids");
  const rows = await sql.query<InstanceRow>(INSTANCES_BY_ID, [ids]);
  if (rows.length === 0) throw new Refusal("000003", "no such instance");
  const byId = new Map(rows.map((r) => [r.id, r]));
  const info = ids.flatMap((id) => {
    const r = byId.get(id);
    if (!r) return [];
    return [r.status === "RELEASED" ? { instanceId: id } : { instanceId: id, appInfo: appInfo(cfg, r) }];
  });
  return { resultCode: "000000", resultMsg: "success.", encryptType: "1", info };
}

/** JSON with non-ASCII as \uXXXX, as the app answers. */
const asciiJson = (v: unknown) => JSON.stringify(v).replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);

/** What the call log keeps of an answer: credentials redacted, as the app stores it. */
function redacted(answer: Answer): Answer {
  const strip = (a: unknown) => (a && typeof a === "object" ? { ...(a as object), password: "[redacted]" } : a);
  if (answer.appInfo) return { ...answer, appInfo: strip(answer.appInfo) };
  if (Array.isArray(answer.info)) return { ...answer, info: answer.info.map((i: Record<string, unknown>) => (i.appInfo ? { ...i, appInfo: strip(i.appInfo) } : i)) };
  return answer;
}

export function marketplaceHandler(sql: Sql, cfg: BaselineConfig) {
  return async (rawBody: string, query: URLSearchParams, path: string): Promise<string> => {
    const started = performance.now();
    const nowMs = Date.now();
    let body: Record<string, unknown> = {};
    try {
      const parsed: unknown = JSON.parse(rawBody);
      if (parsed && typeof parsed === "object" && !Array.isArray(parsed)) body = parsed as Record<string, unknown>;
    } catch {
      // Logged as received; verification answers it.
    }
    const callId = randomUUID();
    try {
      await sql.query(INSERT_CALL, [callId, text(body.activity, 64), path, text(body.orderId, 64), text(body.orderLineId, 64), text(body.instanceId, 128), text(query.get("nonce"), 128), body.testFlag === "1", JSON.stringify(body)]);
    } catch (err) {
      console.error("[baseline] call log:", (err as Error).message);
      return asciiJson({ resultCode: "000005", resultMsg: "call log unavailable" });
    }
    let answer: Answer;
    try {
      const nonce = verify(cfg, query, rawBody, nowMs);
      const claimed = await sql.query(CLAIM_NONCE, [nonce, new Date(nowMs + cfg.windowMs * 2), new Date(nowMs)]);
      if (claimed.length !== 1) throw new Refusal("000001", "nonce already used");
      if (body.activity === "newInstance") answer = await newInstance(sql, cfg, body, callId);
      else if (body.activity === "queryInstance") answer = await queryInstance(sql, cfg, body);
      else throw new Refusal("000002", "activity not in the baseline");
    } catch (err) {
      if (!(err instanceof Refusal)) console.error("[baseline] call failed:", err);
      answer = err instanceof Refusal ? { resultCode: err.resultCode, resultMsg: err.message } : { resultCode: "000005", resultMsg: "internal error" };
    }
    const instanceId = typeof answer.instanceId === "string" ? answer.instanceId : text(body.instanceId, 128);
    try {
      await sql.query(COMPLETE_CALL, [callId, answer.resultCode, answer.resultMsg, JSON.stringify(redacted(answer)), Math.round(performance.now() - started), text(body.activity, 64), instanceId]);
    } catch (err) {
      // Not acknowledged unless logged, as in the app.
      console.error("[baseline] call log completion:", (err as Error).message);
      if (answer.resultCode === "000000") return asciiJson({ resultCode: "000005", resultMsg: "call log unavailable" });
    }
    return asciiJson(answer);
  };
}

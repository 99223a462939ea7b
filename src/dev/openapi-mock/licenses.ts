/**
 * The License open APIs of the local mock (激活授权码 license/activate, 查询授权码 license/heartbeat),
 * AK/SK-verified like 查询订单, answering {error_code, error_msg, data} with the documented codes.
 * Test codes (what each one answers):
 *
 *   MOCK-LIC-NEW-<anything>  received, not yet activated, valid for a year: activate → 92020000 (then
 *                            92020003 on a second activate); heartbeat → 92020011 until activated, then ALIVE
 *   MOCK-LIC-ACTIVATED       already activated: activate → 92020003, heartbeat → ALIVE
 *   MOCK-LIC-NOT-RECEIVED    the buyer has not received it: activate → 92020004, heartbeat → 92020011
 *   MOCK-LIC-EXPIRED         activate → 92020003, heartbeat → EXPIRED
 *   MOCK-LIC-RELEASED        activate → 92020003, heartbeat → RELEASED
 *   anything else            92020005 (code does not exist)
 *
 * The gateway's own refusals are imitated too: not POST → 405 95000002, not JSON content type →
 * 415 95000003, unreadable body → 400 95000004, bad AK/SK → 401 APIGW.0301. State is in memory.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { LICENSE_ACTIVATE_PATH, LICENSE_HEARTBEAT_PATH } from "~/koogallery/license-client";
import { formatCompactUtcSeconds, isValidCompactUtc } from "~/koogallery/time";
import { verifyApig } from "./verify";

export const MOCK_LICENSE_CODES = {
  newPrefix: "MOCK-LIC-NEW-",
  activated: "MOCK-LIC-ACTIVATED",
  notReceived: "MOCK-LIC-NOT-RECEIVED",
  expired: "MOCK-LIC-EXPIRED",
  released: "MOCK-LIC-RELEASED",
} as const;

const YEAR_MS = 365 * 24 * 3600_000;

interface MockCode {
  received: boolean;
  activatedAt?: number;
  status: "ALIVE" | "EXPIRED" | "RELEASED";
  expireAt: number;
  orderId: string;
}

type Answer = { http: number; body: Record<string, unknown> };

const ok = (data: Record<string, unknown>): Answer => ({ http: 200, body: { error_code: "92020000", error_msg: "success", data } });
const fail = (code: string, msg: string, http = 200): Answer => ({ http, body: { error_code: code, error_msg: msg } });

export interface LicenseMock {
  handles(path: string): boolean;
  handle(req: IncomingMessage, path: string, body: string, res: ServerResponse): void;
}

export function createLicenseMock(creds: { ak: string; sk: string }, now: () => number = Date.now): LicenseMock {
  const codes = new Map<string, MockCode>();
  const t0 = now();
  const preset = (status: MockCode["status"], activated: boolean, expireAt: number, orderId: string): MockCode => ({
    received: true, status, expireAt, orderId, ...(activated ? { activatedAt: t0 - 30 * 24 * 3600_000 } : {}),
  });
  codes.set(MOCK_LICENSE_CODES.activated, preset("ALIVE", true, t0 + YEAR_MS, "MOCKLICACTIVATED"));
  codes.set(MOCK_LICENSE_CODES.notReceived, { received: false, status: "ALIVE", expireAt: t0 + YEAR_MS, orderId: "MOCKLICNOTRECEIVED" });
  codes.set(MOCK_LICENSE_CODES.expired, preset("EXPIRED", true, t0 - 24 * 3600_000, "MOCKLICEXPIRED"));
  codes.set(MOCK_LICENSE_CODES.released, preset("RELEASED", true, t0 - 30 * 24 * 3600_000, "MOCKLICRELEASED"));

  function lookup(license: string): MockCode | undefined {
    if (!codes.has(license) && license.startsWith(MOCK_LICENSE_CODES.newPrefix) && license.length > MOCK_LICENSE_CODES.newPrefix.length) {
      codes.set(license, { received: true, status: "ALIVE", expireAt: now() + YEAR_MS, orderId: `MOCKLIC${license.slice(MOCK_LICENSE_CODES.newPrefix.length).toUpperCase()}`.slice(0, 64) });
    }
    return codes.get(license);
  }

  function activate(license: string, realEffectTime: unknown): Answer {
    if (realEffectTime !== undefined && (typeof realEffectTime !== "string" || !/^\d{14}$/.test(realEffectTime) || !isValidCompactUtc(realEffectTime))) {
      return fail("92020002", "real_effect_time must be yyyyMMddHHmmss");
    }
    const code = lookup(license);
    if (!code) return fail("92020005", "license code not exist");
    if (!code.received) return fail("92020004", "can not activate before the user received the license code");
    if (code.activatedAt !== undefined || code.status !== "ALIVE") return fail("92020003", "illegal license code status");
    code.activatedAt = now();
    const info = { status: code.status, expire_time: formatCompactUtcSeconds(new Date(code.expireAt)), product_id: "mock-license-product", amount: 1, order_id: code.orderId };
    return ok({ license_code_info: JSON.stringify(info) });
  }

  function heartbeat(license: string): Answer {
    const code = lookup(license);
    if (!code) return fail("92020005", "license code not exist");
    if (code.activatedAt === undefined) return fail("92020011", "license code not activated");
    return ok({
      license_code: license,
      status: code.status,
      activate_time: formatCompactUtcSeconds(new Date(code.activatedAt)),
      expire_time: formatCompactUtcSeconds(new Date(code.expireAt)),
    });
  }

  function answerFor(req: IncomingMessage, path: string, body: string): Answer {
    if (req.method !== "POST") return fail("95000002", "request method not supported", 405);
    const problem = verifyApig({ method: "POST", url: req.url ?? path, headers: req.headers, body }, creds, now());
    if (problem) return fail("APIGW.0301", `Incorrect IAM authentication information: ${problem}`, 401);
    if (!/^application\/json\b/i.test(String(req.headers["content-type"] ?? ""))) return fail("95000003", "content type not supported", 415);
    let json: unknown;
    try {
      json = JSON.parse(body);
    } catch {
      return fail("95000004", "request body not readable", 400);
    }
    if (typeof json !== "object" || json === null || Array.isArray(json)) return fail("95000004", "request body not readable", 400);
    const { license, real_effect_time: realEffectTime } = json as Record<string, unknown>;
    if (typeof license !== "string" || license === "" || license.length > 64) return fail("92020002", "license is invalid");
    return path === LICENSE_ACTIVATE_PATH ? activate(license, realEffectTime) : heartbeat(license);
  }

  return {
    handles: (path) => path === LICENSE_ACTIVATE_PATH || path === LICENSE_HEARTBEAT_PATH,
    handle(req, path, body, res) {
      const a = answerFor(req, path, body);
      res.writeHead(a.http, { "content-type": "application/json;charset=UTF-8" });
      res.end(JSON.stringify(a.body));
    },
  };
}

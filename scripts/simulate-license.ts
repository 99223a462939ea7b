/**
 * The License part of `npm run simulate` (scripts/simulate.ts): signed License callbacks
 * (refreshLicenseCode, updateLicenseCodeStatus, releaseLicenseCode) sent the way KooGallery sends
 * them, with the key bound to License授权码交付接口.
 *
 *   license renew <code> [--expire yyyyMMddHHmmss] [--scene RENEWAL|UNSUBSCRIBE_RENEWAL_PERIOD]
 *   license freeze|unfreeze|release <code>
 *   license lifecycle [<code>]   renew → redelivery → freeze ×2 → unfreeze → cancelled renewal →
 *                                release ×2, plus a replayed nonce, stale/future timestamps, a
 *                                tampered body, the wrong key, a renewal after the release and a
 *                                freeze of an unknown code; every answer is checked (exit 1 if one
 *                                differs from what the README documents)
 *   license debug [<code>] [--seed N] [--rounds N]
 *                                the seller console's debug tool and probe: every case with
 *                                testFlag=1, each twice, then the whole set N times (default 3) in
 *                                a random order (seed printed, --seed repeats it); all must be 000000
 */
import { randomBytes } from "node:crypto";
import { signedBaseRequest } from "~/koogallery/client";
import { debugRunPlan, licenseDebugCases, seededRandom } from "~/koogallery/license-cases";
import { formatCompactUtcSeconds } from "~/koogallery/time";

export interface LicenseSimOptions {
  /** Production address (/api/marketplace dispatches License activities) or /api/marketplace/license. */
  url: string;
  /** Key bound to License授权码交付接口. */
  key: string;
  /** testFlag=1 on the single-call commands and the lifecycle. */
  test: boolean;
  expire?: string;
  scene?: string;
  seed?: string;
  rounds?: string;
  /** Where the report lines go (default console.log). */
  log?: (line: string) => void;
}

type Json = { resultCode?: string; resultMsg?: string };
interface Tweak {
  nowMs?: number;
  nonce?: string;
  tamper?: boolean;
  key?: string;
}

function simCode(prefix: string): string {
  return `${prefix}-${Date.now().toString(36).toUpperCase()}-${randomBytes(3).toString("hex").toUpperCase()}`;
}

function orderIds(): { orderId: string; orderLineId: string } {
  const id = `CSLIC${Date.now().toString(36).toUpperCase()}${randomBytes(2).toString("hex").toUpperCase()}`;
  return { orderId: id, orderLineId: `${id}-000001` };
}

const inDays = (days: number) => formatCompactUtcSeconds(new Date(Date.now() + days * 86_400_000));

export async function runLicenseSimulation(args: string[], opts: LicenseSimOptions): Promise<number> {
  const [sub, codeArg] = args;
  const log = opts.log ?? console.log;
  let mismatches = 0;

  async function send(label: string, body: Record<string, unknown>, expect?: string, tweak: Tweak = {}): Promise<Json> {
    const req = signedBaseRequest({ baseUrl: opts.url, accessKey: tweak.key ?? opts.key, body, nowMs: tweak.nowMs, nonce: tweak.nonce });
    const started = performance.now();
    const res = await fetch(req.url, { method: "POST", headers: req.headers, body: tweak.tamper ? req.body.replace(/"}$/, 'X"}') : req.body }).catch((err: Error & { cause?: { code?: string } }) => {
      throw new UsageError(`cannot reach ${opts.url} (${err.cause?.code ?? err.message}); is the app running? (--url)`);
    });
    const text = await res.text();
    let json: Json;
    try {
      json = JSON.parse(text) as Json;
    } catch {
      json = { resultCode: `HTTP ${res.status}`, resultMsg: text.slice(0, 60) };
    }
    const ok = expect === undefined || json.resultCode === expect;
    if (!ok) mismatches++;
    const verdict = expect === undefined ? "" : ok ? "  ok" : `  ✗ expected ${expect}`;
    log(`${label.padEnd(40)} HTTP ${res.status}  ${json.resultCode}  ${String(json.resultMsg ?? "").slice(0, 56).padEnd(56)} ${Math.round(performance.now() - started)} ms${verdict}`);
    return json;
  }

  const flag = opts.test ? { testFlag: "1" } : {};
  const need = () => {
    if (!codeArg) throw new UsageError(`license ${sub} needs a <code>`);
    return codeArg;
  };

  switch (sub) {
    case "renew":
      await send(`refreshLicenseCode ${opts.scene ?? "RENEWAL"}`, { activity: "refreshLicenseCode", scene: opts.scene ?? "RENEWAL", ...orderIds(), license: need(), expireTime: opts.expire ?? inDays(365), ...flag });
      return 0;
    case "freeze":
    case "unfreeze":
      await send(`updateLicenseCodeStatus ${sub.toUpperCase()}`, { activity: "updateLicenseCodeStatus", license: need(), status: sub.toUpperCase(), ...flag });
      return 0;
    case "release":
      await send("releaseLicenseCode", { activity: "releaseLicenseCode", license: need(), ...flag });
      return 0;
    case "lifecycle": {
      const license = codeArg ?? simCode("SIM-LIC");
      log(`license ${license}${opts.test ? " (debug calls)" : ""}`);
      const renewal = { activity: "refreshLicenseCode", scene: "RENEWAL", ...orderIds(), license, expireTime: inDays(365), ...flag };
      await send("refreshLicenseCode RENEWAL (new code)", renewal, "000000");
      await send("refreshLicenseCode (redelivered)", renewal, "000000");
      await send("updateLicenseCodeStatus FREEZE", { activity: "updateLicenseCodeStatus", license, status: "FREEZE", ...flag }, "000000");
      await send("updateLicenseCodeStatus FREEZE again", { activity: "updateLicenseCodeStatus", license, status: "FREEZE", ...flag }, "000000");
      await send("updateLicenseCodeStatus UNFREEZE", { activity: "updateLicenseCodeStatus", license, status: "UNFREEZE", ...flag }, "000000");
      await send("refreshLicenseCode UNSUBSCRIBE_RENEWAL", { activity: "refreshLicenseCode", scene: "UNSUBSCRIBE_RENEWAL_PERIOD", ...orderIds(), license, expireTime: inDays(30), ...flag }, "000000");
      const nonce = randomBytes(32).toString("hex").toUpperCase();
      const status = { activity: "updateLicenseCodeStatus", license, status: "UNFREEZE", ...flag };
      await send("UNFREEZE (nonce N)", status, "000000", { nonce });
      await send("replay of nonce N → 000001", status, "000001", { nonce });
      await send("stale timestamp → 000001", status, "000001", { nowMs: Date.now() - 120_000 });
      await send("future timestamp → 000001", status, "000001", { nowMs: Date.now() + 120_000 });
      await send("tampered body → 000001", status, "000001", { tamper: true });
      await send("wrong key → 000001", status, "000001", { key: `${opts.key}-wrong` });
      await send("releaseLicenseCode", { activity: "releaseLicenseCode", license, ...orderIds(), ...flag }, "000000");
      await send("releaseLicenseCode again", { activity: "releaseLicenseCode", license, ...flag }, "000000");
      // Production calls keep the strict lifecycle; debug calls succeed (README "License products").
      const strict = opts.test ? "000000" : "000003";
      await send(`renewal after release → ${strict}`, { ...renewal, ...orderIds() }, strict);
      await send(`FREEZE of an unknown code → ${strict}`, { activity: "updateLicenseCodeStatus", license: simCode("SIM-UNKNOWN"), status: "FREEZE", ...flag }, strict);
      break;
    }
    case "debug": {
      const license = codeArg ?? simCode("SIM-DEBUG");
      const seed = opts.seed ? Number(opts.seed) : randomBytes(4).readUInt32BE();
      const rounds = opts.rounds ? Number(opts.rounds) : 3;
      if (!Number.isInteger(seed) || seed < 0 || !Number.isInteger(rounds) || rounds < 0 || rounds > 100) throw new UsageError("--seed must be a non-negative integer, --rounds 0–100");
      const ids = orderIds();
      const cases = licenseDebugCases({ license, ...ids, productId: "SIM-PRODUCT", renewalExpireTime: inDays(365), unsubscribeExpireTime: inDays(30) });
      const plan = debugRunPlan(cases, seededRandom(seed), rounds);
      log(`license ${license}: ${cases.length} debug cases, each twice, then ${rounds} shuffled rounds (seed ${seed}; repeat with --seed ${seed})`);
      for (const c of plan) await send(c.name, c.body, "000000");
      log(`${plan.length - mismatches}/${plan.length} answered 000000`);
      break;
    }
    default:
      throw new UsageError("usage: npm run simulate -- license renew|freeze|unfreeze|release <code> | lifecycle [<code>] | debug [<code>] [--seed N] [--rounds N]");
  }
  if (mismatches > 0) log(`${mismatches} answer(s) differ from the documented ones`);
  return mismatches > 0 ? 1 : 0;
}

export class UsageError extends Error {}

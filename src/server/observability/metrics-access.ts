/**
 * Who may read /api/metrics (README "Operations: logs, health, metrics"):
 * - METRICS_TOKEN set → `Authorization: Bearer <token>` is required (compared in constant time);
 * - METRICS_ALLOW_CIDRS set → the client address (X-Forwarded-For judged with TRUSTED_PROXY_COUNT,
 *   src/server/auth/client-address.ts) must be in one of the networks;
 * - both set → both must pass; neither set → the endpoint is off (404), so a fresh deployment
 *   never publishes its traffic figures by accident.
 */
import { createHash, timingSafeEqual } from "node:crypto";
import { BlockList, isIP } from "node:net";
import { clientAddress, type HeaderSource } from "~/server/auth/client-address";

export interface MetricsAccessConfig {
  token?: string;
  allowCidrs?: string;
  trustedProxyCount: number;
}

export type MetricsAccess = { ok: true } | { ok: false; status: 401 | 403 | 404; reason: string };

/** Parses "10.0.0.0/8, 192.168.1.7, fd00::/8"; throws with the bad entry. Exported for src/env.ts. */
export function parseCidrList(list: string): BlockList {
  const blocks = new BlockList();
  for (const raw of list.split(",").map((e) => e.trim()).filter(Boolean)) {
    const [address, prefixText, extra] = raw.split("/");
    const family = isIP(address ?? "");
    if (!family || extra !== undefined) throw new Error(`"${raw}" is not an address or CIDR network`);
    const type = family === 4 ? "ipv4" : "ipv6";
    const max = family === 4 ? 32 : 128;
    const prefix = prefixText === undefined ? max : Number(prefixText);
    if (!/^\d{1,3}$/.test(prefixText ?? String(max)) || prefix > max) throw new Error(`"${raw}": prefix must be 0–${max}`);
    blocks.addSubnet(address!, prefix, type);
  }
  return blocks;
}

/** Constant-time comparison of equal-length digests, so neither content nor length leaks by timing. */
export function tokenMatches(given: string, expected: string): boolean {
  const a = createHash("sha256").update(given).digest();
  const b = createHash("sha256").update(expected).digest();
  return timingSafeEqual(a, b);
}

function bearer(headers: Headers): string | null {
  const m = /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(headers.get("authorization") ?? "");
  return m ? m[1]! : null;
}

export function metricsAccess(headers: Headers, cfg: MetricsAccessConfig): MetricsAccess {
  if (!cfg.token && !cfg.allowCidrs) return { ok: false, status: 404, reason: "metrics are disabled (set METRICS_TOKEN or METRICS_ALLOW_CIDRS)" };
  if (cfg.allowCidrs) {
    const address = clientAddress(headers as HeaderSource, cfg.trustedProxyCount);
    const family = isIP(address);
    if (!family || !parseCidrList(cfg.allowCidrs).check(address, family === 4 ? "ipv4" : "ipv6")) {
      return { ok: false, status: 403, reason: "client address not in METRICS_ALLOW_CIDRS" };
    }
  }
  if (cfg.token) {
    const given = bearer(headers);
    if (given === null || !tokenMatches(given, cfg.token)) return { ok: false, status: 401, reason: "a valid Authorization: Bearer token is required" };
  }
  return { ok: true };
}

/** Area "interface": the production interface (基础接口) — APP_URL, the address to register, keys, signature window. */
import { productionAddress, type Env } from "~/env";
import { accessKeyIsDevDefault } from "./keys";
import { parseUrl, severe } from "./severity";
import type { SetupCheck } from "./types";

function isIpHost(hostname: string): boolean {
  return /^\d{1,3}(\.\d{1,3}){3}$/.test(hostname) || hostname.startsWith("[") || hostname.includes(":");
}

export function interfaceChecks(env: Env): SetupCheck[] {
  const checks: SetupCheck[] = [];
  const area = "interface" as const;

  const url = parseUrl(env.APP_URL);
  const https = url?.protocol === "https:";
  const host = url?.hostname ?? "";
  const domain = host !== "" && !isIpHost(host) && host.includes(".") && host !== "localhost";
  checks.push(
    https && domain
      ? { id: "app-url", area, status: "ok", title: "APP_URL is https on a domain", detail: `APP_URL is ${url?.origin}.` }
      : {
          id: "app-url",
          area,
          status: severe(env),
          title: "APP_URL is not https on a domain",
          detail: `APP_URL is ${url?.origin ?? env.APP_URL}: KooGallery rejects IP addresses and plain http${!https ? " (this one is http)" : ""}${!domain ? ` (${host || "no host"} is not a public domain)` : ""}.`,
          fix: "Serve the app over HTTPS on a domain name and set APP_URL to https://<your-domain>.",
        },
  );

  checks.push({
    id: "production-address",
    area,
    status: "info",
    title: "Production address (生产系统接口地址)",
    detail: "Register this address in the seller console; Kit sync calls arrive under it at /produceAPI/v2/….",
    value: productionAddress(env),
  });

  checks.push(
    accessKeyIsDevDefault(env)
      ? {
          id: "access-key",
          area,
          status: severe(env),
          title: "KOOGALLERY_ACCESS_KEY is the development default",
          detail: "Requests signed by KooGallery will fail verification (000001) with the development key.",
          fix: "Create a key in 卖家中心 > 应用工具 > 密钥管理, bind it to 基础接口 and set KOOGALLERY_ACCESS_KEY to it.",
        }
      : { id: "access-key", area, status: "ok", title: "KOOGALLERY_ACCESS_KEY is set", detail: "Not the development default (the value is never shown)." },
  );

  const separateKit = env.KOOGALLERY_KIT_ACCESS_KEY !== env.KOOGALLERY_ACCESS_KEY;
  checks.push({
    id: "kit-key",
    area,
    status: "info",
    title: separateKit ? "Kit key differs from the base key" : "Kit key is the base key",
    detail: separateKit
      ? "KOOGALLERY_KIT_ACCESS_KEY verifies 联营SaaS同步接口 calls; KOOGALLERY_ACCESS_KEY the base calls."
      : "KOOGALLERY_KIT_ACCESS_KEY is unset, so Kit sync calls are verified with KOOGALLERY_ACCESS_KEY.",
    fix: separateKit ? undefined : "If you bound a different key to 联营SaaS同步接口, set KOOGALLERY_KIT_ACCESS_KEY to it.",
  });

  const win = env.KOOGALLERY_SIGNATURE_WINDOW_SECONDS;
  const winDetail = `Timestamps up to ±${win} s from this server's clock are accepted; nonces are remembered for ${2 * win} s.`;
  checks.push(
    win > 300
      ? {
          id: "signature-window",
          area,
          status: "warn",
          title: "Signature window is wide",
          detail: winDetail,
          fix: "Keep the server clock on NTP and set KOOGALLERY_SIGNATURE_WINDOW_SECONDS back to 60.",
        }
      : win < 15
        ? {
            id: "signature-window",
            area,
            status: "warn",
            title: "Signature window is narrow",
            detail: `${winDetail} Small clock differences will refuse genuine calls (000001).`,
            fix: "Set KOOGALLERY_SIGNATURE_WINDOW_SECONDS to 60 (the default).",
          }
        : { id: "signature-window", area, status: "ok", title: `Signature window ±${win} s`, detail: winDetail },
  );
  return checks;
}

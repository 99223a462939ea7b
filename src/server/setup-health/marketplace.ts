/** Area "interface": the production interface (基础接口) — APP_URL, the address to register, keys, signature window. */
import { productionAddress, type Env } from "~/env";
import { accessKeyIsDevDefault } from "./keys";
import { parseUrl, severe } from "./severity";
import { makeCheck } from "./check";
import { text } from "./messages";
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
      ? makeCheck({ id: "app-url", area, status: "ok" }, { title: text("setup.appUrl.ok.title"), detail: text("setup.appUrl.ok.detail", { origin: url?.origin ?? "" }) })
      : makeCheck(
          { id: "app-url", area, status: severe(env) },
          {
            title: text("setup.appUrl.bad.title"),
            detail: text("setup.appUrl.bad.detail", {
              origin: url?.origin ?? env.APP_URL,
              httpNote: text(!https ? "setup.appUrl.bad.http" : "setup.empty"),
              hostNote: !domain ? text("setup.appUrl.bad.host", { host: host || text("setup.appUrl.bad.noHost") }) : text("setup.empty"),
            }),
            fix: text("setup.appUrl.bad.fix"),
          },
        ),
  );

  checks.push(
    makeCheck(
      { id: "production-address", area, status: "info", value: productionAddress(env) },
      { title: text("setup.productionAddress.title"), detail: text("setup.productionAddress.detail") },
    ),
  );

  checks.push(
    accessKeyIsDevDefault(env)
      ? makeCheck(
          { id: "access-key", area, status: severe(env) },
          { title: text("setup.accessKey.dev.title"), detail: text("setup.accessKey.dev.detail"), fix: text("setup.accessKey.dev.fix") },
        )
      : makeCheck({ id: "access-key", area, status: "ok" }, { title: text("setup.accessKey.ok.title"), detail: text("setup.accessKey.ok.detail") }),
  );

  const separateKit = env.KOOGALLERY_KIT_ACCESS_KEY !== env.KOOGALLERY_ACCESS_KEY;
  checks.push(
    separateKit
      ? makeCheck({ id: "kit-key", area, status: "info" }, { title: text("setup.kitKey.separate.title"), detail: text("setup.kitKey.separate.detail") })
      : makeCheck(
          { id: "kit-key", area, status: "info" },
          { title: text("setup.kitKey.same.title"), detail: text("setup.kitKey.same.detail"), fix: text("setup.kitKey.same.fix") },
        ),
  );

  const win = env.KOOGALLERY_SIGNATURE_WINDOW_SECONDS;
  const winDetail = text("setup.window.detail", { seconds: win, nonceSeconds: 2 * win });
  const windowCheck = { id: "signature-window", area };
  checks.push(
    win > 300
      ? makeCheck({ ...windowCheck, status: "warn" }, { title: text("setup.window.wide.title"), detail: winDetail, fix: text("setup.window.wide.fix") })
      : win < 15
        ? makeCheck(
            { ...windowCheck, status: "warn" },
            { title: text("setup.window.narrow.title"), detail: text("setup.window.narrow.detail", { window: winDetail }), fix: text("setup.window.narrow.fix") },
          )
        : makeCheck({ ...windowCheck, status: "ok" }, { title: text("setup.window.ok.title", { seconds: win }), detail: winDetail }),
  );
  return checks;
}

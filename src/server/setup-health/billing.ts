/** Area "billing": 查询订单, the open API credentials and endpoint, the usage push and where the billing worker runs. */
import type { Env } from "~/env";
import { pushKeyIsDevDefault } from "./keys";
import { advisory, parseUrl, severe } from "./severity";
import type { CheckStatus, SetupCheck } from "./types";

const KNOWN_OPENAPI_HOSTS = ["mkt.myhuaweicloud.com", "mkt-intl.myhuaweicloud.com", "mkt.myhuaweicloud.eu"];

/** `pending`: PENDING outbox records, or null when not known (boot, without the database). */
export function billingChecks(env: Env, pending: number | null): SetupCheck[] {
  const checks: SetupCheck[] = [];
  const area = "billing" as const;
  const queryOrder = env.KOOGALLERY_QUERY_ORDER;
  const ak = Boolean(env.KOOGALLERY_OPENAPI_AK);
  const sk = Boolean(env.KOOGALLERY_OPENAPI_SK);

  checks.push(
    queryOrder
      ? { id: "query-order", area, status: "ok", title: "查询订单 is on", detail: "newInstance and upgrade learn product, SKU, charging mode, expiry and buyer." }
      : {
          id: "query-order",
          area,
          status: advisory(env),
          title: "查询订单 is off",
          detail: "Every order gets BILLING_DEFAULT_PLAN, and packages of one buyer cannot pool.",
          fix: "Set KOOGALLERY_QUERY_ORDER=true with KOOGALLERY_OPENAPI_AK/SK.",
        },
  );

  const credDetail = `AK ${ak ? "configured" : "missing"}, SK ${sk ? "configured" : "missing"}.`;
  checks.push(
    ak && sk
      ? { id: "openapi-credentials", area, status: "ok", title: "Open API AK/SK configured", detail: credDetail }
      : {
          id: "openapi-credentials",
          area,
          status: queryOrder ? "problem" : "info",
          title: "Open API AK/SK not configured",
          detail: `${credDetail}${queryOrder ? " 查询订单 cannot be signed." : " Not needed while 查询订单 is off."}`,
          fix: "Set KOOGALLERY_OPENAPI_AK and KOOGALLERY_OPENAPI_SK from 我的凭证 > 访问密钥.",
        },
  );

  if (env.USAGE_PUSH_ENABLED) {
    checks.push(
      pushKeyIsDevDefault(env)
        ? {
            id: "usage-push",
            area,
            status: severe(env),
            title: "Usage push is on, signed with the development key",
            detail: "The marketplace will refuse pushes signed with the development default of KOOGALLERY_ACCESS_KEY.",
            fix: "Set KOOGALLERY_ACCESS_KEY (or KOOGALLERY_USAGE_PUSH_KEY) to the 商家对接密钥.",
          }
        : { id: "usage-push", area, status: "ok", title: "Usage push is on", detail: "Hourly usage records are pushed to 按需使用量推送(新)." },
    );
  } else if (pending !== null && pending > 0) {
    checks.push({
      id: "usage-push",
      area,
      status: "problem",
      title: "Usage push is off with records waiting",
      detail: `${pending} usage record(s) wait in the outbox and are never reported to the marketplace.`,
      fix: "Set USAGE_PUSH_ENABLED=true so the worker pushes them.",
    });
  } else {
    checks.push({
      id: "usage-push",
      area,
      status: advisory(env),
      title: "Usage push is off",
      detail: "Usage is aggregated and waits in the outbox; on-demand and package products need the push.",
      fix: "Set USAGE_PUSH_ENABLED=true if you sell on-demand or package products.",
    });
  }

  const endpoint = parseUrl(env.KOOGALLERY_OPENAPI_ENDPOINT);
  const origin = endpoint?.origin ?? null;
  const endpointUsed = queryOrder || env.USAGE_PUSH_ENABLED;
  const isHttps = origin?.startsWith("https://") ?? false;
  const known = KNOWN_OPENAPI_HOSTS.includes(endpoint?.hostname ?? "");
  const endpointStatus: CheckStatus = !endpointUsed ? "info" : !isHttps ? severe(env, "info") : known ? "ok" : "warn";
  checks.push({
    id: "openapi-endpoint",
    area,
    status: endpointStatus,
    title: `Open API endpoint ${origin ?? "(invalid)"}`,
    detail: `${!isHttps ? "Plain http: a local mock, not the marketplace." : known ? "A KooGallery open API host." : "Not one of the KooGallery open API hosts."}${endpointUsed ? "" : " Not used while 查询订单 and the usage push are off."}`,
    fix:
      endpointStatus === "problem" || endpointStatus === "warn"
        ? "Set KOOGALLERY_OPENAPI_ENDPOINT to https://mkt.myhuaweicloud.com (intl: mkt-intl.myhuaweicloud.com, EU: mkt.myhuaweicloud.eu)."
        : undefined,
  });

  checks.push(
    env.BILLING_WORKER_IN_SERVER
      ? { id: "billing-worker", area, status: "ok", title: "Billing worker runs in the server", detail: `Aggregation, usage push and retention every ${env.BILLING_WORKER_INTERVAL_SECONDS} s in each server process.` }
      : {
          id: "billing-worker",
          area,
          status: "info",
          title: "Billing worker is not in the server",
          detail: "BILLING_WORKER_IN_SERVER is off: nothing is aggregated, pushed or purged unless `npm run worker` runs.",
          fix: "Run `npm run worker` as its own process (PostgreSQL), or set BILLING_WORKER_IN_SERVER=true.",
        },
  );
  return checks;
}

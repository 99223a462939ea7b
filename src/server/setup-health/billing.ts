/** Area "billing": 查询订单, the open API credentials and endpoint, the usage push and where the billing worker runs. */
import type { Env } from "~/env";
import { pushKeyIsDevDefault } from "./keys";
import { advisory, parseUrl, severe } from "./severity";
import { makeCheck } from "./check";
import { text } from "./messages";
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
      ? makeCheck({ id: "query-order", area, status: "ok" }, { title: text("setup.queryOrder.on.title"), detail: text("setup.queryOrder.on.detail") })
      : makeCheck(
          { id: "query-order", area, status: advisory(env) },
          { title: text("setup.queryOrder.off.title"), detail: text("setup.queryOrder.off.detail"), fix: text("setup.queryOrder.off.fix") },
        ),
  );

  const setOrMissing = (on: boolean) => text(on ? "setup.configured" : "setup.missing");
  const credDetail = text("setup.credentials.detail", { ak: setOrMissing(ak), sk: setOrMissing(sk) });
  checks.push(
    ak && sk
      ? makeCheck({ id: "openapi-credentials", area, status: "ok" }, { title: text("setup.credentials.ok.title"), detail: credDetail })
      : makeCheck(
          { id: "openapi-credentials", area, status: queryOrder ? "problem" : "info" },
          {
            title: text("setup.credentials.missing.title"),
            detail: text("setup.credentials.missing.detail", {
              credentials: credDetail,
              note: text(queryOrder ? "setup.credentials.missing.cannotSign" : "setup.credentials.missing.notNeeded"),
            }),
            fix: text("setup.credentials.missing.fix"),
          },
        ),
  );

  const pushCheck = { id: "usage-push", area };
  if (env.USAGE_PUSH_ENABLED) {
    checks.push(
      pushKeyIsDevDefault(env)
        ? makeCheck(
            { ...pushCheck, status: severe(env) },
            { title: text("setup.usagePush.devKey.title"), detail: text("setup.usagePush.devKey.detail"), fix: text("setup.usagePush.devKey.fix") },
          )
        : makeCheck({ ...pushCheck, status: "ok" }, { title: text("setup.usagePush.on.title"), detail: text("setup.usagePush.on.detail") }),
    );
  } else if (pending !== null && pending > 0) {
    checks.push(
      makeCheck(
        { ...pushCheck, status: "problem" },
        { title: text("setup.usagePush.waiting.title"), detail: text("setup.usagePush.waiting.detail", { n: pending }), fix: text("setup.usagePush.waiting.fix") },
      ),
    );
  } else {
    checks.push(
      makeCheck(
        { ...pushCheck, status: advisory(env) },
        { title: text("setup.usagePush.off.title"), detail: text("setup.usagePush.off.detail"), fix: text("setup.usagePush.off.fix") },
      ),
    );
  }

  const endpoint = parseUrl(env.KOOGALLERY_OPENAPI_ENDPOINT);
  const origin = endpoint?.origin ?? null;
  const endpointUsed = queryOrder || env.USAGE_PUSH_ENABLED;
  const isHttps = origin?.startsWith("https://") ?? false;
  const known = KNOWN_OPENAPI_HOSTS.includes(endpoint?.hostname ?? "");
  const endpointStatus: CheckStatus = !endpointUsed ? "info" : !isHttps ? severe(env, "info") : known ? "ok" : "warn";
  checks.push(
    makeCheck(
      { id: "openapi-endpoint", area, status: endpointStatus },
      {
        title: text("setup.endpoint.title", { origin: origin ?? text("setup.endpoint.invalid") }),
        detail: text("setup.endpoint.detail", {
          kind: text(!isHttps ? "setup.endpoint.http" : known ? "setup.endpoint.known" : "setup.endpoint.unknown"),
          unused: text(endpointUsed ? "setup.empty" : "setup.endpoint.unused"),
        }),
        fix: endpointStatus === "problem" || endpointStatus === "warn" ? text("setup.endpoint.fix") : undefined,
      },
    ),
  );

  checks.push(
    env.BILLING_WORKER_IN_SERVER
      ? makeCheck(
          { id: "billing-worker", area, status: "ok" },
          { title: text("setup.worker.on.title"), detail: text("setup.worker.on.detail", { seconds: env.BILLING_WORKER_INTERVAL_SECONDS }) },
        )
      : makeCheck(
          { id: "billing-worker", area, status: "info" },
          { title: text("setup.worker.off.title"), detail: text("setup.worker.off.detail"), fix: text("setup.worker.off.fix") },
        ),
  );
  return checks;
}

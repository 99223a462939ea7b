import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { EnvError, parseEnv } from "~/env";
import { billingConfigFromEnv } from "~/server/billing/config";

describe("billing environment", () => {
  it("defaults: China endpoint, 查询订单 and push off, usage-push key = base key, 30-day retention", () => {
    const env = parseEnv({ NODE_ENV: "development", KOOGALLERY_ACCESS_KEY: "base-key" });
    const cfg = billingConfigFromEnv(env);
    assert.equal(cfg.openApi.endpoint, "https://mkt.myhuaweicloud.com");
    assert.equal(cfg.queryOrder, false);
    assert.equal(cfg.usagePush.enabled, false);
    assert.equal(cfg.usagePush.key, "base-key");
    assert.equal(cfg.usagePush.packageUsage, "overflow");
    assert.equal(cfg.retentionDays, 30);
    assert.equal(cfg.defaultPlanId, "basic");
  });

  it("turning 查询订单 on without AK/SK stops the boot with a named problem", () => {
    assert.throws(() => parseEnv({ KOOGALLERY_QUERY_ORDER: "1" }), (e: unknown) => e instanceof EnvError && /KOOGALLERY_OPENAPI_AK\/KOOGALLERY_OPENAPI_SK: required/.test(e.message));
    const env = parseEnv({ KOOGALLERY_QUERY_ORDER: "1", KOOGALLERY_OPENAPI_AK: "ak", KOOGALLERY_OPENAPI_SK: "sk", KOOGALLERY_USAGE_PUSH_DUPLICATE_CODES: " A, B ,", KOOGALLERY_OPENAPI_ENDPOINT: "https://mkt-intl.myhuaweicloud.com/" });
    const cfg = billingConfigFromEnv(env);
    assert.deepEqual(cfg.usagePush.duplicateCodes, ["A", "B"]);
    assert.equal(cfg.openApi.endpoint, "https://mkt-intl.myhuaweicloud.com");
  });

  it("refuses malformed values", () => {
    for (const [k, v] of [["DATA_RETENTION_DAYS", "-1"], ["KOOGALLERY_PKG_USAGE_PUSH", "some"], ["USAGE_PUSH_ENABLED", "maybe"], ["KOOGALLERY_OPENAPI_ENDPOINT", "not a url"]] as const) {
      assert.throws(() => parseEnv({ [k]: v }), (e: unknown) => e instanceof EnvError && e.message.includes(k), k);
    }
  });
});

import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { EnvError, parseEnv, resetEnvForTests } from "~/env";
import { billingConfig, billingConfigFromEnv, setBillingConfigForTests } from "~/server/billing/config";

describe("billing environment", () => {
  it("defaults: China endpoint with its documented fallback host, 查询订单 and push off, usage-push key = base key, 30-day retention", () => {
    const env = parseEnv({ NODE_ENV: "development", KOOGALLERY_ACCESS_KEY: "base-key" });
    const cfg = billingConfigFromEnv(env);
    assert.equal(cfg.openApi.endpoint, "https://mkt.myhuaweicloud.com");
    assert.equal(cfg.openApi.fallbackEndpoint, "https://mkt.myhuaweicloud.cn");
    assert.equal(cfg.queryOrder, false);
    assert.equal(cfg.usagePush.enabled, false);
    assert.equal(cfg.usagePush.key, "base-key");
    // The docs: 按需套餐包 usage is all pushed to the on-demand instance; 用完即停 never under a package id.
    assert.equal(cfg.usagePush.packageUsage, "all");
    assert.equal(cfg.usagePush.stopPackageInstance, "on-demand");
    assert.equal(cfg.usagePush.maxRecordAgeMs, 21 * 86_400_000);
    assert.equal(cfg.retentionDays, 30);
    assert.equal(cfg.defaultPlanId, "basic");
  });

  it("turning 查询订单 on without AK/SK stops the boot with a named problem", () => {
    assert.throws(() => parseEnv({ KOOGALLERY_QUERY_ORDER: "1" }), (e: unknown) => e instanceof EnvError && /KOOGALLERY_OPENAPI_AK\/KOOGALLERY_OPENAPI_SK: required/.test(e.message));
    const env = parseEnv({ KOOGALLERY_QUERY_ORDER: "1", KOOGALLERY_OPENAPI_AK: "ak", KOOGALLERY_OPENAPI_SK: "sk", KOOGALLERY_OPENAPI_ENDPOINT: "https://mkt-intl.myhuaweicloud.com/" });
    const cfg = billingConfigFromEnv(env);
    assert.equal(cfg.openApi.endpoint, "https://mkt-intl.myhuaweicloud.com");
    assert.equal(cfg.openApi.fallbackEndpoint, undefined, "the .cn fallback is the China site's only");
  });

  it("the fallback host can be set or switched off; the 用完即停 instance choice is explicit", () => {
    const set = (vars: Record<string, string>) => billingConfigFromEnv(parseEnv({ NODE_ENV: "development", ...vars }));
    assert.equal(set({ KOOGALLERY_OPENAPI_FALLBACK_ENDPOINT: "none" }).openApi.fallbackEndpoint, undefined);
    assert.equal(set({ KOOGALLERY_OPENAPI_FALLBACK_ENDPOINT: "https://backup.example.com/" }).openApi.fallbackEndpoint, "https://backup.example.com");
    assert.equal(set({ KOOGALLERY_STOP_PKG_INSTANCE: "package" }).usagePush.stopPackageInstance, "package");
  });

  it("refuses malformed values", () => {
    for (const [k, v] of [["DATA_RETENTION_DAYS", "-1"], ["KOOGALLERY_PKG_USAGE_PUSH", "some"], ["USAGE_PUSH_ENABLED", "maybe"], ["KOOGALLERY_OPENAPI_ENDPOINT", "not a url"], ["KOOGALLERY_STOP_PKG_INSTANCE", "self"], ["KOOGALLERY_OPENAPI_FALLBACK_ENDPOINT", "nope"]] as const) {
      assert.throws(() => parseEnv({ [k]: v }), (e: unknown) => e instanceof EnvError && e.message.includes(k), k);
    }
  });
});

describe("billingConfig(): built once per environment, catalog and override", () => {
  it("returns the same frozen settings until the environment is parsed again or a test overrides them", () => {
    const saved = process.env.DATA_RETENTION_DAYS;
    try {
      process.env.DATA_RETENTION_DAYS = "12";
      resetEnvForTests();
      const first = billingConfig();
      assert.equal(first.retentionDays, 12);
      assert.equal(billingConfig(), first, "not rebuilt while nothing it is made of changed");
      assert.ok(Object.isFrozen(first) && Object.isFrozen(first.usagePush) && Object.isFrozen(first.openApi));
      assert.throws(() => {
        (first as { retentionDays: number }).retentionDays = 1;
      }, TypeError);

      process.env.DATA_RETENTION_DAYS = "13";
      assert.equal(billingConfig().retentionDays, 12, "the environment is read when it is parsed, not on each call");
      resetEnvForTests();
      assert.equal(billingConfig().retentionDays, 13);

      setBillingConfigForTests({ retentionDays: 99 });
      assert.equal(billingConfig().retentionDays, 99);
      setBillingConfigForTests(undefined);
      assert.equal(billingConfig().retentionDays, 13);
    } finally {
      if (saved === undefined) delete process.env.DATA_RETENTION_DAYS;
      else process.env.DATA_RETENTION_DAYS = saved;
      resetEnvForTests();
      setBillingConfigForTests(undefined);
    }
  });
});

import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { EnvError, parseEnv } from "~/env";

const KEY = Buffer.alloc(32, 7).toString("base64");

describe("environment validation", () => {
  it("development falls back to named dev defaults", () => {
    const env = parseEnv({ NODE_ENV: "development" });
    assert.equal(env.KOOGALLERY_KIT_ACCESS_KEY, env.KOOGALLERY_ACCESS_KEY, "Kit key defaults to the base key");
    assert.deepEqual(env.usingDevDefaults.sort(), ["DATA_ENCRYPTION_KEY", "KOOGALLERY_ACCESS_KEY", "NEXTAUTH_SECRET", "STAFF_PASSWORD"]);
    assert.equal(env.PGLITE_DIR, ".data/pglite");
    assert.equal(env.KOOGALLERY_SIGNATURE_WINDOW_SECONDS, 60);
  });

  it("production refuses to start on dev secrets and names each missing variable", () => {
    assert.throws(() => parseEnv({ NODE_ENV: "production" }), (err: unknown) => {
      assert.ok(err instanceof EnvError);
      for (const v of ["NEXTAUTH_SECRET", "DATA_ENCRYPTION_KEY", "STAFF_PASSWORD", "KOOGALLERY_ACCESS_KEY"]) {
        assert.match(err.message, new RegExp(`${v}: required when NODE_ENV=production`));
      }
      return true;
    });
  });

  it("production with every secret set passes; `next build` is not held to it", () => {
    const env = parseEnv({
      NODE_ENV: "production",
      NEXTAUTH_SECRET: "x".repeat(32),
      DATA_ENCRYPTION_KEY: KEY,
      STAFF_PASSWORD: "a-long-staff-password",
      KOOGALLERY_ACCESS_KEY: "ak",
      KOOGALLERY_KIT_ACCESS_KEY: "kit",
    });
    assert.equal(env.KOOGALLERY_KIT_ACCESS_KEY, "kit");
    assert.deepEqual(env.usingDevDefaults, []);
    assert.doesNotThrow(() => parseEnv({ NODE_ENV: "production", NEXT_PHASE: "phase-production-build" }));
  });

  const production = { NODE_ENV: "production", NEXTAUTH_SECRET: "x".repeat(32), DATA_ENCRYPTION_KEY: KEY, KOOGALLERY_ACCESS_KEY: "ak" };
  const weak: Array<[string, string, RegExp]> = [
    ["a single character", "x", /STAFF_PASSWORD: must be at least 12 characters in production/],
    ["11 characters", "abcdefghijk", /at least 12 characters/],
    ["the username", "operator-one", /must differ from STAFF_USERNAME/],
    ["one repeated character", "aaaaaaaaaaaaaaaa", /at least 4 different characters/],
  ];
  for (const [name, password, msg] of weak) {
    it(`production refuses a weak STAFF_PASSWORD: ${name}`, () => {
      assert.throws(() => parseEnv({ ...production, STAFF_USERNAME: "Operator-One", STAFF_PASSWORD: password }), (err: unknown) => err instanceof EnvError && msg.test(err.message));
    });
  }
  it("a weak STAFF_PASSWORD is fine outside production (the dev default keeps working)", () => {
    assert.equal(parseEnv({ NODE_ENV: "development", STAFF_PASSWORD: "x" }).STAFF_PASSWORD, "x");
    assert.equal(parseEnv({ NODE_ENV: "development" }).STAFF_PASSWORD, "admin");
    assert.equal(parseEnv({ ...production, STAFF_PASSWORD: "twelve-chars" }).STAFF_PASSWORD, "twelve-chars");
  });

  it("staff sign-in throttle settings: defaults and bounds", () => {
    const env = parseEnv({});
    assert.deepEqual([env.STAFF_LOGIN_ADDRESS_LIMIT, env.STAFF_LOGIN_USER_LIMIT, env.STAFF_LOGIN_LOCK_MINUTES, env.TRUSTED_PROXY_COUNT], [5, 20, 15, 1]);
    for (const [name, value] of [["STAFF_LOGIN_ADDRESS_LIMIT", "0"], ["STAFF_LOGIN_LOCK_MINUTES", "soon"], ["TRUSTED_PROXY_COUNT", "0"]] as const) {
      assert.throws(() => parseEnv({ [name]: value }), (err: unknown) => err instanceof EnvError && err.message.includes(name));
    }
  });

  const bad: Array<[string, Record<string, string>, RegExp]> = [
    ["DATABASE_URL not postgres", { DATABASE_URL: "mysql://x/y" }, /DATABASE_URL/],
    ["DATA_ENCRYPTION_KEY too short", { DATA_ENCRYPTION_KEY: "abc" }, /DATA_ENCRYPTION_KEY: must be 32 bytes/],
    ["window not a number", { KOOGALLERY_SIGNATURE_WINDOW_SECONDS: "soon" }, /KOOGALLERY_SIGNATURE_WINDOW_SECONDS/],
    ["bad encryption mode", { KOOGALLERY_CREDENTIAL_ENCRYPTION: "3" }, /KOOGALLERY_CREDENTIAL_ENCRYPTION/],
    ["bad boolean", { KOOGALLERY_BODY_SIGN: "maybe" }, /KOOGALLERY_BODY_SIGN/],
    ["APP_URL not a URL", { APP_URL: "localhost" }, /APP_URL/],
  ];
  for (const [name, vars, msg] of bad) {
    it(`rejects ${name}`, () => {
      assert.throws(() => parseEnv(vars), (err: unknown) => err instanceof EnvError && msg.test(err.message));
    });
  }

  it("empty strings count as unset", () => {
    const env = parseEnv({ DATABASE_URL: "", KOOGALLERY_KIT_ACCESS_KEY: "" });
    assert.equal(env.DATABASE_URL, undefined);
    assert.equal(env.KOOGALLERY_KIT_ACCESS_KEY, env.KOOGALLERY_ACCESS_KEY);
  });
});

import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { DICTIONARIES, format, type Dictionary, getTranslator, messageKey, placeholders, translateOr } from "~/i18n/dictionary";
import { ADMIN_DICTIONARIES } from "~/i18n/admin/dictionary";
import { isLocale, LOCALES, pickText } from "~/i18n/locales";

describe("dictionaries", () => {
  const en = DICTIONARIES.en;
  const keys = Object.keys(en).sort();

  it("every locale has a dictionary with exactly the same keys", () => {
    assert.deepEqual(Object.keys(DICTIONARIES).sort(), [...LOCALES].sort());
    for (const locale of LOCALES) assert.deepEqual(Object.keys(DICTIONARIES[locale]).sort(), keys, locale);
  });
  it("a dictionary missing a key is a type error (checked by tsc)", () => {
    const { "api.run": _dropped, ...incomplete } = DICTIONARIES.en;
    // @ts-expect-error — "api.run" is missing
    const broken: Dictionary = incomplete;
    assert.equal("api.run" in broken, false);
  });
  it("no message is empty", () => {
    for (const locale of LOCALES) for (const [k, v] of Object.entries(DICTIONARIES[locale])) assert.ok(v.trim().length > 0, `${locale} ${k}`);
  });
  it("both languages use the same placeholders for each key", () => {
    for (const locale of LOCALES)
      for (const k of keys) {
        const msg = DICTIONARIES[locale][k as keyof typeof en];
        assert.deepEqual(placeholders(msg).sort(), placeholders(en[k as keyof typeof en]).sort(), `${locale} ${k}`);
      }
  });
  it("the Chinese dictionary is Chinese where it differs from English", () => {
    const zh = DICTIONARIES["zh-CN"];
    assert.equal(zh["billingMode.PERIOD"], "包周期");
    assert.equal(zh["billingMode.ONE_TIME"], "按次");
    assert.equal(zh["billingMode.ON_DEMAND"], "按需");
    assert.equal(zh["billingMode.ON_DEMAND_PKG"], "按需套餐包");
    assert.equal(zh["billingMode.STOP_WHEN_USED_UP_PKG"], "用完即停套餐包");
    assert.equal(zh["meters.unlimited"], "不限");
    assert.equal(zh["state.usedUp"], "已用完");
    assert.equal(zh["login.title"], "登录");
    const same = keys.filter((k) => zh[k as keyof typeof en] === en[k as keyof typeof en]);
    // The app's name in Chinese, as the staff console's frame says it (tab titles, the /app header).
    assert.equal(zh["app.name"], ADMIN_DICTIONARIES["zh-CN"]["shell.title"]);
    // Native language names and the dash may be identical; nothing else.
    assert.deepEqual(same, ["lang.name.en", "lang.name.zh-CN", "sub.never"]);
  });
});

describe("translation helpers", () => {
  it("fills placeholders and leaves unknown ones visible", () => {
    assert.equal(format("{a} of {b}", { a: 1, b: "2" }), "1 of 2");
    assert.equal(format("{a} of {b}", { a: 1 }), "1 of {b}");
    assert.equal(format("no vars"), "no vars");
    const t = getTranslator("zh-CN");
    assert.equal(t("quotas.usage", { used: 3, limit: 5 }), "已用 3 / 5");
    assert.equal(getTranslator("en")("quotas.usage", { used: 3, limit: 5 }), "3 of 5 used");
  });
  it("plural messages: every `.one` key has its `.other` in every locale", () => {
    const keys = Object.keys(DICTIONARIES.en);
    for (const k of keys.filter((key) => key.endsWith(".one"))) assert.ok(keys.includes(k.replace(/\.one$/, ".other")), k);
    assert.equal(getTranslator("en")("api.served.one", { served: 1 }), "1 call served.");
    assert.equal(getTranslator("en")("api.served.other", { served: 2 }), "2 calls served.");
  });
  it("prepaid usage is never called on-demand billing: the on-demand line says it is beyond the packages", () => {
    assert.match(DICTIONARIES.en["meters.onDemandThisPeriod"], /beyond your packages/);
    assert.match(DICTIONARIES["zh-CN"]["meters.onDemandThisPeriod"], /超出套餐包/);
  });
  it("data-driven keys fall back to the raw value", () => {
    const t = getTranslator("en");
    assert.equal(translateOr(t, "state.usedUp", "usedUp"), "Used up");
    assert.equal(translateOr(t, "state.somethingNew", "somethingNew"), "somethingNew");
    assert.equal(messageKey("toString"), null);
    assert.equal(messageKey("__proto__"), null);
  });
  it("picks catalog texts by locale", () => {
    const text = { zh: "基础版", en: "Basic" };
    assert.equal(pickText(text, "zh-CN"), "基础版");
    assert.equal(pickText(text, "en"), "Basic");
    assert.ok(isLocale("zh-CN") && isLocale("en") && !isLocale("zh") && !isLocale(undefined));
  });
});

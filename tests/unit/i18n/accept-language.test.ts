import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { localeFromAcceptLanguage, parseAcceptLanguage, resolveLocale } from "~/i18n/accept-language";

describe("Accept-Language → locale", () => {
  it("defaults to en without a header or with nothing supported", () => {
    for (const h of [undefined, null, "", "   ", "fr-FR,de;q=0.8", "garbage;;;", ",,,"]) assert.equal(localeFromAcceptLanguage(h), "en", String(h));
  });
  it("any Chinese range picks zh-CN", () => {
    for (const h of ["zh", "zh-CN", "zh-TW", "zh-Hans-CN", "ZH-cn", "zh-HK,en;q=0.5"]) assert.equal(localeFromAcceptLanguage(h), "zh-CN", h);
  });
  it("English ranges pick en", () => {
    for (const h of ["en", "en-US", "en-GB,zh;q=0.5"]) assert.equal(localeFromAcceptLanguage(h), "en", h);
  });
  it("respects q-values, not header order", () => {
    assert.equal(localeFromAcceptLanguage("en;q=0.5, zh-CN;q=0.9"), "zh-CN");
    assert.equal(localeFromAcceptLanguage("zh;q=0.4,en;q=0.6"), "en");
    assert.equal(localeFromAcceptLanguage("en-US;q=0.8,zh-CN"), "zh-CN");
  });
  it("equal q-values keep header order", () => {
    assert.equal(localeFromAcceptLanguage("zh;q=0.7,en;q=0.7"), "zh-CN");
    assert.equal(localeFromAcceptLanguage("en,zh"), "en");
  });
  it("skips unsupported languages to the next acceptable one", () => {
    assert.equal(localeFromAcceptLanguage("fr-CH, fr;q=0.9, zh;q=0.8, en;q=0.7"), "zh-CN");
    assert.equal(localeFromAcceptLanguage("ja,en-US;q=0.9,zh-CN;q=0.8"), "en");
  });
  it("q=0 means not acceptable", () => {
    assert.equal(localeFromAcceptLanguage("zh;q=0, en;q=0.1"), "en");
    assert.equal(localeFromAcceptLanguage("en;q=0,zh;q=0.1"), "zh-CN");
    assert.equal(localeFromAcceptLanguage("zh-CN;q=0.000"), "en");
  });
  it("a wildcard picks the default unless something better comes first", () => {
    assert.equal(localeFromAcceptLanguage("*"), "en");
    assert.equal(localeFromAcceptLanguage("*;q=0.1,zh"), "zh-CN");
    assert.equal(localeFromAcceptLanguage("fr,*;q=0.5,zh;q=0.4"), "en");
  });
  it("tolerates whitespace and ignores malformed q and ranges", () => {
    assert.deepEqual(parseAcceptLanguage(" zh-CN ; q=0.9 , en ;q=0.8"), [
      { tag: "zh-cn", q: 0.9 },
      { tag: "en", q: 0.8 },
    ]);
    // A malformed q is ignored (q stays 1), a malformed range is dropped.
    assert.deepEqual(parseAcceptLanguage("en;q=abc,zh_CN,zh;q=0.5"), [
      { tag: "en", q: 1 },
      { tag: "zh", q: 0.5 },
    ]);
    assert.equal(localeFromAcceptLanguage("zhongwen"), "en");
    assert.equal(localeFromAcceptLanguage("zha,en;q=0.1"), "en");
  });
  it("caps the work on a huge header", () => {
    const header = `${"fr;q=0.9,".repeat(10_000)}zh`;
    assert.equal(localeFromAcceptLanguage(header), "en");
  });
});

describe("cookie first, then the header", () => {
  it("a valid cookie wins over Accept-Language", () => {
    assert.equal(resolveLocale("en", "zh-CN,zh;q=0.9"), "en");
    assert.equal(resolveLocale("zh-CN", "en-US"), "zh-CN");
  });
  it("an unknown or empty cookie falls back to the header", () => {
    assert.equal(resolveLocale("fr", "zh-CN"), "zh-CN");
    assert.equal(resolveLocale("zh", "en"), "en");
    assert.equal(resolveLocale("", "zh-TW"), "zh-CN");
    assert.equal(resolveLocale(undefined, undefined), "en");
  });
});

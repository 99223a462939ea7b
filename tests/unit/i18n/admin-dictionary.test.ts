/**
 * The staff console's dictionary (src/i18n/admin): defineArea already makes a zh-CN area with a
 * missing or extra key a type error; this checks what types cannot — the merged dictionaries
 * have the same keys, no area repeats another's key (a later area would silently win), every
 * message is filled, and both languages use the same placeholders.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { ADMIN_DICTIONARIES } from "~/i18n/admin/dictionary";
import { defineArea } from "~/i18n/admin/define";
import { calls } from "~/i18n/admin/calls";
import { common } from "~/i18n/admin/common";
import { instances } from "~/i18n/admin/instances";
import { licenses } from "~/i18n/admin/licenses";
import { ops } from "~/i18n/admin/ops";
import { overview } from "~/i18n/admin/overview";
import { setup } from "~/i18n/admin/setup";
import { shell } from "~/i18n/admin/shell";
import { signIns } from "~/i18n/admin/sign-ins";
import { tenants } from "~/i18n/admin/tenants";
import { usage } from "~/i18n/admin/usage";
import { placeholders } from "~/i18n/dictionary";
import { LOCALES } from "~/i18n/locales";

const AREAS = { shell, common, calls, instances, tenants, usage, licenses, overview, ops, signIns, setup };

describe("staff console dictionary", () => {
  const en = ADMIN_DICTIONARIES.en;
  const keys = Object.keys(en).sort();

  it("both languages have exactly the same keys", () => {
    for (const locale of LOCALES) assert.deepEqual(Object.keys(ADMIN_DICTIONARIES[locale]).sort(), keys, locale);
  });
  it("no two areas define the same key", () => {
    const owner = new Map<string, string>();
    for (const [name, area] of Object.entries(AREAS)) {
      for (const k of Object.keys(area.en)) {
        assert.equal(owner.get(k), undefined, `${k} is in ${owner.get(k)} and ${name}`);
        owner.set(k, name);
      }
    }
    assert.equal(owner.size, keys.length, "every area is merged into the dictionary");
  });
  it("a zh-CN area missing a key is a type error (checked by tsc)", () => {
    // @ts-expect-error — "b" is missing in zh-CN
    const area = defineArea({ a: "A", b: "B" }, { a: "甲" });
    assert.equal(Object.keys(area["zh-CN"]).length, 1);
  });
  it("every message is filled in both languages (the one empty fragment on purpose is empty in both)", () => {
    for (const locale of LOCALES) {
      for (const k of keys) {
        const msg = ADMIN_DICTIONARIES[locale][k as keyof typeof en];
        if (k === "setup.empty") assert.equal(msg, "", k);
        else assert.ok(msg.trim().length > 0, `${locale} ${k}`);
      }
    }
  });
  it("both languages use the same placeholders for each key", () => {
    for (const k of keys) {
      const key = k as keyof typeof en;
      assert.deepEqual(placeholders(ADMIN_DICTIONARIES["zh-CN"][key]).sort(), placeholders(en[key]).sort(), k);
    }
  });
});

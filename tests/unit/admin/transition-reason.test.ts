/**
 * Lifecycle reasons in the console's language (transition-label.tsx). Rows carry a reason code
 * (src/server/lifecycle/reasons.ts): every code the server can write must have a wording in both
 * languages, generated from the server's own code lists so a new code without one fails here.
 * Rows older than the code column are re-worded by their stored English, which these tests take
 * from the server's own functions; a reason of unknown shape is shown as stored.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { licenseReasonText, transitionReasonText } from "~/app/admin/(staff)/transition-label";
import { getAdminTranslator } from "~/i18n/admin/dictionary";
import { REFRESH_SCENES } from "~/koogallery/schemas";
import { INSTANCE_REASON_CODES, LICENSE_REASON_CODES, parseRefreshQuote, refreshQuote } from "~/server/lifecycle/reasons";
import { debugPlan } from "~/server/marketplace/debug-sandbox";
import { transition } from "~/server/marketplace/instance-state";
import { licenseTransition } from "~/server/license/license-state";

const zh = getAdminTranslator("zh-CN");
const en = getAdminTranslator("en");

function refusedReason(): string {
  const r = transition("RELEASED", "freeze");
  assert.equal(r.legal, false);
  return r.legal ? "" : r.reason;
}

describe("transitionReasonText, rows without a code (written before reasonCode)", () => {
  it("an illegal event names the status it met, in both languages", () => {
    const row = { event: "freeze", fromStatus: "RELEASED", reason: refusedReason() };
    assert.equal(en(`common.status.RELEASED`), "Released");
    assert.equal(transitionReasonText(row, en), "Not allowed while the instance is Released");
    assert.equal(transitionReasonText(row, zh), `实例为“${zh("common.status.RELEASED")}”时不允许此操作`);
  });

  it("a repeat, a debug call on a production instance and a revival are translated", () => {
    assert.equal(transitionReasonText({ event: "freeze", fromStatus: "FROZEN", reason: "already FROZEN" }, zh), `已是“${zh("common.status.FROZEN")}”，无需变更`);
    const ignored = debugPlan({ isTest: false, status: "ACTIVE" }, "freeze");
    assert.equal(ignored.kind, "ignore");
    const ignoredText = transitionReasonText({ event: "freeze", fromStatus: "ACTIVE", reason: ignored.kind === "ignore" ? ignored.reason : "" }, zh);
    assert.equal(ignoredText, `调试调用（${zh("instances.event.freeze")}）作用于正式实例：已记录，未应用`);
    const revived = debugPlan({ isTest: true, status: "RELEASED" }, "unfreeze");
    assert.equal(revived.kind, "revive");
    assert.equal(transitionReasonText({ event: "debugRevive", fromStatus: "RELEASED", reason: revived.kind === "revive" ? revived.reason : "" }, zh), "调试调用恢复了已释放的调试实例");
  });

  it("a reason of another shape is shown as stored; no reason is blank", () => {
    assert.equal(transitionReasonText({ event: "refresh", fromStatus: "ACTIVE", reason: "an operator's note" }, zh), "an operator's note");
    assert.equal(transitionReasonText({ event: "refresh", fromStatus: "ACTIVE", reason: null }, zh), "");
    // A look-alike with another status than the row's is not re-worded.
    assert.equal(transitionReasonText({ event: "freeze", fromStatus: "ACTIVE", reason: refusedReason() }, en), refusedReason());
  });
});

describe("licenseReasonText, rows without a code", () => {
  it("the License state machine's refusals are translated, other reasons shown as stored", () => {
    const illegal = licenseTransition("RELEASED", "freeze", false);
    const unknown = licenseTransition("UNKNOWN", "freeze", false);
    assert.ok(!illegal.legal && !unknown.legal);
    assert.equal(licenseReasonText({ fromStatus: "RELEASED", reason: illegal.reason }, zh), `授权码为“${zh("common.status.RELEASED")}”时不允许此操作`);
    assert.equal(licenseReasonText({ fromStatus: "RELEASED", reason: illegal.reason }, en), "Not allowed while the license code is Released");
    assert.equal(licenseReasonText({ fromStatus: "RELEASED", reason: unknown.reason }, zh), "本系统此前没有此授权码");
    assert.equal(licenseReasonText({ fromStatus: "ACTIVE", reason: "an operator's note" }, zh), "an operator's note");
    assert.equal(licenseReasonText({ fromStatus: "ACTIVE", reason: null }, zh), "");
  });
});

const HAN = /[\u4e00-\u9fff]/;

describe("reason codes: every code the server writes is worded in both languages", () => {
  // The row's stored English is deliberately a placeholder: a code must never fall back to it.
  const stored = "stored English text";
  for (const code of INSTANCE_REASON_CODES) {
    it(`instance code ${code}`, () => {
      const row = { event: "freeze", fromStatus: "FROZEN", reason: stored, reasonCode: code };
      const [zhText, enText] = [transitionReasonText(row, zh), transitionReasonText(row, en)];
      assert.match(zhText, HAN);
      assert.ok(!zhText.includes(stored) && !enText.includes(stored), `${code} fell back to the stored text`);
      assert.ok(!/instances\.reason/.test(zhText + enText), `${code} has no dictionary entry`);
      assert.notEqual(zhText, enText);
    });
  }
  for (const code of LICENSE_REASON_CODES) {
    it(`license code ${code}`, () => {
      const row = { fromStatus: "ACTIVE", reason: stored, reasonCode: code };
      const [zhText, enText] = [licenseReasonText(row, zh), licenseReasonText(row, en)];
      assert.match(zhText, HAN);
      assert.ok(!zhText.includes(stored) && !enText.includes(stored), `${code} fell back to the stored text`);
      assert.ok(!/licenses\.reason/.test(zhText + enText), `${code} has no dictionary entry`);
      assert.notEqual(zhText, enText);
    });
  }
});

describe("reason codes: worded from the row's own columns", () => {
  it("the state machines return the code the console words", () => {
    const refused = transition("RELEASED", "freeze");
    assert.ok(!refused.legal && refused.reasonCode === "illegal");
    const ignored = debugPlan({ isTest: false, status: "ACTIVE" }, "freeze");
    assert.ok(ignored.kind === "ignore" && ignored.reasonCode === "debugIgnored");
    const revived = debugPlan({ isTest: true, status: "RELEASED" }, "unfreeze");
    assert.ok(revived.kind === "revive" && revived.reasonCode === "debugRevived");
    const unknown = licenseTransition("UNKNOWN", "freeze", false);
    const illegal = licenseTransition("RELEASED", "freeze", false);
    assert.ok(!unknown.legal && unknown.reasonCode === "unknown" && !illegal.legal && illegal.reasonCode === "illegal");
  });

  it("status and event come from the row, whatever the stored English says", () => {
    const row = { event: "unfreeze", fromStatus: "RELEASED", reason: "unfreeze is not allowed when the instance is ACTIVE", reasonCode: "illegal" };
    assert.equal(transitionReasonText(row, zh), `实例为“${zh("common.status.RELEASED")}”时不允许此操作`);
    const ignored = { event: "release", fromStatus: "ACTIVE", reason: "…", reasonCode: "debugIgnored" };
    assert.equal(transitionReasonText(ignored, en), `Debug call (${en("instances.event.release")}) on a production instance: recorded, not applied`);
    assert.equal(transitionReasonText({ ...row, reasonCode: "already", fromStatus: "FROZEN" }, en), "Already Frozen: nothing to change");
  });

  it("a License note keeps the request's own words in front of it", () => {
    const row = { fromStatus: "ACTIVE", reason: "RENEWAL → 20271231000000; already ACTIVE", reasonCode: "already" };
    assert.equal(licenseReasonText(row, zh), `续费：请求的到期时间为 2027-12-31 00:00 UTC；已是“${zh("common.status.ACTIVE")}”，无需变更`);
    assert.equal(licenseReasonText({ ...row, reason: "already ACTIVE" }, en), "Already Active: nothing to change");
    assert.equal(
      licenseReasonText({ fromStatus: null, reason: "RENEWAL → 20271231000000; first seen", reasonCode: "firstSeen" }, en),
      "Renewal: the request asked for expiry 2027-12-31 00:00 UTC; First seen: this callback created the code here",
    );
  });

  it("a code this console does not know (a newer server) falls back to the text", () => {
    assert.equal(transitionReasonText({ event: "freeze", fromStatus: "ACTIVE", reason: "already ACTIVE", reasonCode: "fromTheFuture" }, zh), `已是“${zh("common.status.ACTIVE")}”，无需变更`);
    assert.equal(licenseReasonText({ fromStatus: "ACTIVE", reason: "an operator's note", reasonCode: "fromTheFuture" }, zh), "an operator's note");
  });
});

describe("a refresh's quote of its request (refreshQuote) is worded from its scene and expiry", () => {
  it("every scene the marketplace sends has zh and en words; the expiry is written in UTC, zone named", () => {
    for (const scene of REFRESH_SCENES) {
      const reason = refreshQuote(scene, "20271231160000");
      assert.deepEqual(parseRefreshQuote(reason), { scene, expireTime: "20271231160000" });
      for (const [t, label] of [[zh, "zh"], [en, "en"]] as const) {
        const text = transitionReasonText({ event: "refresh", fromStatus: "ACTIVE", reason, reasonCode: null }, t);
        assert.equal(text, t("common.reason.refresh", { scene: t(`common.scene.${scene}`), expiry: "2027-12-31 16:00 UTC" }), `${scene} ${label}`);
        assert.doesNotMatch(text, new RegExp(`${scene}|→`), `${scene} ${label}: worded, not quoted`);
        assert.equal(licenseReasonText({ fromStatus: "ACTIVE", reason, reasonCode: null }, t), text, `${scene} ${label}: License rows alike`);
      }
    }
    assert.equal(transitionReasonText({ event: "refresh", fromStatus: "ACTIVE", reason: refreshQuote("RENEWAL", "20271231160000") }, zh), "续费：请求的到期时间为 2027-12-31 16:00 UTC");
  });

  it("a scene this console has no words for keeps its name; a look-alike that is not a valid quote is shown as stored", () => {
    assert.equal(transitionReasonText({ event: "refresh", fromStatus: "ACTIVE", reason: "FUTURE_SCENE → 20271231160000" }, en), "FUTURE_SCENE: the request asked for expiry 2027-12-31 16:00 UTC");
    for (const reason of ["RENEWAL → 20271399000000", "RENEWAL → 2027123116000", "renewal → 20271231160000", "RENEWAL → 20271231160000 <b>x</b>", "RENEWAL->20271231160000"]) {
      assert.equal(transitionReasonText({ event: "refresh", fromStatus: "ACTIVE", reason }, zh), reason, reason);
    }
  });
});

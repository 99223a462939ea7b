/**
 * Lifecycle reasons in the console's language (transition-label.tsx): the reasons the server
 * stores in English are re-worded from the row's own event and statuses; a reason of unknown shape
 * is shown as stored. The stored texts come from the server's own functions, so a change of wording
 * there breaks this test instead of silently showing English on the zh page.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { licenseReasonText, transitionReasonText } from "~/app/admin/(staff)/transition-label";
import { getAdminTranslator } from "~/i18n/admin/dictionary";
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

describe("transitionReasonText", () => {
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
    assert.equal(transitionReasonText({ event: "refresh", fromStatus: "ACTIVE", reason: "RENEWAL → 20271231000000" }, zh), "RENEWAL → 20271231000000");
    assert.equal(transitionReasonText({ event: "refresh", fromStatus: "ACTIVE", reason: null }, zh), "");
    // A look-alike with another status than the row's is not re-worded.
    assert.equal(transitionReasonText({ event: "freeze", fromStatus: "ACTIVE", reason: refusedReason() }, en), refusedReason());
  });
});

describe("licenseReasonText", () => {
  it("the License state machine's refusals are translated, other reasons shown as stored", () => {
    const illegal = licenseTransition("RELEASED", "freeze", false);
    const unknown = licenseTransition("UNKNOWN", "freeze", false);
    assert.ok(!illegal.legal && !unknown.legal);
    assert.equal(licenseReasonText(illegal.reason, zh), `授权码为“${zh("common.status.RELEASED")}”时不允许此操作`);
    assert.equal(licenseReasonText(illegal.reason, en), "Not allowed while the license code is Released");
    assert.equal(licenseReasonText(unknown.reason, zh), "本系统此前没有此授权码");
    assert.equal(licenseReasonText("an operator's note", zh), "an operator's note");
    assert.equal(licenseReasonText(null, zh), "");
  });
});

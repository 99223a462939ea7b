/**
 * The runner with a scripted transport: instance ids captured from newInstance fill later cases,
 * must stay the same on every repeat, a missing id fails its dependants clearly, a replay case
 * sends the identical request twice, and the probe stops at the first failure.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { ConformanceCase } from "~/conformance/case-types";
import { conformancePlan, probePlan } from "~/conformance/plan";
import { runSteps } from "~/conformance/runner";
import type { HttpAnswer, Transport } from "~/conformance/sender";
import type { SignedRequest } from "~/koogallery/client";

const KEYS = { base: "k", kit: "k", license: "k" };
const json = (o: unknown): HttpAnswer => ({ status: 200, contentType: "application/json", text: JSON.stringify(o), ms: 1 });
const NEW: ConformanceCase = { id: "new", title: "new", channel: "base", body: { activity: "newInstance", orderId: "O", orderLineId: "O-1", businessId: "b", testFlag: "1" }, expectCodes: ["000000"], captureInstanceId: "instance.main" };
const RENEW: ConformanceCase = { id: "renew", title: "renew", channel: "base", body: { activity: "refreshInstance", instanceId: "${instance.main}", testFlag: "1" }, expectCodes: ["000000"] };

/** Answers by activity; records every request. */
function scripted(answers: (body: Record<string, unknown>, n: number) => HttpAnswer) {
  const sent: SignedRequest[] = [];
  const transport: Transport = async (req) => {
    sent.push(req);
    return answers(JSON.parse(req.body) as Record<string, unknown>, sent.length);
  };
  return { sent, transport };
}

describe("runSteps", () => {
  it("fills ${instance.main} from the newInstance answer", async () => {
    const t = scripted((b) => json(b.activity === "newInstance" ? { resultCode: "000000", resultMsg: "ok", instanceId: "inst-7" } : { resultCode: "000000", resultMsg: "ok" }));
    const out = await runSteps({ url: "http://x/api", keys: KEYS, steps: conformancePlan([NEW, RENEW], 1), transport: t.transport });
    assert.ok(out.steps.every((s) => s.ok), JSON.stringify(out.steps.map((s) => s.failures)));
    assert.equal(out.bindings.get("instance.main"), "inst-7");
    const renewBodies = t.sent.filter((r) => r.body.includes("refreshInstance")).map((r) => JSON.parse(r.body).instanceId);
    assert.deepEqual(renewBodies, ["inst-7", "inst-7", "inst-7"]);
  });

  it("a different instanceId on a repeat fails that step", async () => {
    const t = scripted((b, n) => json({ resultCode: "000000", resultMsg: "ok", ...(b.activity === "newInstance" ? { instanceId: `inst-${n}` } : {}) }));
    const out = await runSteps({ url: "http://x/api", keys: KEYS, steps: conformancePlan([NEW], 1), transport: t.transport });
    assert.deepEqual(out.steps.map((s) => s.ok), [true, false, false]);
    assert.match(out.steps[1]!.failures[0]!, /^instanceId changed: inst-1 before, inst-2 now/);
  });

  it("a saved expectInstanceId is what newInstance must answer", async () => {
    const t = scripted(() => json({ resultCode: "000000", resultMsg: "ok", instanceId: "other" }));
    const out = await runSteps({ url: "http://x/api", keys: KEYS, steps: probePlan([{ ...NEW, expectInstanceId: "pinned" }], 1), transport: t.transport });
    assert.match(out.steps[0]!.failures[0]!, /instanceId changed: pinned before, other now/);
  });

  it("without a newInstance answer, dependent cases fail naming the variable and send nothing", async () => {
    const t = scripted(() => json({ resultCode: "000005", resultMsg: "down" }));
    const out = await runSteps({ url: "http://x/api", keys: KEYS, steps: conformancePlan([NEW, RENEW], 1), transport: t.transport });
    const renew = out.steps.filter((s) => s.caseId === "renew");
    assert.ok(renew.every((s) => !s.ok && /needs \$\{instance\.main\}/.test(s.failures[0]!)));
    assert.equal(t.sent.filter((r) => r.body.includes("refreshInstance")).length, 0);
  });

  it("a replay case sends the identical request twice and checks both answers", async () => {
    const replay: ConformanceCase = { id: "r", title: "r", channel: "base", body: { activity: "queryInstance", instanceId: "i", testFlag: "1" }, expectCodes: ["000001"], attack: "replay" };
    const t = scripted((_b, n) => json(n === 1 ? { resultCode: "000000", resultMsg: "ok" } : { resultCode: "000001", resultMsg: "nonce already used" }));
    const out = await runSteps({ url: "http://x/api", keys: KEYS, steps: probePlan([replay], 1), transport: t.transport });
    assert.equal(out.steps[0]!.ok, true, out.steps[0]!.failures.join());
    assert.equal(t.sent.length, 2);
    assert.deepEqual(t.sent[0], t.sent[1]);
    const accepting = scripted(() => json({ resultCode: "000000", resultMsg: "ok" }));
    const bad = await runSteps({ url: "http://x/api", keys: KEYS, steps: probePlan([replay], 1), transport: accepting.transport });
    assert.match(bad.steps[0]!.failures[0]!, /^replay: resultCode 000000 \(ok\), expected 000001$/);
  });

  it("stopOnFirstFailure ends the run at the failing step", async () => {
    const t = scripted(() => ({ status: 500, contentType: "text/plain", text: "boom", ms: 1 }));
    const out = await runSteps({ url: "http://x/api", keys: KEYS, steps: probePlan([NEW, { ...NEW, id: "new2" }, { ...NEW, id: "new3" }], 1), transport: t.transport, stopOnFirstFailure: true });
    assert.equal(out.steps.length, 1);
    assert.equal(out.stopped, true);
    assert.equal(t.sent.length, 1);
  });

  it("reports redact credentials in requests and answers", async () => {
    const t = scripted(() => json({ resultCode: "000000", resultMsg: "ok", instanceId: "i", appInfo: { frontEndUrl: "https://x/", password: "p@ss", userName: "root" } }));
    const out = await runSteps({ url: "http://x/api", keys: KEYS, steps: probePlan([NEW], 1), transport: t.transport });
    assert.doesNotMatch(out.steps[0]!.answer!, /p@ss|root/);
    assert.match(out.steps[0]!.answer!, /\[redacted\]/);
  });
});

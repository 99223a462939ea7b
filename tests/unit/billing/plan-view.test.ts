import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { judgeAccount, type Account, type AccountMember } from "~/server/billing/account";
import { effectivePlan, meterRule, quotaPeriod } from "~/server/billing/plan-view";
import { TEST_CATALOG } from "../../helpers/billing";

const NOW = Date.UTC(2030, 4, 31, 20, 0, 0); // 31 May 20:00 UTC = 1 June 04:00 in UTC+8
const member = (id: string, planId: string, over: Partial<AccountMember> = {}): AccountMember => ({
  id,
  planId,
  status: "ACTIVE",
  accountKey: "customer:c:app",
  expireAt: null,
  trialEndsAt: null,
  createdAt: new Date(0),
  ...over,
});
const live = (...ms: AccountMember[]) => ms.map((m) => ({ member: m, eff: effectivePlan(TEST_CATALOG, m, NOW) }));

describe("plan view", () => {
  it("quota months follow the catalog's UTC offset", () => {
    assert.equal(quotaPeriod(TEST_CATALOG, NOW).label, "2030-05");
    const bj = quotaPeriod({ ...TEST_CATALOG, quotaPeriodUtcOffsetMinutes: 480 }, NOW);
    assert.equal(bj.label, "2030-06");
    assert.equal(bj.start.toISOString(), "2030-05-31T16:00:00.000Z");
    assert.equal(bj.end.toISOString(), "2030-06-30T16:00:00.000Z");
  });

  it("trial limits replace the plan's while the trial runs", () => {
    const trial = effectivePlan(TEST_CATALOG, member("a", "std", { trialEndsAt: new Date(NOW + 1) }), NOW);
    assert.deepEqual([trial.inTrial, trial.features, trial.quotas.seats, trial.meters.calls?.monthlyQuota], [true, ["core"], 1, 10]);
    const after = effectivePlan(TEST_CATALOG, member("a", "std", { trialEndsAt: new Date(NOW - 1) }), NOW);
    assert.deepEqual([after.inTrial, after.quotas.seats], [false, 3]);
  });

  it("meter rules: on-demand overflow beats allowance beats packages beats unmetered", () => {
    const od = member("od", "od");
    const pkg = member("pkg", "odpkg");
    const stop = member("stop", "stop");
    const std = member("std", "std");
    assert.deepEqual(meterRule(TEST_CATALOG, "k", live(pkg, od), "calls", NOW, "overflow"), { kind: "packages", overflowTo: "od", packageBilledTo: null });
    assert.deepEqual(meterRule(TEST_CATALOG, "k", live(pkg, od), "calls", NOW, "all"), { kind: "packages", overflowTo: "od", packageBilledTo: "od" });
    assert.deepEqual(meterRule(TEST_CATALOG, "k", live(pkg), "calls", NOW, "overflow"), { kind: "packages", overflowTo: null, packageBilledTo: null });
    assert.deepEqual(meterRule(TEST_CATALOG, "k", live(stop), "calls", NOW, "overflow"), { kind: "packages", overflowTo: null, packageBilledTo: "self" });
    const allowance = meterRule(TEST_CATALOG, "instance:std", live(std), "calls", NOW, "overflow");
    assert.equal(allowance?.kind, "allowance");
    assert.equal(allowance?.kind === "allowance" && allowance.grantKey, "allowance:instance:std:calls:2030-05");
    assert.deepEqual(meterRule(TEST_CATALOG, "k", live(std), "events", NOW, "overflow"), { kind: "unmetered" });
    assert.equal(meterRule(TEST_CATALOG, "k", live(std), "sms", NOW, "overflow"), undefined);
  });

  it("用完即停: the product's on-demand instance never bills beyond the packages; alone it has nothing to draw", () => {
    const carrier = member("carrier", "stop_od");
    const stop = member("stop", "stop");
    assert.deepEqual(meterRule(TEST_CATALOG, "k", live(carrier, stop), "calls", NOW, "all"), { kind: "packages", overflowTo: null, packageBilledTo: "self" });
    assert.deepEqual(meterRule(TEST_CATALOG, "k", live(carrier), "calls", NOW, "all"), { kind: "packages", overflowTo: null, packageBilledTo: "self" });
    // The 按需 product's own on-demand instance still bills on demand.
    assert.equal(meterRule(TEST_CATALOG, "k", live(member("od", "od"), stop), "calls", NOW, "all")?.kind === "packages", true);
    assert.deepEqual(meterRule(TEST_CATALOG, "k", live(member("od", "od")), "calls", NOW, "all"), { kind: "packages", overflowTo: "od", packageBilledTo: "od" });
  });

  it("linearValue of the order sets the plan's linearQuota (rounded down); the trial's limit still applies", () => {
    const cases: Array<[number | null | undefined, number]> = [
      [25, 25],
      [7.9, 7],
      [0, 0],
      [null, 3],
      [undefined, 3],
      [-1, 3],
      [Number.NaN, 3],
    ];
    for (const [linearValue, seats] of cases) {
      assert.equal(effectivePlan(TEST_CATALOG, member("t", "team", { linearValue }), NOW).quotas.seats, seats, String(linearValue));
    }
    assert.equal(effectivePlan(TEST_CATALOG, member("s", "std", { linearValue: 40 }), NOW).quotas.seats, 3, "a plan without linearQuota ignores it");
  });

  it("account judgement: a pooled account lives while any member does; otherwise the most actionable refusal", () => {
    const acc = (caller: AccountMember, ...others: AccountMember[]): Account => ({ accountKey: caller.accountKey!, caller, members: [caller, ...others] });
    const released = member("p1", "stop", { status: "RELEASED" });
    const active = member("p2", "stop");
    assert.deepEqual(judgeAccount(acc(released, active), NOW, 0).live.map((m) => m.id), ["p2"]);
    const frozen = member("p3", "stop", { status: "FROZEN" });
    assert.equal(judgeAccount(acc(released, frozen), NOW, 0).refusal, "INSTANCE_FROZEN");
    const expired = member("p4", "std", { accountKey: "instance:p4", expireAt: new Date(NOW - 60_000) });
    assert.equal(judgeAccount(acc(expired), NOW, 0).refusal, "INSTANCE_EXPIRED");
    assert.equal(judgeAccount(acc(expired), NOW, 120_000).refusal, undefined, "grace period");
    const own = member("p5", "std", { accountKey: "instance:p5", status: "RELEASED" });
    assert.equal(judgeAccount({ accountKey: "instance:p5", caller: own, members: [own, active] }, NOW, 0).refusal, "INSTANCE_RELEASED", "own accounts do not pool");
  });
});

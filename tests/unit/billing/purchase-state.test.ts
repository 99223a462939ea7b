/**
 * purchaseState(): the badge and the banners of the tenant home page for every state of a
 * purchase — stopped by the marketplace (frozen, expired, trial ended, released), a meter that
 * refuses at zero (package used up, monthly allowance used up), running low below the threshold,
 * a trial about to end — and what does not count (on-demand meters, unmetered ones, unlimited).
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { LOW_BALANCE_RATIO, purchaseState, TRIAL_ENDING_NOTICE_DAYS, type PurchaseInput } from "~/server/billing/purchase-state";

const NOW = Date.parse("2025-07-10T04:00:00Z");
const DAY = 86_400_000;
const periodEnd = new Date("2025-07-31T16:00:00Z");

type Meter = PurchaseInput["meters"][number];
const grant = (quota: number, used: number) => ({ kind: "PACKAGE", sourceInstanceId: "i", quota, used, remaining: quota - used, validUntil: null });
const packages = (quota: number, used: number, meter = "api_calls"): Meter => ({ meter, rule: "packages", remaining: quota - used, grants: [grant(quota, used)] });
const allowance = (quota: number, used: number): Meter => ({ meter: "api_calls", rule: "allowance", remaining: quota - used, grants: [{ ...grant(quota, used), kind: "ALLOWANCE" }] });

function input(over: Partial<PurchaseInput> = {}): PurchaseInput {
  return {
    refusal: undefined,
    expireAt: new Date(NOW + 30 * DAY),
    trialEndsAt: null,
    period: { start: new Date("2025-06-30T16:00:00Z"), end: periodEnd },
    plan: { inTrial: false },
    meters: [],
    ...over,
  };
}

describe("purchaseState", () => {
  const cases: Array<[string, PurchaseInput, string, unknown[]]> = [
    ["nothing to say", input({ meters: [packages(1000, 100)] }), "active", []],
    ["frozen", input({ refusal: "INSTANCE_FROZEN" }), "frozen", [{ kind: "frozen", since: null }]],
    [
      "expired: since the expiry",
      input({ refusal: "INSTANCE_EXPIRED", expireAt: new Date(NOW - DAY) }),
      "expired",
      [{ kind: "expired", since: new Date(NOW - DAY) }],
    ],
    [
      "trial ended: since the trial's end",
      input({ refusal: "TRIAL_EXPIRED", trialEndsAt: new Date(NOW - DAY) }),
      "trialEnded",
      [{ kind: "trialEnded", since: new Date(NOW - DAY) }],
    ],
    ["released", input({ refusal: "INSTANCE_RELEASED" }), "released", [{ kind: "released", since: null }]],
    ["a stopped product hides meter notices", input({ refusal: "INSTANCE_FROZEN", meters: [packages(1000, 1000)] }), "frozen", [{ kind: "frozen", since: null }]],
    ["用完即停 package at zero: used up", input({ meters: [packages(1000, 1000)] }), "usedUp", [{ kind: "usedUp", meter: "api_calls", quota: 1000 }]],
    [
      "monthly allowance at zero: used up until the month ends",
      input({ meters: [allowance(10_000, 10_000)] }),
      "allowanceUsedUp",
      [{ kind: "allowanceUsedUp", meter: "api_calls", quota: 10_000, resetsAt: periodEnd }],
    ],
    [
      "package below 10 %: running low",
      input({ meters: [packages(1000, 901)] }),
      "runningLow",
      [{ kind: "runningLow", meter: "api_calls", remaining: 99, quota: 1000, source: "packages", resetsAt: null }],
    ],
    ["package at exactly 10 %: not yet", input({ meters: [packages(1000, 900)] }), "active", []],
    [
      "allowance below 10 %: running low until the month ends",
      input({ meters: [allowance(100, 95)] }),
      "runningLow",
      [{ kind: "runningLow", meter: "api_calls", remaining: 5, quota: 100, source: "allowance", resetsAt: periodEnd }],
    ],
    [
      "on-demand meters never stop and unmetered ones have no balance",
      input({
        meters: [
          { meter: "api_calls", rule: "on-demand", remaining: 0, grants: [grant(100, 100)] },
          { meter: "sms", rule: "unmetered", remaining: null, grants: [] },
          { meter: "x", rule: "none", remaining: null, grants: [] },
        ],
      }),
      "active",
      [],
    ],
    ["in a trial that ends later", input({ plan: { inTrial: true }, trialEndsAt: new Date(NOW + 5 * DAY) }), "trial", []],
    [
      `trial ending within ${TRIAL_ENDING_NOTICE_DAYS} days`,
      input({ plan: { inTrial: true }, trialEndsAt: new Date(NOW + 2 * DAY) }),
      "trialEnding",
      [{ kind: "trialEnding", endsAt: new Date(NOW + 2 * DAY) }],
    ],
    [
      "what stops a meter comes before warnings; one notice per meter",
      input({ plan: { inTrial: true }, trialEndsAt: new Date(NOW + DAY), meters: [packages(1000, 950, "sms"), packages(1000, 1000)] }),
      "usedUp",
      [
        { kind: "usedUp", meter: "api_calls", quota: 1000 },
        { kind: "trialEnding", endsAt: new Date(NOW + DAY) },
        { kind: "runningLow", meter: "sms", remaining: 50, quota: 1000, source: "packages", resetsAt: null },
      ],
    ],
    [
      "two packages: the ratio is over everything still valid",
      input({ meters: [{ meter: "api_calls", rule: "packages", remaining: 150, grants: [grant(1000, 1000), grant(1000, 850)] }] }),
      "runningLow",
      [{ kind: "runningLow", meter: "api_calls", remaining: 150, quota: 2000, source: "packages", resetsAt: null }],
    ],
    [
      "packages bought but none valid any more: used up",
      input({ meters: [{ meter: "api_calls", rule: "packages", remaining: 0, grants: [] }] }),
      "usedUp",
      [{ kind: "usedUp", meter: "api_calls", quota: 0 }],
    ],
  ];
  for (const [name, s, status, notices] of cases) {
    it(name, () => assert.deepEqual(purchaseState(s, NOW), { status, notices }));
  }

  it("the thresholds are options (defaults: 10 %, 3 days)", () => {
    assert.equal(LOW_BALANCE_RATIO, 0.1);
    assert.equal(TRIAL_ENDING_NOTICE_DAYS, 3);
    assert.equal(purchaseState(input({ meters: [packages(1000, 700)] }), NOW, { lowBalanceRatio: 0.5 }).status, "runningLow");
    const trial = input({ plan: { inTrial: true }, trialEndsAt: new Date(NOW + 5 * DAY) });
    assert.equal(purchaseState(trial, NOW, { trialEndingNoticeDays: 7 }).status, "trialEnding");
  });
});

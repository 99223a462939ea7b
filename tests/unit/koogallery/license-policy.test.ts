/**
 * The usage policy with an injected clock and a scripted heartbeat: once per calendar day (UTC+8),
 * block with a renew-on-KooGallery message when not ALIVE, re-ask while blocked at most every
 * blockedRecheckMs, offline grace from the last ALIVE answer when the marketplace cannot answer.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { licenseError, LicenseApiError } from "~/koogallery/license-api-errors";
import type { HeartbeatResult } from "~/koogallery/license-client";
import { DAY_MS, heartbeatDue, LicenseGuard, memoryLicenseStore, type LicenseDecision } from "~/koogallery/license-policy";

type Step = { status: string; expireTime?: Date } | LicenseApiError;

function harness(script: Step[], policy: Record<string, number> = {}) {
  // 2024-05-01 00:30 in UTC+8 (= 2024-04-30 16:30 UTC).
  let now = Date.UTC(2024, 3, 30, 16, 30);
  let calls = 0;
  const store = memoryLicenseStore();
  const client = {
    heartbeat: async (license: string): Promise<HeartbeatResult> => {
      const step = script[calls++];
      if (!step) throw new Error("heartbeat called more often than scripted");
      if (step instanceof LicenseApiError) throw step;
      return { license, status: step.status, expireTime: step.expireTime, raw: {}, errorMsg: "success" };
    },
  };
  const guard = new LicenseGuard({ client, license: "CODE", store, now: () => now, policy });
  return {
    guard,
    store,
    calls: () => calls,
    advance: (ms: number) => void (now += ms),
    check: () => guard.check(),
  };
}

const unreachable = () => licenseError("UNREACHABLE", "NETWORK", "down", 0);
const allowVia = (d: LicenseDecision) => (d.allow ? d.via : `blocked:${d.reason}`);

describe("license policy", () => {
  it("asks once per calendar day (UTC+8), not once per use", async () => {
    const h = harness([{ status: "ALIVE" }, { status: "ALIVE" }]);
    assert.equal(allowVia(await h.check()), "heartbeat");
    h.advance(23 * 3600_000); // 23:30 the same day in UTC+8
    assert.equal(allowVia(await h.check()), "cached");
    assert.equal(h.calls(), 1);
    h.advance(3600_000); // 00:30 the next day
    assert.equal(allowVia(await h.check()), "heartbeat");
    assert.equal(h.calls(), 2);
  });

  it("a known expiry passing forces a new heartbeat the same day", async () => {
    const h = harness([{ status: "ALIVE", expireTime: new Date(Date.UTC(2024, 3, 30, 18, 0)) }, { status: "EXPIRED" }]);
    await h.check();
    h.advance(2 * 3600_000);
    const d = await h.check();
    assert.equal(h.calls(), 2);
    assert.equal(allowVia(d), "blocked:EXPIRED");
  });

  for (const [status, reason] of [["EXPIRED", "EXPIRED"], ["RELEASED", "RELEASED"], ["SUSPENDED", "NOT_ALIVE"]] as const) {
    it(`${status} blocks with a renew-on-KooGallery message (en + zh)`, async () => {
      const d = await harness([{ status }]).check();
      assert.equal(d.allow, false);
      if (!d.allow) {
        assert.equal(d.reason, reason);
        assert.match(d.message.en, /KooGallery/);
        assert.match(d.message.zh, /云商店/);
        assert.match(d.message.en, /[Rr]enew/);
      }
    });
  }

  it("while blocked it re-asks at most every blockedRecheckMs, and a renewal lifts the block", async () => {
    const h = harness([{ status: "EXPIRED" }, { status: "ALIVE" }], { blockedRecheckMs: 600_000 });
    assert.equal(allowVia(await h.check()), "blocked:EXPIRED");
    h.advance(599_000);
    assert.equal(allowVia(await h.check()), "blocked:EXPIRED");
    assert.equal(h.calls(), 1);
    h.advance(1_000);
    assert.equal(allowVia(await h.check()), "heartbeat");
  });

  for (const [kind, reason] of [["NOT_ACTIVATED", "NOT_ACTIVATED"], ["NOT_EXIST", "NOT_FOUND"], ["ILLEGAL_STATE", "REFUSED"], ["INVALID_PARAM", "REFUSED"]] as const) {
    it(`a ${kind} refusal of the code blocks (${reason}), even inside an offline grace`, async () => {
      const h = harness([{ status: "ALIVE" }, licenseError(kind, "92020000", kind, 200)]);
      await h.check();
      h.advance(DAY_MS);
      assert.equal(allowVia(await h.check()), `blocked:${reason}`);
    });
  }

  it("unreachable: grace from the last ALIVE answer, retried every offlineRetryMs, then blocked", async () => {
    const h = harness([{ status: "ALIVE" }, unreachable(), unreachable(), unreachable(), { status: "ALIVE" }], { offlineGraceMs: 2 * DAY_MS, offlineRetryMs: 3600_000 });
    await h.check();
    h.advance(DAY_MS);
    const d = await h.check();
    assert.equal(allowVia(d), "offline-grace");
    if (d.allow) {
      assert.equal(d.graceEndsAtMs, Date.UTC(2024, 3, 30, 16, 30) + 2 * DAY_MS);
      assert.match(d.message!.en, /offline grace/);
    }
    h.advance(30 * 60_000);
    assert.equal(allowVia(await h.check()), "offline-grace");
    assert.equal(h.calls(), 2, "no retry within offlineRetryMs");
    h.advance(30 * 60_000);
    assert.equal(allowVia(await h.check()), "offline-grace");
    assert.equal(h.calls(), 3);
    h.advance(DAY_MS); // grace over
    const blocked = await h.check();
    assert.equal(allowVia(blocked), "blocked:UNREACHABLE");
    h.advance(3600_000);
    assert.equal(allowVia(await h.check()), "heartbeat", "the marketplace answering again lifts it");
  });

  it("no grace without an earlier ALIVE answer, nor past a known expiry", async () => {
    assert.equal(allowVia(await harness([unreachable()]).check()), "blocked:UNREACHABLE");
    const h = harness([{ status: "ALIVE", expireTime: new Date(Date.UTC(2024, 4, 1, 12, 0)) }, unreachable()], { offlineGraceMs: 5 * DAY_MS });
    await h.check();
    h.advance(DAY_MS);
    assert.equal(allowVia(await h.check()), "blocked:UNREACHABLE");
  });

  it("an EXPIRED answer is not lifted by a later outage", async () => {
    const h = harness([{ status: "EXPIRED" }, unreachable()], { blockedRecheckMs: 1000 });
    await h.check();
    h.advance(2000);
    assert.equal(allowVia(await h.check()), "blocked:EXPIRED");
  });

  it("gateway and AK/SK trouble count as unreachable (the user keeps the grace)", async () => {
    const h = harness([{ status: "ALIVE" }, licenseError("AUTH_FAILED", "APIGW.0301", "bad AK/SK", 401)]);
    await h.check();
    h.advance(DAY_MS);
    assert.equal(allowVia(await h.check()), "offline-grace");
  });

  it("remembers state through the store (a restart of the software keeps the day's answer)", async () => {
    const h = harness([{ status: "ALIVE" }]);
    await h.check();
    const again = new LicenseGuard({ client: { heartbeat: async () => assert.fail("must not ask again today") }, license: "CODE", store: h.store, now: () => Date.UTC(2024, 3, 30, 17, 0) });
    assert.equal(allowVia(await again.check()), "cached");
  });

  it("heartbeatDue is due for a fresh record", () => {
    assert.equal(heartbeatDue(undefined, 0), true);
    assert.equal(heartbeatDue({}, 0), true);
  });
});

import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { transition, TRANSITIONS, type InstanceEvent } from "~/server/marketplace/instance-state";

// The whole table, written out: any change to the lifecycle must change this test too.
const EXPECTED: Array<[InstanceEvent, "ACTIVE" | "FROZEN" | "RELEASED", "ACTIVE" | "FROZEN" | "RELEASED" | null]> = [
  ["refresh", "ACTIVE", "ACTIVE"],
  ["refresh", "FROZEN", "FROZEN"],
  ["refresh", "RELEASED", null],
  ["freeze", "ACTIVE", "FROZEN"],
  ["freeze", "FROZEN", "FROZEN"],
  ["freeze", "RELEASED", null],
  ["unfreeze", "ACTIVE", "ACTIVE"],
  ["unfreeze", "FROZEN", "ACTIVE"],
  ["unfreeze", "RELEASED", null],
  ["release", "ACTIVE", "RELEASED"],
  ["release", "FROZEN", "RELEASED"],
  ["release", "RELEASED", "RELEASED"],
  ["upgrade", "ACTIVE", "ACTIVE"],
  ["upgrade", "FROZEN", "FROZEN"],
  ["upgrade", "RELEASED", null],
  ["changeCheck", "ACTIVE", "ACTIVE"],
  ["changeCheck", "FROZEN", "FROZEN"],
  ["changeCheck", "RELEASED", null],
];

describe("instance state machine", () => {
  for (const [event, from, to] of EXPECTED) {
    it(`${event} from ${from} → ${to ?? "illegal"}`, () => {
      const t = transition(from, event);
      if (to === null) {
        assert.equal(t.legal, false);
        if (!t.legal) assert.match(t.reason, new RegExp(`${event}.*${from}`));
      } else {
        assert.deepEqual(t, { legal: true, from, to, noop: from === to });
      }
    });
  }

  it("the table has no rows beyond the ones tested", () => {
    const rows = Object.entries(TRANSITIONS).flatMap(([e, row]) => Object.keys(row).map((s) => `${e}:${s}`));
    const tested = EXPECTED.filter(([, , to]) => to !== null).map(([e, s]) => `${e}:${s}`);
    assert.deepEqual(rows.sort(), tested.sort());
  });
});

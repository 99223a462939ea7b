import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { DEBUG_TRANSITIONS, licenseTransition, PRODUCTION_TRANSITIONS, type LicenseEvent, type LicenseFrom } from "~/server/license/license-state";

type S = "ACTIVE" | "FROZEN" | "RELEASED" | null;

// Both tables, written out cell by cell: any change to the lifecycle must change this test too.
const PRODUCTION: Array<[LicenseEvent, LicenseFrom, S]> = [
  ["refresh", "UNKNOWN", "ACTIVE"],
  ["refresh", "ACTIVE", "ACTIVE"],
  ["refresh", "FROZEN", "FROZEN"],
  ["refresh", "RELEASED", null],
  ["freeze", "UNKNOWN", null],
  ["freeze", "ACTIVE", "FROZEN"],
  ["freeze", "FROZEN", "FROZEN"],
  ["freeze", "RELEASED", null],
  ["unfreeze", "UNKNOWN", null],
  ["unfreeze", "ACTIVE", "ACTIVE"],
  ["unfreeze", "FROZEN", "ACTIVE"],
  ["unfreeze", "RELEASED", null],
  ["release", "UNKNOWN", "RELEASED"],
  ["release", "ACTIVE", "RELEASED"],
  ["release", "FROZEN", "RELEASED"],
  ["release", "RELEASED", "RELEASED"],
];

const DEBUG: Array<[LicenseEvent, LicenseFrom, S]> = [
  ["refresh", "UNKNOWN", "ACTIVE"],
  ["refresh", "ACTIVE", "ACTIVE"],
  ["refresh", "FROZEN", "FROZEN"],
  ["refresh", "RELEASED", "ACTIVE"],
  ["freeze", "UNKNOWN", "FROZEN"],
  ["freeze", "ACTIVE", "FROZEN"],
  ["freeze", "FROZEN", "FROZEN"],
  ["freeze", "RELEASED", "FROZEN"],
  ["unfreeze", "UNKNOWN", "ACTIVE"],
  ["unfreeze", "ACTIVE", "ACTIVE"],
  ["unfreeze", "FROZEN", "ACTIVE"],
  ["unfreeze", "RELEASED", "ACTIVE"],
  ["release", "UNKNOWN", "RELEASED"],
  ["release", "ACTIVE", "RELEASED"],
  ["release", "FROZEN", "RELEASED"],
  ["release", "RELEASED", "RELEASED"],
];

for (const [label, debug, rows, table] of [
  ["production", false, PRODUCTION, PRODUCTION_TRANSITIONS],
  ["debug", true, DEBUG, DEBUG_TRANSITIONS],
] as const) {
  describe(`license state machine (${label} calls)`, () => {
    for (const [event, from, to] of rows) {
      it(`${event} from ${from} → ${to ?? "illegal"}`, () => {
        const t = licenseTransition(from, event, debug);
        if (to === null) {
          assert.equal(t.legal, false);
          if (!t.legal) assert.match(t.reason, from === "UNKNOWN" ? /never seen/ : new RegExp(`${event}.*${from}`));
        } else {
          assert.deepEqual(t, { legal: true, from, to, noop: from === to });
        }
      });
    }
    it("the table has no rows beyond the ones tested", () => {
      const cells = Object.entries(table).flatMap(([e, row]) => Object.keys(row).map((s) => `${e}:${s}`));
      assert.deepEqual(cells.sort(), rows.filter(([, , to]) => to !== null).map(([e, s]) => `${e}:${s}`).sort());
    });
  });
}

describe("debug calls always have a way forward", () => {
  it("every event from every status is legal for testFlag=1", () => {
    for (const event of ["refresh", "freeze", "unfreeze", "release"] as const) {
      for (const from of ["UNKNOWN", "ACTIVE", "FROZEN", "RELEASED"] as const) assert.ok(licenseTransition(from, event, true).legal, `${event} from ${from}`);
    }
  });
});

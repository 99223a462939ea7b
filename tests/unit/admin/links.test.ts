/**
 * A call's subject links (links.ts): a queryInstance call over several instances links each of
 * them, never their joined list; other calls link their one subject as it is.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { callSubjects } from "~/app/admin/(staff)/links";

describe("callSubjects", () => {
  it("one link per instance of a queryInstance call", () => {
    assert.deepEqual(callSubjects({ channel: "base", activity: "queryInstance", instanceId: "inst-1, inst-2,inst-1,,inst 3" }), [
      { id: "inst-1", href: "/admin/instances/inst-1" },
      { id: "inst-2", href: "/admin/instances/inst-2" },
      { id: "inst 3", href: "/admin/instances/inst%203" },
    ]);
  });
  it("one subject otherwise: an instance, a License code, nothing", () => {
    assert.deepEqual(callSubjects({ channel: "base", activity: "newInstance", instanceId: "a,b" }), [{ id: "a,b", href: "/admin/instances/a%2Cb" }]);
    assert.deepEqual(callSubjects({ channel: "license", activity: "refreshLicenseCode", instanceId: "LIC-1" }), [{ id: "LIC-1", href: "/admin/licenses/LIC-1" }]);
    assert.deepEqual(callSubjects({ channel: "base", activity: "queryInstance", instanceId: null }), []);
  });
});

/**
 * Every place that redirects to a user-supplied address goes through the one redirect guard
 * (its own table: tests/unit/server/redirect-guard.test.ts). Here the wiring, with the inputs of
 * issue 14 and a few more: POST /lang `next`, the staff login's callbackUrl (and the deep link
 * the staff guard builds), next-auth's redirect callback, and the customer login's `next` kept
 * in the login-state cookie.
 */
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { NextRequest } from "next/server";
import { resetEnvForTests } from "~/env";
import { POST as langPost } from "~/app/lang/route";
import { safeCallbackPath, staffLoginHref } from "~/app/admin/staff-redirect";
import { authOptions } from "~/server/auth/config";
import { LOGIN_STATE_COOKIE, openLoginState } from "~/server/auth/login-state";
import { startDirectLogin } from "~/server/auth/oneaccess-routes";
import { testTargets, useTestDatabase } from "../helpers/databases";
import { LOGIN_APP_URL, syncLoginTenant } from "../helpers/oneaccess";

const SECRET = "integration-nextauth-secret-0123456789";
const HOSTILE = [
  "/.//evil.example",
  "/admin/..//evil.example",
  "/.%2e//evil.example",
  "/%2F%2Fevil.example",
  "//evil.example",
  "/\\evil.example",
  "/\t/evil.example",
  "https://evil.example/",
  "javascript:alert(1)",
  "/" + "a".repeat(5000),
];

const saved = { ...process.env };
before(() => {
  Object.assign(process.env, { APP_URL: LOGIN_APP_URL, NEXTAUTH_URL: LOGIN_APP_URL, NEXTAUTH_SECRET: SECRET });
  resetEnvForTests();
});
after(() => {
  process.env = { ...saved };
  resetEnvForTests();
});

async function lang(next: string): Promise<Response> {
  const body = new URLSearchParams({ lang: "en", next });
  return langPost(new NextRequest(`${LOGIN_APP_URL}/lang`, { method: "POST", body, headers: { "Content-Type": "application/x-www-form-urlencoded" } }));
}

describe("redirect guard wiring (no database)", () => {
  it("POST /lang answers 303 to the normalised path, or /app", async () => {
    assert.equal((await lang("/app?x=1#y")).headers.get("location"), "/app?x=1#y");
    assert.equal((await lang("/app/../app")).headers.get("location"), "/app");
    assert.equal((await lang(`${LOGIN_APP_URL}/app/x`)).headers.get("location"), "/app/x");
    for (const next of HOSTILE) {
      const res = await lang(next);
      assert.equal(res.status, 303);
      assert.equal(res.headers.get("location"), "/app", JSON.stringify(next));
    }
  });

  it("staff callbackUrl and the deep link of a signed-out visit", () => {
    assert.equal(safeCallbackPath("/admin/calls?x=1"), "/admin/calls?x=1");
    assert.equal(safeCallbackPath(["/admin/usage", "/admin"]), "/admin/usage");
    for (const v of HOSTILE) assert.equal(safeCallbackPath(v), "/admin", JSON.stringify(v));
    assert.equal(staffLoginHref("/admin/calls?x=1"), "/admin/login?callbackUrl=%2Fadmin%2Fcalls%3Fx%3D1");
    assert.equal(staffLoginHref("/admin"), "/admin/login");
    assert.equal(staffLoginHref(undefined), "/admin/login");
    assert.equal(staffLoginHref("/.//evil.example"), "/admin/login");
  });

  it("next-auth's redirect callback stays on the app's origin", async () => {
    const redirect = authOptions.callbacks!.redirect!;
    const baseUrl = LOGIN_APP_URL;
    assert.equal(await redirect({ url: `${LOGIN_APP_URL}/admin/calls?x=1`, baseUrl }), `${LOGIN_APP_URL}/admin/calls?x=1`);
    assert.equal(await redirect({ url: "/admin", baseUrl }), `${LOGIN_APP_URL}/admin`);
    for (const url of [...HOSTILE, "http://localhost:3001/admin", "http://localhost.evil.example:3000/"]) {
      assert.equal(await redirect({ url, baseUrl }), `${LOGIN_APP_URL}/`, JSON.stringify(url));
    }
  });
});

for (const target of testTargets()) {
  describe(`customer login deep link on ${target.name}`, { skip: target.skip }, () => {
    const h = useTestDatabase(target);

    it("the direct login keeps a safe `next` in the signed state cookie, and drops a hostile one", async () => {
      const t = await syncLoginTenant(h.db.prisma);
      const now = Date.now();
      const nextOf = async (next: string | null) => {
        const res = await startDirectLogin(h.db.prisma, t.tenantId, undefined, now, next);
        const value = res.headers.get("set-cookie")!.slice(LOGIN_STATE_COOKIE.length + 1).split(";")[0];
        return openLoginState(value, SECRET, now)?.next;
      };
      assert.equal(await nextOf("/app/reports?id=7"), "/app/reports?id=7");
      assert.equal(await nextOf("/app"), undefined);
      assert.equal(await nextOf(null), undefined);
      for (const v of HOSTILE) assert.equal(await nextOf(v), undefined, JSON.stringify(v));
    });
  });
}

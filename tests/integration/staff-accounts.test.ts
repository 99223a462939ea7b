/**
 * Staff accounts and roles (src/server/staff, README "Staff accounts and roles") on PGlite and
 * PostgreSQL: every staff mutation of the router refuses a viewer (table-driven over the router's
 * own procedure list, so a new mutation cannot be forgotten); the first owner is created once even
 * when replicas race; disabling ends the sessions; the last active owner is protected, also against
 * two owners demoting each other at once; every change is in the audit log.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { Session } from "next-auth";
import { appRouter, createCaller } from "~/server/api/root";
import { createContextInner } from "~/server/api/trpc";
import { checkStaffSession, createStaffSession } from "~/server/auth/staff-session";
import { staffSignIn } from "~/server/auth/staff-sign-in";
import { AppError } from "~/server/errors";
import { activeRoleOf, addStaffAccount, ensureFirstOwner, setStaffDisabled, setStaffRole, verifyStaffAccount } from "~/server/staff/accounts";
import { runTsScript } from "../helpers/child-process";
import { testTargets, useTestDatabase } from "../helpers/databases";
import { assertAppError } from "../helpers/trpc";

const EXPIRES = new Date(Date.now() + 3600_000).toISOString();
const session = (name: string, role: "owner" | "viewer"): Session => ({ expires: EXPIRES, user: { kind: "staff", name, role } });
const actor = (name: string) => ({ name, role: "owner", clientAddress: "198.51.100.7" });
const UUID = "00000000-0000-4000-8000-000000000000";

/** A valid input for each staff mutation: the refusal must come from the role, not the input. */
const MUTATION_INPUTS: Record<string, unknown> = {
  "usageAdmin.requeue": { id: UUID },
  "licenseAdmin.activate": { license: "LIC-1" },
  "licenseAdmin.heartbeat": { license: "LIC-1" },
  "callLog.rerun": { id: UUID },
  "staffAdmin.add": { userName: "mallory", password: "a long enough password", role: "owner" },
  "staffAdmin.setDisabled": { userName: "root", disabled: true },
  "staffAdmin.setRole": { userName: "root", role: "viewer" },
  "staffAdmin.resetPassword": { userName: "root", newPassword: "a long enough password" },
  "staffAdmin.endSessions": { userName: "root" },
  "signInAdmin.unlock": { scope: "address", key: "198.51.100.1" },
};

/**
 * Staff mutations open to every role because they act on the caller's own account only
 * (staffProcedure; tests/integration/staff-passwords.test.ts and staff-sessions-end.test.ts cover them).
 */
const SELF_SERVICE_MUTATIONS = ["staffAdmin.changePassword", "staffAdmin.endOwnOtherSessions"];

/** The router's mutations, read from the router itself. */
function staffMutations(): string[] {
  const procedures = appRouter._def.procedures as unknown as Record<string, { _def: { type: string } }>;
  return Object.entries(procedures)
    .filter(([path, p]) => p._def.type === "mutation" && !CUSTOMER_AREAS.some((area) => path.startsWith(`${area}.`)) && !SELF_SERVICE_MUTATIONS.includes(path))
    .map(([path]) => path)
    .sort();
}

/** Routers whose mutations are the customer's own (tenantProcedure and below), not staff actions. */
const CUSTOMER_AREAS = ["tenant", "project", "dataExport"];

function callPath(caller: ReturnType<typeof createCaller>, path: string, input: unknown): Promise<unknown> {
  const [area, name] = path.split(".") as [string, string];
  return (caller as unknown as Record<string, Record<string, (i: unknown) => Promise<unknown>>>)[area]![name]!(input);
}

for (const target of testTargets()) {
  describe(`staff accounts and roles on ${target.name}`, { skip: target.skip }, () => {
    const h = useTestDatabase(target);
    const db = () => h.db.prisma;

    it("the first owner comes from the environment credential, once", async () => {
      assert.equal(await ensureFirstOwner(db(), { userName: "root", password: "first password" }, Date.now()), true);
      assert.equal(await ensureFirstOwner(db(), { userName: "root", password: "changed password" }, Date.now()), false);
      assert.equal(await ensureFirstOwner(db(), { userName: "someone-else", password: "x" }, Date.now()), false, "only one bootstrap row ever");
      assert.deepEqual(await verifyStaffAccount(db(), "root", "first password"), { name: "root", role: "owner" });
      assert.equal(await verifyStaffAccount(db(), "root", "changed password"), null, "a later STAFF_PASSWORD changes nothing");
      assert.equal(await verifyStaffAccount(db(), "nobody", "first password"), null);
      const row = await db().staffAccount.findUniqueOrThrow({ where: { userName: "root" } });
      assert.match(row.passwordHash, /^\$2[aby]\$10\$/, "bcrypt, never the password");
    });

    it("every staff mutation refuses a viewer with FORBIDDEN (OWNER_ONLY)", async () => {
      const mutations = staffMutations();
      assert.deepEqual(mutations, Object.keys(MUTATION_INPUTS).sort(), "a new staff mutation needs a row here (and ownerProcedure)");
      const asViewer = createCaller(createContextInner({ session: session("victor", "viewer") }));
      const auditBefore = await db().staffAuditEvent.count();
      for (const path of mutations) await assertAppError(callPath(asViewer, path, MUTATION_INPUTS[path]), "FORBIDDEN", "OWNER_ONLY");
      assert.equal(await db().staffAuditEvent.count(), auditBefore, "a refused mutation writes nothing");
      // … while reads stay open to a viewer.
      assert.ok(Array.isArray(await asViewer.staffAdmin.list()));
      assert.ok(Array.isArray((await asViewer.auditAdmin.list({})).items));
    });

    it("owners add accounts (audited); names are unique; weak passwords are refused in production", async () => {
      const asOwner = createCaller(createContextInner({ session: session("root", "owner"), clientAddress: "203.0.113.5" }));
      await asOwner.staffAdmin.add({ userName: "vera", password: "vera's password", role: "viewer" });
      await assertAppError(asOwner.staffAdmin.add({ userName: "vera", password: "another one", role: "owner" }), "CONFLICT", "STAFF_NAME_TAKEN");
      await assertAppError(asOwner.staffAdmin.add({ userName: "empty", password: "", role: "owner" }), "BAD_REQUEST", "WEAK_PASSWORD");
      await assert.rejects(
        addStaffAccount(db(), actor("root"), { userName: "shorty", password: "short", role: "viewer", production: true, nowMs: Date.now() }),
        (e: unknown) => e instanceof AppError && e.code === "WEAK_PASSWORD" && /at least 12 characters/.test(e.message),
      );
      assert.deepEqual(await verifyStaffAccount(db(), "vera", "vera's password"), { name: "vera", role: "viewer" });
      const audit = await db().staffAuditEvent.findFirstOrThrow({ where: { action: "staff.add", target: "vera" } });
      assert.deepEqual([audit.actor, audit.actorRole, audit.clientAddress, audit.details], ["root", "owner", "203.0.113.5", { role: "viewer" }]);
      const listed = await asOwner.staffAdmin.list();
      assert.ok(listed.every((a) => !("passwordHash" in a)), "the hash never leaves the server");
    });

    it("sign-in checks the accounts; a disabled account cannot sign in and its sessions end at once", async () => {
      await addStaffAccount(db(), actor("root"), { userName: "dora", password: "dora's password", role: "owner", production: false, nowMs: Date.now() });
      const deps = {
        db: db(),
        policy: { addressLimit: 50, userLimit: 50, lockMs: 60_000 },
        sessionMaxAgeSeconds: 3600,
        verify: async (u: string, p: string) => {
          const a = await verifyStaffAccount(db(), u, p);
          return a ? ({ kind: "staff", name: a.name, role: a.role } as const) : null;
        },
      };
      const input = { userName: "dora", password: "dora's password", clientAddress: "198.51.100.20", userAgent: null, nowMs: Date.now() };
      const signedIn = await staffSignIn(deps, input);
      assert.equal(signedIn.kind, "signed_in");
      const sid = signedIn.kind === "signed_in" ? signedIn.sessionId : "";
      const other = await createStaffSession(db(), { userName: "dora", clientAddress: "x", maxAgeSeconds: 3600, nowMs: Date.now() });
      assert.deepEqual(await checkStaffSession(db(), sid, "dora", Date.now()), { ok: true, role: "owner" });

      await setStaffRole(db(), actor("root"), { userName: "dora", role: "viewer", nowMs: Date.now() });
      assert.deepEqual(await checkStaffSession(db(), sid, "dora", Date.now()), { ok: true, role: "viewer" }, "the role applies to the next request");

      await setStaffDisabled(db(), actor("root"), { userName: "dora", disabled: true, nowMs: Date.now() });
      for (const s of [sid, other]) assert.equal((await checkStaffSession(db(), s, "dora", Date.now())).ok, false, "every session ended");
      assert.equal((await staffSignIn(deps, { ...input, nowMs: Date.now() })).kind, "wrong_credentials");
      assert.equal(await activeRoleOf(db(), "dora"), null);
      const ev = await db().staffAuditEvent.findFirstOrThrow({ where: { action: "staff.disable", target: "dora" } });
      assert.deepEqual(ev.details, { sessionsEnded: 2 });

      await setStaffDisabled(db(), actor("root"), { userName: "dora", disabled: false, nowMs: Date.now() });
      assert.equal((await staffSignIn(deps, { ...input, nowMs: Date.now() })).kind, "signed_in", "enabled again");
      assert.deepEqual(
        (await db().staffAuditEvent.findMany({ where: { target: "dora" }, orderBy: { at: "asc" }, select: { action: true } })).map((e) => e.action),
        ["staff.add", "staff.role", "staff.disable", "staff.enable"],
      );
    });

    it("the last active owner can be neither disabled nor demoted, even by two owners at once", async () => {
      // Owners now: root (bootstrap) and whoever earlier cases left; make it exactly root + olga.
      await db().staffAccount.updateMany({ where: { role: "owner", userName: { notIn: ["root"] } }, data: { role: "viewer" } });
      await addStaffAccount(db(), actor("root"), { userName: "olga", password: "olga's password", role: "owner", production: false, nowMs: Date.now() });
      // Each demotes the other at the same moment: exactly one may succeed.
      const results = await Promise.allSettled([
        setStaffRole(db(), actor("root"), { userName: "olga", role: "viewer", nowMs: Date.now() }),
        setStaffRole(db(), actor("olga"), { userName: "root", role: "viewer", nowMs: Date.now() }),
      ]);
      assert.equal(results.filter((r) => r.status === "fulfilled").length, 1, JSON.stringify(results.map((r) => r.status)));
      const refused = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
      assert.equal((refused.reason as AppError).code, "LAST_OWNER");
      const owners = await db().staffAccount.findMany({ where: { role: "owner", disabledAt: null } });
      assert.equal(owners.length, 1);
      const last = owners[0]!.userName;
      await assert.rejects(setStaffDisabled(db(), actor(last), { userName: last, disabled: true, nowMs: Date.now() }), (e: unknown) => e instanceof AppError && e.code === "LAST_OWNER");
      await assert.rejects(setStaffRole(db(), actor(last), { userName: last, role: "viewer", nowMs: Date.now() }), (e: unknown) => e instanceof AppError && e.code === "LAST_OWNER");
      assert.equal(await activeRoleOf(db(), last), "owner");
    });

    it("the audit page lists events newest first, filtered by actor and action, page by page", async () => {
      const asViewer = createCaller(createContextInner({ session: session("victor", "viewer") }));
      const all = await asViewer.auditAdmin.list({ limit: 200 });
      assert.ok(all.items.length >= 6);
      for (let i = 1; i < all.items.length; i++) assert.ok(all.items[i - 1]!.at >= all.items[i]!.at, "newest first");
      const byRoot = await asViewer.auditAdmin.list({ actor: "root", action: "staff.add" });
      assert.ok(byRoot.items.length >= 2 && byRoot.items.every((e) => e.actor === "root" && e.action === "staff.add"));
      const seen: string[] = [];
      let cursor: string | undefined;
      do {
        const page = await asViewer.auditAdmin.list({ limit: 2, cursor });
        seen.push(...page.items.map((e) => e.id));
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
      assert.deepEqual(seen, all.items.map((e) => e.id), "pages neither skip nor repeat");
    });
  });
}

const pgTarget = testTargets().find((t) => t.name === "PostgreSQL")!;
describe("first-owner bootstrap across replicas (PostgreSQL)", { skip: pgTarget.skip }, () => {
  const h = useTestDatabase(pgTarget);
  it("3 processes × 4 concurrent first sign-ins → exactly one owner", async () => {
    const created = await Promise.all([1, 2, 3].map(() => runTsScript<number>("tests/helpers/staff-bootstrap-worker.ts", [h.url!, "root", "first password", "4"])));
    assert.equal(created.reduce((a, b) => a + b, 0), 1, "one call created it");
    const rows = await h.db.prisma.staffAccount.findMany();
    assert.deepEqual(rows.map((r) => [r.userName, r.role, r.bootstrap]), [["root", "owner", true]]);
  });
});

/**
 * The metered customer call as the /api/trpc route runs it (createTRPCContext on the request's
 * session cookie → featureProcedure → consume()), on both databases:
 * - session row, tenant and entitlement are ONE statement, the debit one more, and Prisma runs
 *   none (statements counted by wrapping the database's driver and the Prisma client, and on
 *   PostgreSQL once more at pg.Client#query, below everything);
 * - revocation stays immediate: after sign-out, authSync enable=false, a freeze or a release the
 *   very next call with the same cookie is refused and debits nothing.
 */
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { before, describe, it } from "node:test";
import { encode, type JWT } from "next-auth/jwt";
import pg from "pg";
import type { PrismaClient } from "~/generated/prisma/client";
import { createCaller } from "~/server/api/root";
import { createTRPCContext } from "~/server/api/trpc";
import { authOptions } from "~/server/auth/config";
import { CATALOG } from "~/server/billing/catalog";
import { setCatalogForTests } from "~/server/billing/config";
import { setDatabaseForTests } from "~/server/db";
import type { Database } from "~/server/db/connection";
import { useBillingKit } from "../helpers/billing";
import { signInCustomer } from "../helpers/customer-sign-in";
import { testTargets, useTestDatabase } from "../helpers/databases";
import { callBase, callKit, kitTimeStamp } from "../helpers/marketplace";
import { emulator, LOGIN_APP_ID, LOGIN_SECRET, syncLoginTenant, loginEnvForThisFile, type SyncedTenant } from "../helpers/oneaccess";
import { assertAppError } from "../helpers/trpc";

const SECRET = LOGIN_SECRET;
loginEnvForThisFile();

/** A request carrying the browser's session cookie, through the route's context. */
async function callApi(cookie: string, count = 1) {
  const ctx = await createTRPCContext({ headers: new Headers({ cookie: `other=1; next-auth.session-token=${cookie}` }) });
  return createCaller(ctx).tenant.callApi({ count, requestId: randomUUID() });
}

/** The database with every driver statement and every Prisma operation counted. */
function counted(db: Database) {
  const seen = { driver: [] as string[], prisma: [] as string[] };
  const prisma = db.prisma.$extends({
    query: {
      async $allOperations({ operation, model, args, query }) {
        seen.prisma.push(`${model ?? ""}.${operation}`);
        return query(args);
      },
    },
  }) as unknown as PrismaClient;
  const database: Database = {
    ...db,
    prisma,
    // The hot path's statements (src/server/db/sql.ts), registered for the wrapped client by setDatabaseForTests.
    sql: { query: (statement) => (seen.driver.push(statement.text), db.sql.query(statement)) },
    withConnection: (fn) => db.withConnection((c) => fn({ ...c, query: (text, params) => (seen.driver.push(text), c.query(text, params)) })),
  };
  return { database, seen };
}

/**
 * PostgreSQL: every statement any part of the app sends (our driver SQL and Prisma's adapter
 * alike) goes through pg.Client#query — counted there during `fn`, below every wrapper.
 */
async function clientQueries<T>(fn: () => Promise<T>): Promise<{ value: T; texts: string[] }> {
  const texts: string[] = [];
  const original = pg.Client.prototype.query;
  pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
    const q = args[0];
    texts.push(typeof q === "string" ? q : String((q as { text?: unknown })?.text ?? q));
    return (original as (...a: unknown[]) => unknown).apply(this, args);
  } as typeof original;
  try {
    return { value: await fn(), texts };
  } finally {
    pg.Client.prototype.query = original;
  }
}

async function authSync(prisma: PrismaClient, t: SyncedTenant, users: Array<{ userName: string; enable: "true" | "false" }>) {
  const ts = kitTimeStamp();
  const userList = users.map((u) => ({ userName: u.userName, name: u.userName.toUpperCase(), orgCode: "1", role: "user", enable: u.enable }));
  const r = await callKit(prisma, "authSync", { instanceId: t.instanceId, tenantId: t.tenantId, appId: LOGIN_APP_ID, currentSyncTime: ts, flag: 2, testFlag: 0, timeStamp: ts, userList });
  assert.equal(r.json.resultCode, "000000", r.text);
}

for (const target of testTargets()) {
  describe(`the metered customer call on ${target.name}`, { skip: target.skip }, () => {
    const h = useTestDatabase(target);
    const kit = useBillingKit();
    before(() => setCatalogForTests(CATALOG));

    /** A 用完即停 package's tenant with alice and bob signed in (their cookies). */
    async function signedIn(sku = "mock-sku-stop-pack-1k", opts: Parameters<typeof kit.buy>[2] = { chargingMode: "ON_DEMAND_PKG", validDays: 30, customerId: `C${randomUUID().slice(0, 8)}` }) {
      const prisma = h.db.prisma;
      const [instanceId] = await kit.buy(prisma, sku, opts);
      const { orderId } = await prisma.instance.findUniqueOrThrow({ where: { id: instanceId! }, select: { orderId: true } });
      const tenant = await syncLoginTenant(prisma, { instance: { instanceId: instanceId!, orderId } });
      const em = emulator(prisma);
      const cookies: Record<string, { cookie: string; token: JWT }> = {};
      for (const userName of ["alice", "bob"]) {
        const s = await signInCustomer(prisma, em, tenant, await em.code(tenant, userName));
        assert.ok(s.ok);
        cookies[userName] = { cookie: await encode({ token: s.token, secret: SECRET }), token: s.token };
      }
      return { tenant, cookies: cookies as Record<"alice" | "bob", { cookie: string; token: JWT }> };
    }

    const debits = (instanceId: string) => h.db.prisma.usageDebit.count({ where: { instanceId } });

    it("reads session, tenant and entitlement in one statement, debits in one more, and runs nothing through Prisma", async () => {
      const { tenant, cookies } = await signedIn();
      assert.equal((await callApi(cookies.alice.cookie)).remaining, 999, "warm-up call served");
      const { database, seen } = counted(h.db);
      // The wrapper really sees Prisma's raw queries (else "no Prisma statement" would prove nothing).
      await database.prisma.$queryRawUnsafe("SELECT 1");
      assert.deepEqual(seen.prisma, [".$queryRawUnsafe"]);
      seen.prisma.length = 0;
      setDatabaseForTests(database);
      try {
        const served = await callApi(cookies.alice.cookie, 2);
        assert.deepEqual([served.served, served.remaining, served.replayed], [2, 997, false]);
      } finally {
        setDatabaseForTests(h.db);
      }
      assert.deepEqual(seen.prisma, [], "no Prisma operation on the metered path");
      assert.equal(seen.driver.length, 2, `two statements, got:\n${seen.driver.join("\n---\n")}`);
      if (target.name !== "PGlite") {
        // The same count at the wire: nothing else (no BEGIN/COMMIT, no Prisma) reaches PostgreSQL.
        const { value, texts } = await clientQueries(() => callApi(cookies.alice.cookie));
        assert.equal(value.remaining, 996);
        assert.equal(texts.length, 2, `two statements at the driver, got:\n${texts.join("\n---\n")}`);
      }
      const [context, debit] = seen.driver;
      for (const table of ["CustomerSession", "Tenant", "Instance"]) assert.match(context!, new RegExp(`"${table}"`), `the first statement reads ${table}`);
      assert.doesNotMatch(context!, /"MeterGrant"/);
      assert.match(debit!, /"MeterGrant"/, "the second statement is the debit");
      assert.equal(await debits(tenant.instanceId), target.name === "PGlite" ? 2 : 3);
    });

    it("sign-out: the same cookie's next metered call is refused and debits nothing", async () => {
      const { tenant, cookies } = await signedIn();
      await callApi(cookies.alice.cookie);
      await authOptions.events!.signOut!({ token: cookies.alice.token, session: undefined as never });
      await assertAppError(callApi(cookies.alice.cookie), "UNAUTHORIZED", "UNAUTHENTICATED");
      assert.equal(await debits(tenant.instanceId), 1);
      assert.equal((await callApi(cookies.bob.cookie)).served, 1, "another user's session is not affected");
    });

    it("authSync enable=false: the user's next metered call is refused; other users go on", async () => {
      const { tenant, cookies } = await signedIn();
      await callApi(cookies.bob.cookie);
      await authSync(h.db.prisma, tenant, [{ userName: "bob", enable: "false" }]);
      await assertAppError(callApi(cookies.bob.cookie), "UNAUTHORIZED", "UNAUTHENTICATED");
      assert.equal(await debits(tenant.instanceId), 1);
      assert.equal((await callApi(cookies.alice.cookie)).served, 1);
    });

    it("frozen, then released: the next metered call is refused at once", async () => {
      const { tenant, cookies } = await signedIn("mock-sku-basic-monthly", { chargingMode: "PERIOD", validDays: 30 });
      assert.equal((await callApi(cookies.alice.cookie)).served, 1);
      assert.equal((await callBase(h.db.prisma, { activity: "updateInstanceStatus", instanceId: tenant.instanceId, status: "FREEZE" })).json.resultCode, "000000");
      await assertAppError(callApi(cookies.alice.cookie), "PAYMENT_REQUIRED", "INSTANCE_FROZEN");
      assert.equal((await callBase(h.db.prisma, { activity: "updateInstanceStatus", instanceId: tenant.instanceId, status: "UNFREEZE" })).json.resultCode, "000000");
      assert.equal((await callApi(cookies.alice.cookie)).served, 1, "unfrozen: served again");
      assert.equal((await callBase(h.db.prisma, { activity: "releaseInstance", instanceId: tenant.instanceId })).json.resultCode, "000000");
      await assertAppError(callApi(cookies.alice.cookie), "FORBIDDEN", "INSTANCE_RELEASED");
      assert.equal(await debits(tenant.instanceId), 2);
    });

    it("a cookie naming an unknown session, or another user's session, is refused", async () => {
      const { tenant, cookies } = await signedIn();
      const unknown = await encode({ token: { ...cookies.alice.token, sid: "no-such-session" }, secret: SECRET });
      await assertAppError(callApi(unknown), "UNAUTHORIZED", "UNAUTHENTICATED");
      const borrowed = await encode({ token: { ...cookies.alice.token, sid: cookies.bob.token.sid }, secret: SECRET });
      await assertAppError(callApi(borrowed), "UNAUTHORIZED", "UNAUTHENTICATED");
      assert.equal(await debits(tenant.instanceId), 0);
    });
  });
}

/**
 * Statements per signed call (README "Marketplace callbacks: statements per call"): a new
 * order, its redelivery and queryInstance each take two statements — the open statement (call
 * row + nonce claim + the work) and the call's completion. Counted at the driver, below Prisma
 * and below src/server/db/sql.ts, so every statement either of them sends is seen: on
 * PostgreSQL every pg.Client query (pool and Prisma adapter alike; BEGIN/COMMIT count too), on
 * PGlite every query/exec of the instance (a transaction counts BEGIN, its statements, COMMIT).
 */
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { PGlite } from "@electric-sql/pglite";
import pg from "pg";
import { databaseOnPglite, type Database } from "~/server/db/connection";
import { migrate } from "~/server/db/migrator";
import { setDatabaseForTests } from "~/server/db";
import { createTestDatabase, testTargets, type TestTarget } from "../helpers/databases";
import { callBase, newOrder } from "../helpers/marketplace";

/** Counts statements sent while `counting` is on. */
class StatementCounter {
  counting = false;
  texts: string[] = [];
  seen(text: unknown): void {
    if (this.counting) this.texts.push(typeof text === "string" ? text : String((text as { text?: unknown })?.text ?? text));
  }
  async during<T>(fn: () => Promise<T>): Promise<{ value: T; statements: string[] }> {
    this.texts = [];
    this.counting = true;
    try {
      return { value: await fn(), statements: this.texts };
    } finally {
      this.counting = false;
    }
  }
}

/** PGlite whose query/exec/transaction report to the counter. */
function countedPglite(counter: StatementCounter): PGlite {
  const pglite = new PGlite();
  const query = pglite.query.bind(pglite);
  const exec = pglite.exec.bind(pglite);
  const transaction = pglite.transaction.bind(pglite);
  pglite.query = ((text: string, ...rest: unknown[]) => {
    counter.seen(text);
    return (query as (...a: unknown[]) => unknown)(text, ...rest);
  }) as typeof pglite.query;
  pglite.exec = ((text: string, ...rest: unknown[]) => {
    counter.seen(text);
    return (exec as (...a: unknown[]) => unknown)(text, ...rest);
  }) as typeof pglite.exec;
  pglite.transaction = (async (fn: (tx: Parameters<Parameters<typeof transaction>[0]>[0]) => Promise<unknown>) => {
    counter.seen("BEGIN");
    try {
      return await transaction(async (tx) => {
        const txQuery = tx.query.bind(tx);
        const txExec = tx.exec.bind(tx);
        const counted = Object.create(tx) as typeof tx;
        counted.query = ((text: string, ...rest: unknown[]) => {
          counter.seen(text);
          return (txQuery as (...a: unknown[]) => unknown)(text, ...rest);
        }) as typeof tx.query;
        counted.exec = ((text: string, ...rest: unknown[]) => {
          counter.seen(text);
          return (txExec as (...a: unknown[]) => unknown)(text, ...rest);
        }) as typeof tx.exec;
        return fn(counted);
      });
    } finally {
      counter.seen("COMMIT/ROLLBACK");
    }
  }) as typeof pglite.transaction;
  return pglite;
}

function useCountedDatabase(target: TestTarget, counter: StatementCounter): { readonly db: Database } {
  let db: Database | undefined;
  let drop: (() => Promise<void>) | undefined;
  let restore: (() => void) | undefined;
  before(async () => {
    if (target.skip) return;
    if (target.name === "PGlite") {
      db = databaseOnPglite(countedPglite(counter), "PGlite (counted)");
      await migrate(db);
      drop = () => db!.close();
    } else {
      ({ db, drop } = await createTestDatabase(target));
      // Every statement of the pool (sql.ts) and of Prisma's adapter goes through Client#query.
      const original = pg.Client.prototype.query;
      pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
        counter.seen(args[0]);
        return (original as (...a: unknown[]) => unknown).apply(this, args);
      } as typeof original;
      restore = () => {
        pg.Client.prototype.query = original;
      };
    }
    setDatabaseForTests(db);
  });
  after(async () => {
    restore?.();
    setDatabaseForTests(undefined);
    await drop?.();
  });
  return {
    get db() {
      if (!db) throw new Error("database not ready");
      return db;
    },
  };
}

for (const target of testTargets()) {
  describe(`statements per signed call on ${target.name}`, { skip: target.skip }, () => {
    const counter = new StatementCounter();
    const h = useCountedDatabase(target, counter);

    it("a new order takes 2 statements and is fully written: instance, order, audit row, completed call", async () => {
      const order = newOrder();
      const { value: res, statements } = await counter.during(() => callBase(h.db.prisma, order));
      assert.equal(res.json.resultCode, "000000", res.text);
      assert.equal(statements.length, 2, statements.join("\n---\n"));
      assert.equal(res.json.instanceId, order.businessId);
      assert.ok((res.json.appInfo as Record<string, string>).password, "credentials returned (encrypted)");
      const inst = await h.db.prisma.instance.findUniqueOrThrow({ where: { id: order.businessId }, include: { orders: true, transitions: true } });
      assert.equal(inst.status, "ACTIVE");
      assert.equal(inst.orders.length, 1);
      assert.equal(inst.transitions.length, 1);
      const call = await h.db.prisma.marketplaceCall.findFirstOrThrow({ where: { orderId: order.orderId } });
      assert.equal(call.resultCode, "000000");
      assert.equal(call.activity, "newInstance");
      assert.equal(inst.transitions[0]!.callId, call.id);
      assert.ok(call.completedAt);
    });

    it("a redelivered order takes 2 statements and answers the same instance without writing another", async () => {
      const order = newOrder();
      const first = await callBase(h.db.prisma, order);
      const { value: again, statements } = await counter.during(() => callBase(h.db.prisma, { ...order, businessId: "another-business-id" }));
      assert.equal(again.json.resultCode, "000000", again.text);
      assert.equal(statements.length, 2, statements.join("\n---\n"));
      assert.equal(again.json.instanceId, first.json.instanceId);
      assert.equal(await h.db.prisma.instance.count({ where: { orderId: order.orderId } }), 1);
      assert.equal(await h.db.prisma.instanceOrder.count({ where: { orderId: order.orderId } }), 1);
      assert.equal(await h.db.prisma.marketplaceCall.count({ where: { orderId: order.orderId, resultCode: "000000" } }), 2);
    });

    it("queryInstance takes 2 statements", async () => {
      const a = (await callBase(h.db.prisma, newOrder())).json.instanceId as string;
      const b = (await callBase(h.db.prisma, newOrder())).json.instanceId as string;
      const { value: res, statements } = await counter.during(() =>
        callBase(h.db.prisma, { activity: "queryInstance", instanceId: `${a},unknown-id,${b}` }),
      );
      assert.equal(res.json.resultCode, "000000", res.text);
      assert.equal(statements.length, 2, statements.join("\n---\n"));
      assert.deepEqual((res.json.info as Array<{ instanceId: string }>).map((i) => i.instanceId), [a, b]);
    });

    it("a replayed nonce takes 2 statements and writes nothing but the call", async () => {
      const order = newOrder();
      const nonce = "A".repeat(64);
      assert.equal((await callBase(h.db.prisma, newOrder(), { nonce })).json.resultCode, "000000");
      const { value: replay, statements } = await counter.during(() => callBase(h.db.prisma, order, { nonce }));
      assert.notEqual(replay.json.resultCode, "000000");
      assert.equal(statements.length, 2, statements.join("\n---\n"));
      assert.equal(await h.db.prisma.instance.count({ where: { orderId: order.orderId } }), 0);
      const call = await h.db.prisma.marketplaceCall.findFirstOrThrow({ where: { orderId: order.orderId } });
      assert.equal(call.resultCode, replay.json.resultCode);
    });
  });
}

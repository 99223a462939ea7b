/**
 * Several app processes sharing one PostgreSQL: the same newInstance delivered concurrently
 * to four replicas (15 in flight each) creates one instance, and every delivery is answered
 * with its id. Idempotency lives in the database's unique key, not in process memory.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { runTsScript } from "../helpers/child-process";
import { testTargets, useTestDatabase } from "../helpers/databases";
import { newOrder } from "../helpers/marketplace";

const runReplica = (url: string, order: object, n: number) =>
  runTsScript<Array<{ code: string; id: string }>>("tests/helpers/replica-worker.ts", [url, JSON.stringify(order), String(n)]);

const pgTarget = testTargets().find((t) => t.name === "PostgreSQL")!;

describe("replicas sharing PostgreSQL", { skip: pgTarget.skip }, () => {
  const h = useTestDatabase(pgTarget);

  it("4 processes × 15 concurrent identical newInstance → one instance, one id", async () => {
    const order = newOrder();
    const answers = (await Promise.all([1, 2, 3, 4].map(() => runReplica(h.url!, order, 15)))).flat();
    assert.equal(answers.length, 60);
    assert.deepEqual([...new Set(answers.map((a) => a.code))], ["000000"]);
    const ids = new Set(answers.map((a) => a.id));
    assert.equal(ids.size, 1);
    assert.equal(await h.db.prisma.instance.count({ where: { orderId: order.orderId } }), 1);
    const calls = await h.db.prisma.marketplaceCall.count({ where: { orderId: order.orderId } });
    assert.equal(calls, 60, "every delivery is in the call log");
  });
});

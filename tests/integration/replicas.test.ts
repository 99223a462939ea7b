/**
 * Several app processes sharing one PostgreSQL: the same newInstance delivered concurrently
 * to four replicas (15 in flight each) creates one instance, and every delivery is answered
 * with its id. Idempotency lives in the database's unique key, not in process memory.
 */
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { describe, it } from "node:test";
import { testTargets, useTestDatabase } from "../helpers/databases";
import { newOrder } from "../helpers/marketplace";

function runReplica(url: string, order: object, n: number): Promise<Array<{ code: string; id: string }>> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", "tests/helpers/replica-worker.ts", url, JSON.stringify(order), String(n)], {
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    let err = "";
    child.stdout.on("data", (d) => (out += d));
    child.stderr.on("data", (d) => (err += d));
    child.on("exit", (code) => (code === 0 ? resolve(JSON.parse(out)) : reject(new Error(`replica exited ${code}: ${err}`))));
  });
}

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

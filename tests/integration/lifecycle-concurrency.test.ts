/**
 * Lifecycle calls racing on one instance end exactly as if they had arrived one after the
 * other (in some order): for every pair of lifecycle activities, the answers and the final
 * state (status, expiry, SKU) of a concurrent run equal those of one of the two serial runs.
 * Plus the renewal race that once lost paid time: a RENEWAL to 2030 racing ten RENEWALs to 2028
 * always ends at 2030 (a renewal never shortens the expiry).
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { testTargets, useTestDatabase } from "../helpers/databases";
import { callBase, newOrder } from "../helpers/marketplace";

type Body = Record<string, unknown>;
let seq = 0;
const uid = (p: string) => `${p}${Date.now().toString(36)}${++seq}`;

/** Each call carries its own order ids, so two calls of one kind are two different orders. */
const ACTIVITIES: Record<string, (instanceId: string) => Body> = {
  renew2030: (instanceId) => ({ activity: "refreshInstance", instanceId, scene: "RENEWAL", orderId: uid("R"), orderLineId: "1", expireTime: "20301124023618" }),
  renew2028: (instanceId) => ({ activity: "refreshInstance", instanceId, scene: "RENEWAL", orderId: uid("R"), orderLineId: "1", expireTime: "20281124023618" }),
  unsubscribe2027: (instanceId) => ({ activity: "refreshInstance", instanceId, scene: "UNSUBSCRIBE_RENEWAL_PERIOD", orderId: uid("U"), orderLineId: "1", expireTime: "20271124023618" }),
  freeze: (instanceId) => ({ activity: "updateInstanceStatus", instanceId, status: "FREEZE" }),
  unfreeze: (instanceId) => ({ activity: "updateInstanceStatus", instanceId, status: "UNFREEZE" }),
  release: (instanceId) => ({ activity: "releaseInstance", instanceId }),
  upgrade: (instanceId) => ({ activity: "upgradeInstance", instanceId, orderId: uid("G"), orderLineId: "1", skuCode: `sku-${seq}` }),
};
const NAMES = Object.keys(ACTIVITIES);

for (const target of testTargets()) {
  describe(`lifecycle races on ${target.name}`, { skip: target.skip }, () => {
    const h = useTestDatabase(target);
    const prisma = () => h.db.prisma;

    /** A fresh instance, frozen first when `frozen` (so unfreeze has something to do). */
    async function fresh(frozen: boolean): Promise<string> {
      const id = (await callBase(prisma(), newOrder())).json.instanceId as string;
      await callBase(prisma(), { activity: "refreshInstance", instanceId: id, scene: "RENEWAL", orderId: uid("B"), orderLineId: "1", expireTime: "20290101000000" });
      if (frozen) await callBase(prisma(), { activity: "updateInstanceStatus", instanceId: id, status: "FREEZE" });
      return id;
    }

    async function state(id: string) {
      const row = await prisma().instance.findUniqueOrThrow({ where: { id } });
      return { status: row.status, expireAt: row.expireAt?.toISOString() ?? null, skuCode: row.skuCode };
    }

    /** Bodies differ per run only in ids; normalise them so outcomes compare. */
    const skuOf = (b: Body) => (typeof b.skuCode === "string" ? b.skuCode : null);

    async function outcome(id: string, bodies: Body[], concurrent: boolean) {
      const codes = concurrent
        ? await Promise.all(bodies.map(async (b) => (await callBase(prisma(), b)).json.resultCode))
        : await (async () => {
            const out: string[] = [];
            for (const b of bodies) out.push((await callBase(prisma(), b)).json.resultCode);
            return out;
          })();
      const s = await state(id);
      // Which upgrade won is part of the state; name it by position, not by generated sku.
      const skuIndex = bodies.findIndex((b) => skuOf(b) !== null && skuOf(b) === s.skuCode);
      return JSON.stringify({ codes, status: s.status, expireAt: s.expireAt, sku: skuIndex });
    }

    for (const [i, a] of NAMES.entries()) {
      for (const b of NAMES.slice(i)) {
        it(`${a} ∥ ${b} ends as one of the serial orders`, async () => {
          const frozen = a === "unfreeze" || b === "unfreeze";
          for (let round = 0; round < 3; round++) {
            const serial = new Set<string>();
            for (const order of [[0, 1], [1, 0]]) {
              const id = await fresh(frozen);
              const pair = [ACTIVITIES[a]!(id), ACTIVITIES[b]!(id)];
              const ordered = order.map((k) => pair[k]!);
              const o = JSON.parse(await outcome(id, ordered, false)) as { codes: string[]; sku: number };
              // Report codes and the winning upgrade in the pair's own order (a, b).
              const codes = order[0] === 0 ? o.codes : [o.codes[1], o.codes[0]];
              const sku = o.sku === -1 ? -1 : order[o.sku]!;
              serial.add(JSON.stringify({ ...o, codes, sku }));
            }
            const id = await fresh(frozen);
            const together = await outcome(id, [ACTIVITIES[a]!(id), ACTIVITIES[b]!(id)], true);
            assert.ok(serial.has(together), `concurrent ${together}\nserial: ${[...serial].join("\n        ")}`);
          }
        });
      }
    }

    it("a RENEWAL to 2030 racing ten RENEWALs to 2028 always ends at 2030, all answered 000000", async () => {
      for (let round = 0; round < 10; round++) {
        const id = await fresh(false);
        const bodies = [ACTIVITIES.renew2030!(id), ...Array.from({ length: 10 }, () => ACTIVITIES.renew2028!(id))];
        // The long renewal at a different position each round.
        bodies.push(...bodies.splice(0, round % bodies.length));
        const codes = await Promise.all(bodies.map(async (b) => (await callBase(prisma(), b)).json.resultCode));
        assert.deepEqual(new Set(codes), new Set(["000000"]));
        assert.equal((await state(id)).expireAt, "2030-11-24T02:36:18.000Z", `round ${round}`);
        assert.equal(await prisma().instanceOrder.count({ where: { instanceId: id, activity: "refreshInstance" } }), 12);
      }
    });
  });
}

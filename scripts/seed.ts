/**
 * npm run db:seed — demo data, delivered the way KooGallery would deliver it: signed calls
 * through the production interface (so instances, order history, transitions and the call
 * log all look real). Safe to run again: every call is idempotent.
 */
import { randomBytes } from "node:crypto";
import { getEnv } from "~/env";
import { canonicalPayload } from "~/koogallery/canonical-json";
import { signBase } from "~/koogallery/signature";
import { getDatabase } from "~/server/db";
import { handleBaseCall } from "~/server/marketplace/base-interface";
import { marketplaceConfig } from "~/server/marketplace/config";
import { migrate } from "~/server/db/migrator";

const env = getEnv();
const config = marketplaceConfig(env);
const db = getDatabase();
await migrate(db);

async function deliver(body: Record<string, string>) {
  const raw = canonicalPayload(JSON.stringify(body));
  const timestamp = String(Date.now());
  const nonce = randomBytes(32).toString("hex");
  const signature = signBase({ accessKey: config.accessKey, nonce, timestamp, payload: raw });
  const res = await handleBaseCall(db.prisma, config, {
    rawBody: raw,
    query: new URLSearchParams({ signature, timestamp, nonce }),
    path: "/api/marketplace",
  });
  const json = JSON.parse(res.body) as { resultCode: string; resultMsg: string; instanceId?: string };
  console.log(`[seed] ${String(body.activity).padEnd(20)} ${json.resultCode} ${json.resultCode === "000000" ? "" : json.resultMsg}`);
  return json;
}

const demo = (n: number) => ({
  orderId: `CSDEMO00000${n}`,
  orderLineId: `CSDEMO00000${n}-000001`,
  businessId: `demo-instance-000${n}`,
});

const ids: string[] = [];
for (const n of [1, 2, 3, 4]) {
  const r = await deliver({ activity: "newInstance", ...demo(n) });
  ids.push(r.instanceId!);
}
await deliver({ activity: "refreshInstance", instanceId: ids[0]!, scene: "RENEWAL", orderId: "CSDEMORENEW1", orderLineId: "CSDEMORENEW1-000001", expireTime: "20301231160000" });
await deliver({ activity: "refreshInstance", instanceId: ids[1]!, scene: "TRIAL_TO_FORMAL", orderId: "CSDEMOFORMAL2", orderLineId: "CSDEMOFORMAL2-000001", expireTime: "20271231160000" });
await deliver({ activity: "updateInstanceStatus", instanceId: ids[2]!, status: "FREEZE" });
await deliver({ activity: "releaseInstance", instanceId: ids[3]! });
await deliver({ activity: "queryInstance", instanceId: ids.join(",") });
// A debug-tool call (testFlag=1): processed, but marked as test data.
await deliver({ activity: "newInstance", ...demo(9), testFlag: "1" });
console.log(`[seed] demo data ready in ${db.label} (staff login: ${env.STAFF_USERNAME} / ${env.usingDevDefaults.includes("STAFF_PASSWORD") ? env.STAFF_PASSWORD : "<STAFF_PASSWORD>"})`);
await db.close();

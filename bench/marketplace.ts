/**
 * Production-interface benchmarks: signature verification (CPU only) and signed newInstance /
 * queryInstance handled end to end (verify → nonce → validate → DB → call log) on PGlite and
 * PostgreSQL, each with a raw single-INSERT baseline measured in the same run so the ratio
 * shows what the protocol work costs on top of the database.
 */
import { randomBytes } from "node:crypto";
import { canonicalPayload } from "~/koogallery/canonical-json";
import { signBase, verifyBase } from "~/koogallery/signature";
import type { PrismaClient } from "~/generated/prisma/client";
import { handleBaseCall } from "~/server/marketplace/base-interface";
import { testConfig, TEST_ACCESS_KEY } from "../tests/helpers/marketplace";
import { fmt, forEachDatabase, throughput } from "./harness";

const CONCURRENCY = 16;

function signed(body: Record<string, string>) {
  const raw = canonicalPayload(JSON.stringify(body));
  const timestamp = String(Date.now());
  const nonce = randomBytes(32).toString("hex");
  const signature = signBase({ accessKey: TEST_ACCESS_KEY, nonce, timestamp, payload: raw });
  return { rawBody: raw, query: new URLSearchParams({ signature, timestamp, nonce }), path: "/api/marketplace" };
}

async function rawInsertBaseline(prisma: PrismaClient, total: number): Promise<number> {
  return throughput(total, CONCURRENCY, (i) =>
    prisma.$executeRaw`INSERT INTO "SeenNonce" ("nonce", "channel", "expiresAt") VALUES (${`bench-${Date.now()}-${i}`}, 'bench', now())`,
  );
}

export async function runMarketplaceBench(): Promise<void> {
  console.log("\n## Production interface");
  const body = canonicalPayload(
    JSON.stringify({ activity: "newInstance", orderId: "CS2211181819B4LVS", orderLineId: "CS2211181819B4LVS-000001", businessId: "87b94795-0603-4e24-8ae5-69420d60e3c8", testFlag: "1" }),
  );
  const ts = String(Date.now());
  const sig = signBase({ accessKey: TEST_ACCESS_KEY, nonce: "N", timestamp: ts, payload: body });
  const n = 20_000;
  const t = performance.now();
  for (let i = 0; i < n; i++) verifyBase({ accessKey: TEST_ACCESS_KEY, signature: sig, timestamp: ts, nonce: "N", rawBody: body, nowMs: Number(ts) });
  const verifyRate = n / ((performance.now() - t) / 1000);
  console.log(`signature verification (CPU, 1 core): ${fmt(verifyRate)} verifications/s`);

  await forEachDatabase(async (db, target) => {
    const total = target === "PGlite" ? 1_000 : 2_000;
    console.log(`running ${total} calls per measurement at concurrency ${CONCURRENCY}`);
    const baseline = await rawInsertBaseline(db.prisma, total);
    const config = testConfig();
    const ids: string[] = [];
    const created = await throughput(total, CONCURRENCY, async (i) => {
      const id = `bench-${i}-${randomBytes(4).toString("hex")}`;
      ids.push(id);
      const res = await handleBaseCall(db.prisma, config, signed({ activity: "newInstance", orderId: `CSB${i}`, orderLineId: `CSB${i}-1`, businessId: id }));
      if (!res.body.includes('"000000"')) throw new Error(res.body);
    });
    const redelivered = await throughput(total, CONCURRENCY, async (i) => {
      await handleBaseCall(db.prisma, config, signed({ activity: "newInstance", orderId: `CSB${i}`, orderLineId: `CSB${i}-1`, businessId: `again-${i}` }));
    });
    const queried = await throughput(total, CONCURRENCY, async (i) => {
      await handleBaseCall(db.prisma, config, signed({ activity: "queryInstance", instanceId: ids[i % ids.length]! }));
    });
    console.log(`  raw single-row INSERT baseline:        ${fmt(baseline)} /s`);
    console.log(`  signed newInstance (new order):        ${fmt(created)} /s   (${(created / baseline).toFixed(2)}× baseline)`);
    console.log(`  signed newInstance (redelivery):       ${fmt(redelivered)} /s   (${(redelivered / baseline).toFixed(2)}× baseline)`);
    console.log(`  signed queryInstance:                  ${fmt(queried)} /s   (${(queried / baseline).toFixed(2)}× baseline)`);
  });
}

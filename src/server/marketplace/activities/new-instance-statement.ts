/**
 * newInstance on the hot path (README "Marketplace callbacks: statements per call"): the order's
 * instance is looked up, or created with its order and audit rows, in the statement that opens
 * the call (call-statements.ts) — one round trip and one commit for a new order or a redelivery.
 *
 * The same rules as new-instance.ts, which stays the ordinary path and takes over whenever this
 * statement cannot answer alone:
 *   - 查询订单 enabled (an HTTP call before the first creation, docs/billing.md) or a package
 *     plan (its grants) → the ordinary path;
 *   - the businessId already names another order's instance, or a concurrent delivery of the
 *     same order won the insert (ON CONFLICT DO NOTHING: the statement's snapshot cannot see
 *     the winner) → no row comes back, findOrCreateInstance settles it;
 *   - a debug order whose debug instance was released → reviveDebugInstance (debug-sandbox.ts).
 * Nothing is read or written unless the nonce was claimed in the same statement.
 */
import { randomUUID } from "node:crypto";
import type { InstanceStatus } from "~/generated/prisma/client";
import { billingConfig, needsGrants, newInstanceBillingData } from "~/server/billing";
import { sqlTime } from "~/server/db/sql";
import { newAdminAccount } from "../admin-account";
import type { HotRow } from "../call-statements";
import type { HotInput, HotWork } from "../context";
import { findOrCreateInstance, newInstanceAnswer, newInstanceKey, provisionFor, reviveDebugInstance, type NewInstanceBody } from "./new-instance";

const SQL = `, "existing" AS (
  SELECT "id", "status"::text AS "status", "isTest", "adminUserName", "adminPasswordEnc"
  FROM "Instance" WHERE "newInstanceKey" = :key::varchar
), "created" AS (
  INSERT INTO "Instance" ("id", "newInstanceKey", "orderId", "orderLineId", "businessId", "isTest", "adminUserName",
    "adminPasswordEnc", "planId", "accountKey", "customerId", "linearValue", "productId", "skuCode", "chargingMode",
    "expireAt", "trialEndsAt", "createdAt", "updatedAt")
  SELECT :id::varchar, :key::varchar, :bodyOrderId::varchar, :bodyOrderLineId::varchar, :businessId::varchar,
    :instanceIsTest::boolean, :adminUserName::varchar, :adminPasswordEnc::text, :planId::varchar, :accountKey::varchar,
    :customerId::varchar, :linearValue::numeric, :productId::varchar, :skuCode::varchar, :chargingMode::varchar,
    :expireAt::text::timestamp(3), :trialEndsAt::text::timestamp(3), :createdAt::text::timestamp(3), :createdAt::text::timestamp(3)
  WHERE EXISTS (SELECT 1 FROM "claim") AND NOT EXISTS (SELECT 1 FROM "existing")
  ON CONFLICT DO NOTHING
  RETURNING "id", "status"::text AS "status", "isTest", "adminUserName", "adminPasswordEnc"
), "ordered" AS (
  INSERT INTO "InstanceOrder" ("id", "instanceId", "activity", "scene", "orderId", "orderLineId", "isTest", "appliedAt")
  SELECT :orderRowId::uuid, "id", 'newInstance', 'NEW', :bodyOrderId::varchar, :bodyOrderLineId::varchar,
    :instanceIsTest::boolean, :createdAt::text::timestamp(3)
  FROM "created"
), "recorded" AS (
  INSERT INTO "InstanceTransition" ("id", "instanceId", "event", "fromStatus", "toStatus", "accepted", "callId", "createdAt")
  SELECT :transitionId::uuid, "id", 'create', NULL, 'ACTIVE', true, :callId::uuid, :createdAt::text::timestamp(3)
  FROM "created"
)
SELECT c."claimed", i."created", i."id", i."status", i."isTest", i."adminUserName", i."adminPasswordEnc"
FROM (SELECT count(*)::int AS "claimed" FROM "claim") c
LEFT JOIN (
  SELECT true AS "created", * FROM "created" UNION ALL SELECT false AS "created", * FROM "existing"
) i ON true`;

interface InstanceRow {
  created: boolean | null;
  id: string | null;
  status: InstanceStatus;
  isTest: boolean;
  adminUserName: string;
  adminPasswordEnc: string;
}

export async function newInstanceHot(body: NewInstanceBody, input: HotInput): Promise<HotWork | undefined> {
  if (billingConfig().queryOrder) return undefined;
  const provision = await provisionFor(input, body);
  if (needsGrants(provision)) return undefined;
  const id = body.businessId;
  const billing = newInstanceBillingData(provision, id, input.isTest);
  const at = (d: Date | null) => (d ? sqlTime(d) : null);
  return {
    name: "newInstance",
    sql: SQL,
    params: {
      key: newInstanceKey(body),
      id,
      bodyOrderId: body.orderId,
      bodyOrderLineId: body.orderLineId,
      businessId: body.businessId,
      instanceIsTest: input.isTest,
      ...newAdminAccount(id),
      ...billing,
      linearValue: billing.linearValue === null ? null : String(billing.linearValue),
      expireAt: at(billing.expireAt),
      trialEndsAt: at(billing.trialEndsAt),
      createdAt: sqlTime(Date.now()),
      orderRowId: randomUUID(),
      transitionId: randomUUID(),
    },
    async finish(ctx, rows: HotRow[]) {
      const row = rows[0] as unknown as InstanceRow | undefined;
      if (!row?.id) return newInstanceAnswer(ctx, await findOrCreateInstance(ctx, body));
      const instance = { id: row.id, status: row.status, isTest: row.isTest, adminUserName: row.adminUserName, adminPasswordEnc: row.adminPasswordEnc };
      return newInstanceAnswer(ctx, row.created ? instance : await reviveDebugInstance(ctx, instance));
    },
  };
}

import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { CATALOG } from "~/server/billing/catalog";
import { CatalogError, defineCatalog, findPlanForOrder, type Catalog } from "~/server/billing/catalog-types";
import { marketplaceMockOrders } from "~/dev/openapi-mock/orders";
import { TEST_CATALOG } from "../../helpers/billing";

const base = (): Catalog => JSON.parse(JSON.stringify(TEST_CATALOG)) as Catalog;

describe("plan catalog", () => {
  it("names every problem of a broken catalog at load", () => {
    const c = base();
    c.plans.std!.features.push("teleport");
    c.plans.std!.meters!.ghost = { monthlyQuota: 1 };
    c.plans.od!.billedMeter = undefined;
    c.plans.stop!.package = { calls: 0 };
    c.plans.big!.match = [{ skuCode: "t-std" }];
    c.plans.team!.linearQuota = "users";
    c.defaultPlan = "nope";
    assert.throws(
      () => defineCatalog(c),
      (e: unknown) => {
        assert.ok(e instanceof CatalogError);
        for (const m of [/unknown feature "teleport"/, /unknown meter "ghost"/, /ON_DEMAND needs billedMeter/, /package calls must be > 0/, /both match \*\|t-std/, /linearQuota names unknown quota "users"/, /defaultPlan "nope"/]) {
          assert.match(e.message, m);
        }
        return true;
      },
    );
  });

  it("matches productId+skuCode before skuCode before productId", () => {
    const c = base();
    c.plans.big!.match = [{ productId: "P1", skuCode: "t-std" }];
    c.plans.od!.match = [{ productId: "P1" }];
    const cat = defineCatalog(c);
    assert.equal(findPlanForOrder(cat, { productId: "P1", skuCode: "t-std" }), "big");
    assert.equal(findPlanForOrder(cat, { productId: "P2", skuCode: "t-std" }), "std");
    assert.equal(findPlanForOrder(cat, { productId: "P1", skuCode: "other" }), "od");
    assert.equal(findPlanForOrder(cat, { productId: "P9" }), undefined);
  });

  it("the shipped catalog is valid and maps every marketplace MOCK… order to a plan of the right mode", () => {
    const expected: Record<string, string[]> = {
      PERIOD: ["PERIOD"],
      ONE_TIME: ["ONE_TIME"],
      ON_DEMAND: ["ON_DEMAND"],
      ON_DEMAND_PKG: ["ON_DEMAND_PKG", "STOP_WHEN_USED_UP_PKG"],
    };
    for (const order of marketplaceMockOrders(Date.now())) {
      const line = order.orderLine[0]!;
      const planId = findPlanForOrder(CATALOG, line.productInfo[0]!);
      assert.ok(planId, `${order.orderId} maps to a plan`);
      assert.ok(expected[line.chargingMode]!.includes(CATALOG.plans[planId as keyof typeof CATALOG.plans]!.billingMode), order.orderId);
    }
  });
});

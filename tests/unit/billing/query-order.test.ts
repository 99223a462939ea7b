/**
 * 查询订单 to the confirmed fields: the marketplace's real MOCKPERIODYEARNEW answer parses into
 * every field provisioning uses (nulls in buyerInfo, amounts as strings, periodNumber, linearValue,
 * extendParams in the line and at the top); refusals carry whether a retry can help; every MOCK…
 * order id is served by the local mock in that shape; MKT.0250 makes this process back off; an
 * unreachable host falls back to the documented second host.
 */
import assert from "node:assert/strict";
import { createServer } from "node:net";
import { after, before, describe, it } from "node:test";
import { RateLimitBackoff } from "~/server/openapi/backoff";
import { MARKETPLACE_MOCK_ORDER_IDS, REAL_MOCKPERIODYEARNEW_ANSWER } from "~/dev/openapi-mock/orders";
import { startMockOpenApi, type MockOpenApi } from "~/dev/openapi-mock/server";
import { OpenApiError, orderLineInfo, parseQueryOrderAnswer, queryOrder } from "~/server/openapi/query-order";

const AK = "AKQUERYORDERTEST0001";
const SK = "sk-query-order-test";

describe("查询订单 answer parsing", () => {
  it("the marketplace's real MOCKPERIODYEARNEW answer gives every confirmed field", () => {
    const info = parseQueryOrderAnswer(200, JSON.stringify(REAL_MOCKPERIODYEARNEW_ANSWER));
    const line = orderLineInfo(info, "MOCKPERIODYEARNEW-000001");
    assert.deepEqual(line, {
      orderId: "MOCKPERIODYEARNEW",
      orderLineId: "MOCKPERIODYEARNEW-000001",
      orderType: "NEW",
      chargingMode: "PERIOD",
      periodType: "year",
      periodNumber: 1,
      productId: "OFFI846204237451911168",
      skuCode: "0a4d1578-…",
      productName: "MOCK测试商品,测试规格,基础版,包周期",
      linearValue: 50,
      createdAt: new Date("2024-11-21T09:08:46Z"),
      expireAt: new Date("2025-11-21T23:59:59Z"),
      customerId: "…",
      customerName: "mock_user_01",
      extendParams: [{ name: "emailDomainName", value: "test.xxxx.com" }],
      currency: "100",
      currencyAfterDiscount: "100",
    });
    assert.equal(info.buyerInfo?.email, null, "nulls in buyerInfo are read, not refused");
    assert.equal(orderLineInfo(info).orderLineId, "MOCKPERIODYEARNEW-000001", "no orderLineId: the first line");
  });

  it("line extendParams win over the order's; numbers where strings are documented are read as text", () => {
    const answer = structuredClone(REAL_MOCKPERIODYEARNEW_ANSWER) as unknown as { orderInfo: Record<string, unknown> & { orderLine: Array<Record<string, unknown>> } };
    answer.orderInfo.extendParams = [
      { name: "emailDomainName", value: "order.example.com" },
      { name: "region", value: "cn-north-4" },
    ];
    answer.orderInfo.orderLine[0]!.currencyAfterDiscount = -100;
    const line = orderLineInfo(parseQueryOrderAnswer(200, JSON.stringify(answer)));
    assert.deepEqual(line.extendParams, [
      { name: "emailDomainName", value: "test.xxxx.com" },
      { name: "region", value: "cn-north-4" },
    ]);
    assert.equal(line.currencyAfterDiscount, "-100");
  });

  const refusals: Array<[string, number, string, boolean, string | undefined]> = [
    ["system error", 500, '{"resultCode":"MKT.0999","resultMsg":"system error"}', true, "MKT.0999"],
    ["access frequency overlimit", 406, '{"resultCode":"MKT.0250","resultMsg":"Access frequency overlimit"}', true, "MKT.0250"],
    ["invalid parameter", 400, '{"resultCode":"MKT.0101","resultMsg":"invalid parameter"}', false, "MKT.0101"],
    ["no permission", 401, '{"resultCode":"MKT.0151","resultMsg":"no permission"}', false, "MKT.0151"],
    ["gateway unavailable", 503, '{"error_code":"APIGW.0201","error_msg":"Backend unavailable"}', true, "APIGW.0201"],
    ["gateway refuses the AK/SK", 401, '{"error_code":"APIGW.0301","error_msg":"Incorrect app authentication"}', false, "APIGW.0301"],
    ["a proxy's page", 502, "<html>bad gateway</html>", true, undefined],
    ["success without orderInfo", 200, '{"resultCode":"MKT.0000","resultMsg":"Success"}', false, undefined],
    ["an order line without productInfo", 200, '{"resultCode":"MKT.0000","orderInfo":{"orderId":"X","orderType":"NEW","orderLine":[{"orderLineId":"X-1","chargingMode":"PERIOD"}]}}', false, undefined],
    ["000000 is not this API's success code", 200, '{"resultCode":"000000","orderInfo":{}}', false, "000000"],
  ];
  for (const [name, status, body, transient, code] of refusals) {
    it(`refused: ${name} → ${transient ? "transient (the marketplace retries newInstance)" : "final"}`, () => {
      assert.throws(
        () => parseQueryOrderAnswer(status, body),
        (e: unknown) => e instanceof OpenApiError && e.transient === transient && e.code === code,
      );
    });
  }
});

async function closedPort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, "127.0.0.1", r));
  const { port } = s.address() as { port: number };
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

describe("查询订单 against the mock", () => {
  let mock: MockOpenApi;
  before(async () => {
    mock = await startMockOpenApi({ ak: AK, sk: SK, usagePushKey: "k" });
  });
  after(() => mock.stop());
  const cfg = () => ({ endpoint: mock.url, ak: AK, sk: SK, queryOrderTimeoutMs: 30_000 }); // generous: nothing here waits for a timeout, and the machine may be busy

  it("every MOCK… order id is answered, line -000001, in the confirmed shape", async () => {
    for (const orderId of MARKETPLACE_MOCK_ORDER_IDS) {
      const line = await queryOrder(cfg(), { orderId, orderLineId: `${orderId}-000001` }, { backoff: new RateLimitBackoff() });
      assert.equal(line.orderId, orderId);
      assert.ok(line.productId && line.skuCode, `${orderId}: productInfo read`);
      assert.ok(line.customerId, `${orderId}: buyer read`);
      assert.equal(typeof line.currency, "string", `${orderId}: amounts are strings`);
      if (line.chargingMode === "PERIOD") assert.ok(line.periodType && line.periodNumber, `${orderId}: period`);
    }
    const year = await queryOrder(cfg(), { orderId: "MOCKPERIODYEARNEW" }, { backoff: new RateLimitBackoff() });
    assert.deepEqual([year.periodType, year.periodNumber, year.linearValue, year.productId], ["year", 1, 50, "OFFI846204237451911168"]);
    assert.equal(year.expireAt!.toISOString().slice(11), "23:59:59.000Z", "expires at the end of a day, as the real answer");
  });

  it("MKT.0250: this process pauses 查询订单 (fails fast, transient) and doubles the pause if it happens again", async () => {
    let now = 1_000_000;
    const clock = () => now;
    const backoff = new RateLimitBackoff(1_000, 60_000);
    mock.inject("order", "MKT.0250");
    await assert.rejects(queryOrder(cfg(), { orderId: "MOCKONDEMAND" }, { backoff, clock }), (e: unknown) => e instanceof OpenApiError && e.transient && e.code === "MKT.0250");
    const calls = mock.log.length;
    await assert.rejects(queryOrder(cfg(), { orderId: "MOCKONDEMAND" }, { backoff, clock }), (e: unknown) => e instanceof OpenApiError && e.transient && /paused for 1000 ms/.test(e.message));
    assert.equal(mock.log.length, calls, "not sent while paused");
    now += 1_000;
    mock.inject("order", "MKT.0250");
    await assert.rejects(queryOrder(cfg(), { orderId: "MOCKONDEMAND" }, { backoff, clock }));
    assert.equal(backoff.remainingMs(now), 2_000, "the second MKT.0250 pauses twice as long");
    now += 2_000;
    assert.equal((await queryOrder(cfg(), { orderId: "MOCKONDEMAND" }, { backoff, clock })).chargingMode, "ON_DEMAND");
    assert.equal(backoff.remainingMs(now), 0);
  });

  it("an unreachable host falls back to the second host, signed for that host", async () => {
    const down = `http://127.0.0.1:${await closedPort()}`;
    const line = await queryOrder({ ...cfg(), endpoint: down, fallbackEndpoint: mock.url }, { orderId: "MOCKONDEMANDPKG" }, { backoff: new RateLimitBackoff() });
    assert.equal(line.chargingMode, "ON_DEMAND_PKG");
    await assert.rejects(
      queryOrder({ ...cfg(), endpoint: down }, { orderId: "MOCKONDEMANDPKG" }, { backoff: new RateLimitBackoff() }),
      (e: unknown) => e instanceof OpenApiError && e.transient && /network/.test(e.message),
      "without a fallback the failure is transient",
    );
  });
});

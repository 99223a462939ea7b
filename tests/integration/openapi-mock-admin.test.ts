/**
 * The open-API mock's admin API (/__mock/*) over real HTTP, as another process drives it: orders
 * registered in either form are answered by 查询订单 (signed with the real client), bad input is
 * refused 400 with a message, received usage and re-deliveries are listed, injected faults and
 * latency hit the next marketplace calls (never the admin calls). And `npm run mock:openapi` as a
 * process: fixed port from the environment, health, clean exit on SIGINT and SIGTERM.
 */
import assert from "node:assert/strict";
import { spawn, type ChildProcess } from "node:child_process";
import { createServer } from "node:net";
import { after, afterEach, before, describe, it } from "node:test";
import { formatUsageTime } from "~/koogallery/time";
import { MOCK_HEALTH_PATH } from "~/dev/openapi-mock/admin";
import { mockOrder } from "~/dev/openapi-mock/orders";
import { startMockOpenApi, type MockOpenApi } from "~/dev/openapi-mock/server";
import { OpenApiError, queryOrder } from "~/server/openapi/query-order";
import { pushUsage } from "~/server/openapi/usage-push";

/** yyyyMMdd'T'HHmmss'Z' `minutesAgo` minutes ago, on a whole minute: record times the marketplace still bills. */
const at = (minutesAgo: number) => formatUsageTime(new Date(Math.floor(Date.now() / 60_000) * 60_000 - minutesAgo * 60_000));
const AK = "AKADMINTEST000000001";
const SK = "sk-admin-test-secret";
const KEY = "admin-test-push-key";
const DAY = 86_400_000;

let n = 0;
const uniq = (p: string) => `${p}${Date.now().toString(36)}${++n}`.toUpperCase();

async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, "127.0.0.1", r));
  const { port } = s.address() as { port: number };
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

describe("open-API mock admin API", () => {
  let mock: MockOpenApi;
  let port: number;
  before(async () => {
    port = await freePort();
    mock = await startMockOpenApi({ ak: AK, sk: SK, usagePushKey: KEY, port });
  });
  after(() => mock.stop());

  const admin = async (method: "GET" | "POST", path: string, body?: unknown) => {
    const res = await fetch(`${mock.url}/__mock${path}`, {
      method,
      headers: { "content-type": "application/json" },
      ...(body === undefined ? {} : { body: typeof body === "string" ? body : JSON.stringify(body) }),
    });
    return { status: res.status, json: (await res.json()) as Record<string, unknown> };
  };
  // Generous limits: a busy machine must not turn a slow answer into a failure (hang checks set their own).
  const orderCfg = () => ({ endpoint: mock.url, ak: AK, sk: SK, queryOrderTimeoutMs: 10_000 });
  const pushCfg = () => ({ endpoint: mock.url, key: KEY, timeoutMs: 10_000 });
  const record = (sn: string, value = "2") => ({ instance_id: "i-admin", record_time: at(55), begin_time: at(120), end_time: at(60), usage_value: value, metering_sn: sn });

  it("listens on the port asked for, and answers health", async () => {
    assert.equal(mock.url, `http://127.0.0.1:${port}`);
    const res = await fetch(mock.url + MOCK_HEALTH_PATH);
    assert.equal(res.status, 200);
    assert.deepEqual(await res.json(), { ok: true });
    await assert.rejects(startMockOpenApi({ ak: AK, sk: SK, usagePushKey: KEY, port }), /EADDRINUSE/, "a taken port is an error, not a hang");
  });

  it("a short-form order is built with mockOrder() and answered by 查询订单, every line", async () => {
    const orderId = uniq("CSADM");
    const before = Date.now();
    const r = await admin("POST", "/orders", { orderId, orderType: "NEW", chargingMode: "ON_DEMAND_PKG", skuCode: "mock-sku-stop-pack-1k", validDays: 30, customerId: "cust-admin-1", lines: 2 });
    assert.equal(r.status, 200, JSON.stringify(r.json));
    assert.equal(r.json.replaced, false);
    const line2 = await queryOrder(orderCfg(), { orderId, orderLineId: `${orderId}-000002` });
    assert.deepEqual(
      [line2.orderType, line2.chargingMode, line2.skuCode, line2.customerId, line2.productId],
      ["NEW", "ON_DEMAND_PKG", "mock-sku-stop-pack-1k", "cust-admin-1", "OFFI-MOCK-WORKSPACE"],
    );
    const days = (line2.expireAt!.getTime() - before) / DAY;
    assert.ok(days > 29.99 && days < 30.01, `expires in 30 days, got ${days}`);
    assert.ok(mock.orderIds().includes(orderId));
    const listed = await admin("GET", "/orders");
    assert.ok((listed.json.orderIds as string[]).includes("MOCKONDEMAND"), "the MOCK… orders are listed too");
    assert.ok((listed.json.orderIds as string[]).includes(orderId));
  });

  it("a full MockOrder is served as given, extra fields included; posting it again replaces it", async () => {
    const orderId = uniq("CSFULL");
    const order = { ...mockOrder(orderId, "TRIAL", "PERIOD", "mock-sku-pro-yearly", Date.UTC(2030, 0, 1), { validDays: 7 }), extendParams: [{ name: "k", value: "v" }] };
    const first = await admin("POST", "/orders", order);
    assert.equal(first.status, 200, JSON.stringify(first.json));
    assert.deepEqual(first.json.order, order);
    const line = await queryOrder(orderCfg(), { orderId, orderLineId: `${orderId}-000001` });
    assert.deepEqual([line.orderType, line.skuCode, line.createdAt?.toISOString(), line.expireAt?.toISOString()], ["TRIAL", "mock-sku-pro-yearly", "2030-01-01T00:00:00.000Z", "2030-01-08T00:00:00.000Z"]);

    const again = await admin("POST", "/orders", { ...order, orderType: "NEW" });
    assert.equal(again.json.replaced, true);
    assert.equal((await queryOrder(orderCfg(), { orderId })).orderType, "NEW");
  });

  it("bad order input is refused 400 with a message naming the problem, and registers nothing", async () => {
    const base = { orderId: uniq("CSBAD"), orderType: "NEW", chargingMode: "PERIOD", skuCode: "mock-sku-basic-monthly" };
    const cases: Array<[string, unknown, RegExp]> = [
      ["not JSON", "{orderId:", /not JSON/],
      ["an array", [base], /JSON object/],
      ["missing skuCode", { ...base, skuCode: undefined }, /skuCode/],
      ["unknown chargingMode", { ...base, chargingMode: "STOP_WHEN_USED_UP_PKG" }, /chargingMode/],
      ["unknown orderType", { ...base, orderType: "BUY" }, /orderType/],
      ["misspelt option", { ...base, validDay: 30 }, /validDay/],
      ["too many lines", { ...base, lines: 31 }, /lines/],
      ["fractional validDays", { ...base, validDays: 1.5 }, /validDays/],
      ["orderId too long", { ...base, orderId: "X".repeat(65) }, /orderId/],
      ["full form without lines", { ...base, createTime: "20300101000000", orderLine: [] }, /orderLine/],
      ["full form, bad createTime", { ...mockOrder("CSBADTIME", "NEW", "PERIOD", "s", Date.now()), createTime: "2030-01-01" }, /createTime/],
      ["full form, line without productInfo", { ...mockOrder("CSBADLINE", "NEW", "PERIOD", "s", Date.now()), orderLine: [{ orderLineId: "CSBADLINE-000001", chargingMode: "PERIOD" }] }, /productInfo/],
    ];
    const count = mock.orderIds().length;
    for (const [name, body, msg] of cases) {
      const r = await admin("POST", "/orders", body);
      assert.equal(r.status, 400, `${name}: ${JSON.stringify(r.json)}`);
      assert.match(String(r.json.error), msg, name);
    }
    assert.equal(mock.orderIds().length, count, "nothing registered");
    await assert.rejects(queryOrder(orderCfg(), { orderId: base.orderId }), (e: unknown) => e instanceof OpenApiError && e.code === "MKT.0101" && !e.transient);
  });

  it("GET /__mock/usage lists the records received and the re-deliveries", async () => {
    const sn = uniq("sn-");
    assert.equal((await pushUsage(pushCfg(), [record(sn, "1.25"), record(`${sn}-b`)])).decision, "sent");
    assert.equal((await pushUsage(pushCfg(), [record(sn, "1.25")])).decision, "sent", "a re-delivery is answered MKT.0000 (and counted once)");
    const usage = await admin("GET", "/usage");
    assert.equal(usage.status, 200);
    const received = usage.json.received as Array<Record<string, string>>;
    assert.deepEqual(
      received.filter((r) => r.metering_sn!.startsWith(sn)).map((r) => [r.metering_sn, r.usage_value, r.instance_id]),
      [
        [sn, "1.25", "i-admin"],
        [`${sn}-b`, "2", "i-admin"],
      ],
    );
    assert.deepEqual((usage.json.redelivered as string[]).filter((s) => s.startsWith(sn)), [sn]);
    const problems = (usage.json.problems as Array<Record<string, string>>).filter((p) => p.metering_sn!.startsWith(sn));
    assert.deepEqual(
      problems.map((p) => [p.metering_sn, p.code]),
      [
        [`${sn}-b`, "010"],
        [sn, "005"],
      ],
      "the background check: same instance + window as an earlier record (010), a re-delivered metering_sn (005)",
    );
  });

  it("POST /__mock/instances feeds the background check: a package as instance_id, 用完即停 without its package, a foreign package", async () => {
    const od = uniq("OD");
    const pkg = uniq("PKG");
    const other = uniq("PKG");
    for (const body of [
      { instanceId: od, kind: "on-demand", stopWhenUsedUp: true },
      { instanceId: pkg, kind: "package", onDemandInstanceId: od },
      { instanceId: other, kind: "package", onDemandInstanceId: "someone-else" },
    ]) {
      assert.equal((await admin("POST", "/instances", body)).status, 200);
    }
    assert.equal((await admin("POST", "/instances", { instanceId: od, kind: "reseller" })).status, 400);
    const sn = uniq("sn-i");
    const win = (n: number) => ({ begin_time: at(60 * n + 60), end_time: at(60 * n) });
    const records = [
      { ...record(`${sn}-ok`), instance_id: od, relate_pkg_instance: pkg, ...win(1) },
      { ...record(`${sn}-012`), instance_id: pkg, ...win(2) },
      { ...record(`${sn}-017`), instance_id: od, ...win(3) },
      { ...record(`${sn}-018`), instance_id: od, relate_pkg_instance: other, ...win(4) },
      { ...record(`${sn}-011`), instance_id: od, relate_pkg_instance: pkg, begin_time: at(30), end_time: at(40) },
    ];
    assert.equal((await pushUsage(pushCfg(), records)).decision, "sent", "data problems are not refused by the API");
    const usage = await admin("GET", "/usage");
    const problems = (usage.json.problems as Array<Record<string, string>>).filter((p) => p.metering_sn!.startsWith(sn));
    assert.deepEqual(problems.map((p) => p.metering_sn!.slice(sn.length + 1) + ":" + p.code).sort(), ["011:011", "012:012", "017:017", "018:018"]);
  });

  it("MKT.* errors on demand, answered with their documented HTTP status, for the push and for 查询订单", async () => {
    for (const [code, status] of [["MKT.9003", 500], ["MKT.0250", 406], ["MKT.0151", 401], ["MKT.0102", 400], ["APIGW.0201", 503]] as const) {
      assert.equal((await admin("POST", "/faults", { route: "usage", faults: [code] })).status, 200);
      const v = await pushUsage(pushCfg(), [record(uniq("sn-code"))]);
      assert.equal(v.answer.kind === "response" && v.answer.httpStatus, status, code);
      assert.equal(v.code, code);
    }
    await admin("POST", "/faults", { route: "order", faults: ["MKT.0999"] });
    await assert.rejects(queryOrder(orderCfg(), { orderId: "MOCKONDEMAND" }), (e: unknown) => e instanceof OpenApiError && e.code === "MKT.0999" && e.transient);
    assert.equal((await admin("POST", "/faults", { route: "usage", faults: ["MKT.0000"] })).status, 400, "success is not a fault");
  });

  it("POST /__mock/faults queues faults and latency for the next marketplace calls, not for admin calls", async () => {
    const r = await admin("POST", "/faults", { route: "order", faults: ["http500", "hang-before-store"] });
    assert.equal(r.status, 200, JSON.stringify(r.json));
    assert.deepEqual(r.json.queued, { order: 2, usage: 0 });
    assert.equal((await admin("GET", "/health")).status, 200, "admin calls take no fault");
    await assert.rejects(queryOrder(orderCfg(), { orderId: "MOCKONDEMAND" }), (e: unknown) => e instanceof OpenApiError && e.transient && /HTTP 500/.test(e.message));
    await assert.rejects(queryOrder({ ...orderCfg(), queryOrderTimeoutMs: 300 }, { orderId: "MOCKONDEMAND" }), (e: unknown) => e instanceof OpenApiError && /timed out/.test(e.message));
    assert.equal((await queryOrder(orderCfg(), { orderId: "MOCKONDEMAND" })).skuCode, "mock-sku-payg-api", "then back to normal");

    await admin("POST", "/faults", { route: "usage", faults: ["reject400"] });
    assert.equal((await pushUsage(pushCfg(), [record(uniq("sn-f"))])).decision, "dead-letter", "reject400 is MKT.0101");

    assert.deepEqual((await admin("POST", "/faults", { route: "order", latencyMs: 300 })).json.latencyMs, { order: 300, usage: 0 });
    const t = Date.now();
    let slowDone = false;
    const slow = queryOrder({ ...orderCfg(), queryOrderTimeoutMs: 30_000 }, { orderId: "MOCKONDEMAND" }).finally(() => (slowDone = true));
    // An admin call sent while the slow answer is pending is answered first: it takes no latency.
    await admin("GET", "/health");
    assert.equal(slowDone, false, "admin calls are not slowed");
    await slow;
    assert.ok(Date.now() - t >= 280, "slow answer");
    await admin("POST", "/faults", { route: "order", latencyMs: 0 });

    for (const [body, msg] of [
      [{ route: "order", faults: ["explode"] }, /faults/],
      [{ route: "billing", faults: ["http500"] }, /route/],
      [{ route: "order" }, /faults and\/or latencyMs/],
      [{ route: "order", latencyMs: -1 }, /latencyMs/],
    ] as const) {
      const bad = await admin("POST", "/faults", body);
      assert.equal(bad.status, 400, JSON.stringify(bad.json));
      assert.match(String(bad.json.error), msg);
    }
  });

  it("unknown admin routes are 404; marketplace paths are unchanged", async () => {
    assert.equal((await admin("GET", "/nothing")).status, 404);
    assert.equal((await admin("POST", "/usage", {})).status, 404);
    assert.equal((await fetch(`${mock.url}/api/other`)).status, 404);
  });
});

describe("npm run mock:openapi (scripts/mock-openapi.ts)", () => {
  // A test that fails before its kill() must not leave the mock running: the open port would keep
  // this file's process, and with it the whole suite, from ever ending.
  const children: ChildProcess[] = [];
  afterEach(() => {
    for (const c of children.splice(0)) if (c.exitCode === null && c.signalCode === null) c.kill("SIGKILL");
  });

  async function start(port: number) {
    const child = spawn(process.execPath, ["--import", "tsx", "scripts/mock-openapi.ts"], {
      env: { ...process.env, MOCK_OPENAPI_PORT: String(port), KOOGALLERY_OPENAPI_AK: AK, KOOGALLERY_OPENAPI_SK: SK, KOOGALLERY_USAGE_PUSH_KEY: KEY },
      stdio: ["ignore", "pipe", "pipe"],
    });
    children.push(child);
    let out = "";
    child.stdout.on("data", (c: Buffer) => (out += c.toString()));
    child.stderr.on("data", (c: Buffer) => (out += c.toString()));
    let closed = false;
    // "close": the process ended and its output has been read to the end.
    const exited = new Promise<number | null>((r) => child.on("close", (code) => ((closed = true), r(code))));
    const deadline = Date.now() + 120_000; // generous: tsx compiles the script first, on a busy machine
    while (!out.includes("add orders:")) {
      if (closed) throw new Error(`mock did not start:\n${out}`);
      if (Date.now() > deadline) {
        child.kill("SIGKILL");
        throw new Error(`mock did not start in time:\n${out}`);
      }
      await new Promise((r) => setTimeout(r, 50));
    }
    return { child, exited, output: () => out };
  }

  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    it(`starts on MOCK_OPENAPI_PORT with the keys from the environment, prints the mock orders, and exits 0 on ${signal}`, async () => {
      const port = await freePort();
      const p = await start(port);
      const url = `http://127.0.0.1:${port}`;
      assert.match(p.output(), new RegExp(`listening on ${url}`));
      assert.match(p.output(), /MOCKONDEMANDPKG\s+NEW\s+ON_DEMAND_PKG\s+mock-sku-payg-api-pack-10k/);
      assert.doesNotMatch(p.output(), /development defaults/, "every key came from the environment");
      assert.equal((await fetch(url + MOCK_HEALTH_PATH)).status, 200);
      // The AK/SK from the environment are the ones it verifies.
      const orderId = uniq("CSPROC");
      const reg = await fetch(`${url}/__mock/orders`, { method: "POST", body: JSON.stringify({ orderId, orderType: "NEW", chargingMode: "PERIOD", skuCode: "mock-sku-basic-monthly" }) });
      assert.equal(reg.status, 200);
      assert.equal((await queryOrder({ endpoint: url, ak: AK, sk: SK, queryOrderTimeoutMs: 30_000 }, { orderId })).skuCode, "mock-sku-basic-monthly");
      await assert.rejects(queryOrder({ endpoint: url, ak: AK, sk: "other", queryOrderTimeoutMs: 30_000 }, { orderId }), OpenApiError);

      p.child.kill(signal);
      assert.equal(await p.exited, 0, p.output());
      assert.match(p.output(), new RegExp(`${signal}: stopping`));
      await assert.rejects(fetch(url + MOCK_HEALTH_PATH), "the port is closed");
    });
  }

  it("refuses a bad port and a taken one with a message", async () => {
    const port = await freePort();
    const holder = await startMockOpenApi({ ak: AK, sk: SK, usagePushKey: KEY, port });
    try {
      await assert.rejects(start(port), /EADDRINUSE[\s\S]*MOCK_OPENAPI_PORT/);
    } finally {
      await holder.stop();
    }
    await assert.rejects(start(Number.NaN), /MOCK_OPENAPI_PORT must be a port number/);
  });
});

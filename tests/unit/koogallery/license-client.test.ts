/**
 * The License open-API client with an injected fetch: what it sends (APIG-signed POST, JSON body,
 * real_effect_time format) and how every kind of answer becomes a result or a typed error —
 * documented codes, gateway refusals, transport failures, malformed bodies, license_code_info as
 * a JSON string. (Round trips against the local mock: tests/unit/server/license-mock.test.ts.)
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
  LicenseApiError,
  LicenseAuthError,
  LicenseBatchCodeError,
  LicenseIllegalStateError,
  LicenseInternalError,
  LicenseInvalidParamError,
  LicenseNotActivatedError,
  LicenseNotFoundError,
  LicenseNotReceivedError,
  LicenseRequestRejectedError,
  LicenseUnexpectedAnswerError,
  LicenseUnreachableError,
} from "~/koogallery/license-api-errors";
import { createLicenseClient, LICENSE_ACTIVATE_PATH, LICENSE_HEARTBEAT_PATH, parseLicenseCodeInfo } from "~/koogallery/license-client";
import { signApigRequest } from "~/koogallery/open-api-signing";

interface Sent {
  url: string;
  init: RequestInit;
}

function fakeFetch(respond: (sent: Sent) => Response | Promise<Response>) {
  const calls: Sent[] = [];
  const f = (async (url: string | URL, init?: RequestInit) => {
    const sent = { url: String(url), init: init ?? {} };
    calls.push(sent);
    return respond(sent);
  }) as typeof fetch;
  return { fetch: f, calls };
}

const json = (status: number, body: unknown) => new Response(typeof body === "string" ? body : JSON.stringify(body), { status, headers: { "content-type": "application/json" } });
const DATE = new Date("2024-05-01T08:00:00Z");
const client = (respond: (sent: Sent) => Response | Promise<Response>, extra: Record<string, unknown> = {}) => {
  const f = fakeFetch(respond);
  return { c: createLicenseClient({ endpoint: "https://mkt.example.com/", ak: "AK1", sk: "SK1", fetch: f.fetch, now: () => DATE, ...extra }), calls: f.calls };
};

const INFO = { status: "ALIVE", expire_time: "20230726121646", product_id: "12345", amount: 2, order_id: "CS1", extra_field: "kept" };

describe("License client: requests", () => {
  it("activate POSTs the documented body, APIG-signed over exactly what is sent", async () => {
    const { c, calls } = client(() => json(200, { error_code: "92020000", error_msg: "success", data: { license_code_info: JSON.stringify(INFO) } }));
    await c.activate("CODE-1", new Date("2024-04-30T10:11:12Z"));
    const sent = calls[0]!;
    assert.equal(sent.url, `https://mkt.example.com${LICENSE_ACTIVATE_PATH}`);
    assert.equal(sent.init.method, "POST");
    assert.equal(sent.init.body, '{"license":"CODE-1","real_effect_time":"20240430101112"}');
    const headers = sent.init.headers as Record<string, string>;
    const expected = signApigRequest({ method: "POST", url: sent.url, ak: "AK1", sk: "SK1", headers: { "Content-Type": "application/json;charset=UTF-8" }, body: String(sent.init.body), date: DATE });
    assert.equal(headers.Authorization, expected.headers.Authorization);
    assert.match(headers.Authorization!, /^SDK-HMAC-SHA256 Access=AK1, SignedHeaders=content-type;host;x-sdk-date, Signature=[0-9a-f]{64}$/);
    assert.equal(headers["X-Sdk-Date"], "20240501T080000Z");
  });

  it("heartbeat sends only the code; real_effect_time strings are checked before sending", async () => {
    const { c, calls } = client(() => json(200, { error_code: "92020000", data: { license_code: "C", status: "ALIVE" } }));
    await c.heartbeat("C");
    assert.equal(calls[0]!.url, `https://mkt.example.com${LICENSE_HEARTBEAT_PATH}`);
    assert.equal(calls[0]!.init.body, '{"license":"C"}');
    await c.activate("C", "20240430101112").catch(() => {});
    assert.equal(calls[1]!.init.body, '{"license":"C","real_effect_time":"20240430101112"}');
    for (const bad of ["2024-04-30", "20241330101112"]) await assert.rejects(c.activate("C", bad), RangeError);
    for (const bad of ["", " ", "x".repeat(65)]) await assert.rejects(c.heartbeat(bad), RangeError);
    assert.equal(calls.length, 2, "invalid input never reaches the network");
  });

  it("refuses plain http except to a loopback mock, and missing AK/SK", () => {
    assert.throws(() => createLicenseClient({ endpoint: "http://mkt.example.com", ak: "a", sk: "s" }), /https/);
    assert.doesNotThrow(() => createLicenseClient({ endpoint: "http://127.0.0.1:3199", ak: "a", sk: "s" }));
    assert.throws(() => createLicenseClient({ ak: "", sk: "s" }), /ak and sk/);
  });
});

describe("License client: answers", () => {
  it("activate parses license_code_info (a JSON string), keeping unknown fields", async () => {
    const { c } = client(() => json(200, { error_code: "92020000", error_msg: "success", data: { license_code_info: JSON.stringify(INFO) } }));
    const r = await c.activate("CODE-1");
    assert.equal(r.info.status, "ALIVE");
    assert.equal(r.info.expireTime?.toISOString(), "2023-07-26T12:16:46.000Z");
    assert.deepEqual([r.info.productId, r.info.amount, r.info.orderId, r.info.raw.extra_field], ["12345", 2, "CS1", "kept"]);
    assert.equal(r.licenseCodeInfoText, JSON.stringify(INFO));
  });

  it("heartbeat reads LicenseInfo, tolerating unknown fields and several time formats", async () => {
    for (const [activate, iso] of [
      ["20240101080000", "2024-01-01T08:00:00.000Z"],
      [1704096000000, "2024-01-01T08:00:00.000Z"],
      ["1704096000000", "2024-01-01T08:00:00.000Z"],
      ["2024-01-01T08:00:00Z", "2024-01-01T08:00:00.000Z"],
      ["yesterday", undefined],
      // Times PostgreSQL could not store, or before MIN_YEAR: left unread rather than stored.
      ["0000-01-01T00:00:00Z", undefined],
      ["00000101000000", undefined],
      ["+275760-09-13T00:00:00Z", undefined],
      [9e15, undefined],
    ] as const) {
      const { c } = client(() => json(200, { error_code: "92020000", data: { license_code: "C", status: "EXPIRED", activate_time: activate, expire_time: "20240201000000", thirdPartyAccount: null, new_field: 1 } }));
      const r = await c.heartbeat("C");
      assert.equal(r.status, "EXPIRED");
      assert.equal(r.activateTime?.toISOString(), iso, String(activate));
      assert.equal(r.expireTime?.toISOString(), "2024-02-01T00:00:00.000Z");
      assert.equal(r.raw.new_field, 1);
    }
  });

  const TABLE: Array<[string, number, unknown, new (...a: never[]) => LicenseApiError, string, boolean]> = [
    ["92020001", 200, { error_code: "92020001", error_msg: "internal" }, LicenseInternalError, "INTERNAL_ERROR", true],
    ["92020002", 200, { error_code: "92020002", error_msg: "bad" }, LicenseInvalidParamError, "INVALID_PARAM", false],
    ["92020003", 200, { error_code: "92020003", error_msg: "illegal" }, LicenseIllegalStateError, "ILLEGAL_STATE", false],
    ["92020004", 200, { error_code: "92020004" }, LicenseNotReceivedError, "NOT_RECEIVED", false],
    ["92020005", 200, { error_code: "92020005" }, LicenseNotFoundError, "NOT_EXIST", false],
    ["92020011", 200, { error_code: "92020011" }, LicenseNotActivatedError, "NOT_ACTIVATED", false],
    ["92020020", 200, { error_code: "92020020" }, LicenseBatchCodeError, "INVALID_CODE_IN_BATCH", false],
    ["95000001", 400, { error_code: "95000001" }, LicenseRequestRejectedError, "REQUEST_REJECTED", false],
    ["95000002", 405, { error_code: "95000002" }, LicenseRequestRejectedError, "REQUEST_REJECTED", false],
    ["95000003", 415, { error_code: "95000003" }, LicenseRequestRejectedError, "REQUEST_REJECTED", false],
    ["95000004", 400, { error_code: "95000004" }, LicenseRequestRejectedError, "REQUEST_REJECTED", false],
    ["APIG 401", 401, { error_code: "APIGW.0301", error_msg: "Incorrect IAM authentication information" }, LicenseAuthError, "AUTH_FAILED", false],
    ["HTTP 403 without body", 403, "", LicenseAuthError, "AUTH_FAILED", false],
    ["HTTP 502 HTML", 502, "<html>bad gateway</html>", LicenseUnreachableError, "UNREACHABLE", true],
    ["HTTP 429", 429, "", LicenseUnreachableError, "UNREACHABLE", true],
    ["HTTP 200 not JSON", 200, "ok", LicenseUnexpectedAnswerError, "UNEXPECTED_ANSWER", false],
    ["unknown error_code", 200, { error_code: "MKT.9999", error_msg: "?" }, LicenseUnexpectedAnswerError, "UNEXPECTED_ANSWER", false],
  ];
  for (const [label, status, body, cls, kind, retryable] of TABLE) {
    it(`${label} → ${cls.name}`, async () => {
      for (const op of ["activate", "heartbeat"] as const) {
        const { c } = client(() => json(status, body));
        await assert.rejects(c[op]("C"), (e: unknown) => {
          assert.ok(e instanceof cls && e instanceof LicenseApiError, `${op}: ${String(e)}`);
          assert.deepEqual([e.kind, e.httpStatus, e.retryable], [kind, status, retryable]);
          if (/^\d{8}$/.test(label)) assert.equal(e.code, label);
          return true;
        });
      }
    });
  }

  it("network errors and timeouts are LicenseUnreachableError (retryable)", async () => {
    const net = client(() => {
      throw Object.assign(new TypeError("fetch failed"), { cause: { code: "ECONNREFUSED" } });
    });
    await assert.rejects(net.c.heartbeat("C"), (e: unknown) => e instanceof LicenseUnreachableError && e.code === "NETWORK" && /ECONNREFUSED/.test(e.message) && e.retryable);
    const slow = client(
      (sent) =>
        new Promise<Response>((_, reject) => {
          sent.init.signal!.addEventListener("abort", () => reject(sent.init.signal!.reason));
        }),
      { timeoutMs: 20 },
    );
    await assert.rejects(slow.c.heartbeat("C"), (e: unknown) => e instanceof LicenseUnreachableError && e.code === "TIMEOUT");
  });

  it("mkt.myhuaweicloud.com unreachable at the network level → retried once at mkt.myhuaweicloud.cn; timeouts and HTTP errors are not", async () => {
    const down = (host: string) => (sent: Sent) => {
      if (sent.url.startsWith(host)) throw Object.assign(new TypeError("fetch failed"), { cause: { code: "ENOTFOUND" } });
      return json(200, { error_code: "92020000", data: { license_code: "C", status: "ALIVE" } });
    };
    const f = fakeFetch(down("https://mkt.myhuaweicloud.com/"));
    const c = createLicenseClient({ ak: "a", sk: "s", fetch: f.fetch });
    assert.equal((await c.heartbeat("C")).status, "ALIVE");
    assert.deepEqual(f.calls.map((x) => new URL(x.url).host), ["mkt.myhuaweicloud.com", "mkt.myhuaweicloud.cn"]);
    const custom = fakeFetch(down("https://mkt.example.com/"));
    await assert.rejects(createLicenseClient({ endpoint: "https://mkt.example.com", ak: "a", sk: "s", fetch: custom.fetch }).heartbeat("C"), LicenseUnreachableError);
    assert.equal(custom.calls.length, 1, "no fallback for other hosts");
    const http = fakeFetch(() => json(502, "bad gateway"));
    await assert.rejects(createLicenseClient({ ak: "a", sk: "s", fetch: http.fetch }).heartbeat("C"), LicenseUnreachableError);
    assert.equal(http.calls.length, 1, "an HTTP answer is not retried elsewhere");
  });

  it("a success without a readable license_code_info or status is an unexpected answer, not a success", async () => {
    for (const data of [{}, { license_code_info: "{not json" }, { license_code_info: "[1]" }]) {
      const { c } = client(() => json(200, { error_code: "92020000", data }));
      await assert.rejects(c.activate("C"), LicenseUnexpectedAnswerError);
    }
    const { c } = client(() => json(200, { error_code: "92020000", data: { license_code: "C" } }));
    await assert.rejects(c.heartbeat("C"), LicenseUnexpectedAnswerError);
  });

  it("parseLicenseCodeInfo accepts an object too and refuses non-objects", () => {
    assert.equal(parseLicenseCodeInfo({ status: "ALIVE", amount: "3" }).info.amount, 3);
    assert.throws(() => parseLicenseCodeInfo("42"), SyntaxError);
    assert.throws(() => parseLicenseCodeInfo(undefined), SyntaxError);
  });
});

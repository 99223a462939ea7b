/**
 * OneAccess client against a fake fetch: request shapes (form body with client_secret, Bearer
 * header), response mapping, every error body of the spec, timeouts and malformed answers.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
  exchangeCode,
  fetchUserInfo,
  isOneAccessError,
  OneAccessError,
  refreshAccessToken,
  SPEC_ERRORS,
  type FetchLike,
  type OneAccessErrorKind,
} from "~/server/oneaccess";

const DOMAIN = "https://example.tenantaccount.com/";
const CLIENT = { domainName: DOMAIN, clientId: "cid", clientSecret: "s3cr&t=plain" };

interface Seen {
  url: string;
  init: RequestInit;
}

function fakeFetch(respond: (call: Seen) => Response | Promise<Response>): FetchLike & { calls: Seen[] } {
  const calls: Seen[] = [];
  const f = async (url: string, init: RequestInit) => {
    const call = { url, init };
    calls.push(call);
    return respond(call);
  };
  return Object.assign(f, { calls });
}

const jsonResponse = (status: number, body: unknown) =>
  new Response(typeof body === "string" ? body : JSON.stringify(body), { status, headers: { "Content-Type": "application/json;charset=UTF-8" } });

async function rejectsWith(p: Promise<unknown>, kind: OneAccessErrorKind, match?: RegExp): Promise<OneAccessError> {
  try {
    await p;
  } catch (err) {
    assert.ok(isOneAccessError(err), `expected OneAccessError, got ${String(err)}`);
    assert.equal(err.kind, kind, err.message);
    if (match) assert.match(err.message, match);
    return err;
  }
  assert.fail(`expected a OneAccessError(${kind})`);
}

describe("exchangeCode", () => {
  it("POSTs the documented form (client_secret in the body) and returns the validated token set", async () => {
    const f = fakeFetch(() => jsonResponse(200, { access_token: "at-1", token_type: "Bearer", expires_in: 7200, scope: "get_user_info", refresh_token: "rt-1" }));
    const tokens = await exchangeCode({ ...CLIENT, code: "z2D", redirectUri: "https://app.example/cb", fetch: f });
    assert.deepEqual(tokens, { access_token: "at-1", token_type: "Bearer", expires_in: 7200, scope: "get_user_info", refresh_token: "rt-1" });
    assert.equal(f.calls.length, 1);
    const { url, init } = f.calls[0]!;
    assert.equal(url, "https://example.tenantaccount.com/api/v1/oauth2/token");
    assert.equal(init.method, "POST");
    assert.equal(init.redirect, "manual");
    const headers = new Headers(init.headers);
    assert.match(headers.get("content-type")!, /^application\/x-www-form-urlencoded/);
    assert.equal(headers.get("accept"), "application/json");
    assert.equal(headers.get("authorization"), null, "no HTTP Basic: the secret goes in the body");
    const form = new URLSearchParams(String(init.body));
    assert.deepEqual(Object.fromEntries(form), {
      client_id: "cid",
      client_secret: "s3cr&t=plain",
      code: "z2D",
      grant_type: "authorization_code",
      redirect_uri: "https://app.example/cb",
    });
  });

  it("accepts the documented example without refresh_token, and omits redirect_uri when not given", async () => {
    const f = fakeFetch(() => jsonResponse(200, { access_token: "******", token_type: "Bearer", expires_in: 7200, scope: "get_user_info" }));
    const tokens = await exchangeCode({ ...CLIENT, code: "c", fetch: f });
    assert.equal(tokens.refresh_token, undefined);
    assert.equal(new URLSearchParams(String(f.calls[0]!.init.body)).has("redirect_uri"), false);
  });

  it("tolerates token_type case, a numeric-string expires_in, a missing scope and null refresh_token", async () => {
    const f = fakeFetch(() => jsonResponse(200, { access_token: "a", token_type: "bearer", expires_in: "3600", refresh_token: null }));
    const t = await exchangeCode({ ...CLIENT, code: "c", fetch: f });
    assert.equal(t.token_type, "Bearer");
    assert.equal(t.expires_in, 3600);
    assert.equal(t.scope, undefined);
    assert.equal(t.refresh_token, undefined);
  });

  it("400 invalid_grant \"Invalid authorization code\" → kind invalid_grant with status and description", async () => {
    const f = fakeFetch(() => jsonResponse(400, SPEC_ERRORS.invalidCode));
    const err = await rejectsWith(exchangeCode({ ...CLIENT, code: "used", fetch: f }), "invalid_grant", /authorization code.*HTTP 400 invalid_grant: Invalid authorization code/);
    assert.equal(err.status, 400);
    assert.equal(err.error, "invalid_grant");
    assert.equal(err.errorDescription, "Invalid authorization code");
    assert.equal(err.endpoint, "token");
  });

  it("401 unauthorized (spec body) → kind unauthorized, message points at the synced credentials", async () => {
    const f = fakeFetch(() => jsonResponse(401, SPEC_ERRORS.unauthorized));
    await rejectsWith(exchangeCode({ ...CLIENT, code: "c", fetch: f }), "unauthorized", /domainName, clientId and clientSecret.*Full authentication is required/);
  });

  it("Huawei FAQ's 403 / \"Bad client credentials\" and an invalid_client body → unauthorized", async () => {
    await rejectsWith(exchangeCode({ ...CLIENT, code: "c", fetch: fakeFetch(() => jsonResponse(403, "Bad client credentials")) }), "unauthorized", /403/);
    await rejectsWith(
      exchangeCode({ ...CLIENT, code: "c", fetch: fakeFetch(() => jsonResponse(400, { error: "invalid_client", error_description: "Bad client credentials" })) }),
      "unauthorized",
      /Bad client credentials/,
    );
  });

  it("an OAuth error in a 200 body is still an error (the docs list error/error_description as response fields)", async () => {
    const f = fakeFetch(() => jsonResponse(200, SPEC_ERRORS.invalidCode));
    await rejectsWith(exchangeCode({ ...CLIENT, code: "c", fetch: f }), "invalid_grant");
  });

  it("other OAuth errors, 5xx and redirects → bad_response keeping the OAuth error code", async () => {
    const e1 = await rejectsWith(
      exchangeCode({ ...CLIENT, code: "c", fetch: fakeFetch(() => jsonResponse(400, { error: "unsupported_grant_type", error_description: "Unsupported grant type: x" })) }),
      "bad_response",
    );
    assert.equal(e1.error, "unsupported_grant_type");
    await rejectsWith(exchangeCode({ ...CLIENT, code: "c", fetch: fakeFetch(() => new Response("<html>Bad Gateway</html>", { status: 502 })) }), "bad_response", /HTTP 502 "<html>Bad Gateway<\/html>"/);
    await rejectsWith(
      exchangeCode({ ...CLIENT, code: "c", fetch: fakeFetch(() => new Response(null, { status: 302, headers: { Location: "https://elsewhere.example/login" } })) }),
      "bad_response",
      /redirect/,
    );
  });

  it("malformed JSON, an empty body and a wrong shape → bad_response naming the problem", async () => {
    await rejectsWith(exchangeCode({ ...CLIENT, code: "c", fetch: fakeFetch(() => jsonResponse(200, '{"access_token":')) }), "bad_response", /not JSON/);
    await rejectsWith(exchangeCode({ ...CLIENT, code: "c", fetch: fakeFetch(() => new Response("", { status: 200 })) }), "bad_response", /not JSON/);
    await rejectsWith(
      exchangeCode({ ...CLIENT, code: "c", fetch: fakeFetch(() => jsonResponse(200, { access_token: "a", token_type: "mac", expires_in: -1 })) }),
      "bad_response",
      /token_type: token_type must be Bearer.*expires_in/,
    );
    await rejectsWith(exchangeCode({ ...CLIENT, code: "c", fetch: fakeFetch(() => jsonResponse(200, [1, 2])) }), "bad_response", /unexpected shape/);
  });

  it("network failures → kind network with the cause", async () => {
    const f: FetchLike = async () => {
      throw new TypeError("fetch failed", { cause: Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:9"), { code: "ECONNREFUSED" }) });
    };
    const err = await rejectsWith(exchangeCode({ ...CLIENT, code: "c", fetch: f }), "network", /unreachable: fetch failed — ECONNREFUSED/);
    assert.ok(err.cause instanceof TypeError);
  });

  it("times out (default 5 s, configurable) while waiting for headers", async () => {
    const hang: FetchLike = (_url, init) =>
      new Promise((_resolve, reject) => init.signal!.addEventListener("abort", () => reject(init.signal!.reason), { once: true }));
    // The fake never answers: only the 50 ms limit can end the call (the message names it).
    await rejectsWith(exchangeCode({ ...CLIENT, code: "c", fetch: hang, timeoutMs: 50 }), "timeout", /did not answer within 50 ms/);
  });

  it("times out while the body is still streaming", async () => {
    const slowBody: FetchLike = async (_url, init) => {
      const stream = new ReadableStream<Uint8Array>({
        start(controller) {
          controller.enqueue(new TextEncoder().encode('{"access_token":'));
          init.signal!.addEventListener("abort", () => controller.error(init.signal!.reason), { once: true });
        },
      });
      return new Response(stream, { status: 200 });
    };
    await rejectsWith(exchangeCode({ ...CLIENT, code: "c", fetch: slowBody, timeoutMs: 50 }), "timeout");
  });

  it("a caller abort is reported as network, not timeout", async () => {
    const hang: FetchLike = (_url, init) =>
      new Promise((_resolve, reject) => init.signal!.addEventListener("abort", () => reject(init.signal!.reason), { once: true }));
    const ac = new AbortController();
    setTimeout(() => ac.abort(), 10);
    await rejectsWith(exchangeCode({ ...CLIENT, code: "c", fetch: hang, timeoutMs: 5_000, signal: ac.signal }), "network", /aborted/);
    const already = new AbortController();
    already.abort();
    await rejectsWith(exchangeCode({ ...CLIENT, code: "c", fetch: hang, signal: already.signal }), "network", /aborted/);
  });
});

describe("refreshAccessToken", () => {
  it("POSTs grant_type=refresh_token with client credentials and returns the new token set", async () => {
    const f = fakeFetch(() => jsonResponse(200, { access_token: "at-2", token_type: "Bearer", expires_in: 7200, scope: "get_user_info", refresh_token: "rt-2" }));
    const tokens = await refreshAccessToken({ ...CLIENT, refreshToken: "rt-1", fetch: f });
    assert.equal(tokens.access_token, "at-2");
    assert.equal(tokens.refresh_token, "rt-2");
    assert.equal(f.calls[0]!.url, "https://example.tenantaccount.com/api/v1/oauth2/token");
    assert.deepEqual(Object.fromEntries(new URLSearchParams(String(f.calls[0]!.init.body))), {
      client_id: "cid",
      client_secret: "s3cr&t=plain",
      grant_type: "refresh_token",
      refresh_token: "rt-1",
    });
  });

  it("400 invalid_grant \"Invalid refresh token\" → invalid_grant naming the refresh token", async () => {
    const f = fakeFetch(() => jsonResponse(400, SPEC_ERRORS.invalidRefreshToken));
    const err = await rejectsWith(refreshAccessToken({ ...CLIENT, refreshToken: "old", fetch: f }), "invalid_grant", /rejected the refresh token.*Invalid refresh token/);
    assert.equal(err.endpoint, "refresh");
  });

  it("401 → unauthorized", async () => {
    await rejectsWith(refreshAccessToken({ ...CLIENT, refreshToken: "r", fetch: fakeFetch(() => jsonResponse(401, SPEC_ERRORS.unauthorized)) }), "unauthorized");
  });
});

describe("fetchUserInfo", () => {
  const FULL = {
    id: "20201029190841785-CB37-8BD36B",
    userName: "zhangsan",
    name: "张三",
    email: "123@example.com",
    mobile: "12345678901",
    role: "admin",
    organizationName: "研发部",
    userId: "u-1",
    organizationCode: "10000",
    projectName: "华为测试企业",
    tenant: "34a59a26e6a24071a9cc7a0526440171",
  };

  it("sends Bearer + Accept and maps every documented field", async () => {
    const f = fakeFetch(() => jsonResponse(200, FULL));
    const info = await fetchUserInfo({ domainName: DOMAIN, accessToken: "at-1", fetch: f });
    assert.deepEqual(info, FULL);
    const { url, init } = f.calls[0]!;
    assert.equal(url, "https://example.tenantaccount.com/api/v1/oauth2/userinfo");
    assert.equal(init.method, "GET");
    const h = new Headers(init.headers);
    assert.equal(h.get("authorization"), "Bearer at-1");
    assert.equal(h.get("accept"), "application/json");
  });

  it("accepts the documented minimal example and the 开天 example, keeping unknown fields", async () => {
    const minimal = { id: "20201029190841785-CB37-8BD36B", name: "test", userName: "test", mobile: "12345678901", email: "123@example.com" };
    assert.deepEqual(await fetchUserInfo({ domainName: DOMAIN, accessToken: "a", fetch: fakeFetch(() => jsonResponse(200, minimal)) }), minimal);
    const kaitian = { userName: "zhangsan", name: "张三", tenant: "34a59a26e6a24071a9cc7a0526440171", organizationCode: "10000", role: "user", accName: "zs", loginName: "zhangsan" };
    const info = await fetchUserInfo({ domainName: DOMAIN, accessToken: "a", fetch: fakeFetch(() => jsonResponse(200, kaitian)) });
    assert.equal(info.role, "user");
    assert.equal((info as Record<string, unknown>).loginName, "zhangsan");
  });

  it("normalises nulls, numbers and role case", async () => {
    const info = await fetchUserInfo({
      domainName: DOMAIN,
      accessToken: "a",
      fetch: fakeFetch(() => jsonResponse(200, { userName: "u", mobile: 13800000000, email: null, role: "ADMIN", id: 42 })),
    });
    assert.equal(info.mobile, "13800000000");
    assert.equal(info.email, undefined);
    assert.equal(info.role, "admin");
    assert.equal(info.id, "42");
  });

  it("401 unauthorized (spec body) → unauthorized telling the caller to refresh", async () => {
    const err = await rejectsWith(
      fetchUserInfo({ domainName: DOMAIN, accessToken: "expired", fetch: fakeFetch(() => jsonResponse(401, SPEC_ERRORS.unauthorized)) }),
      "unauthorized",
      /did not accept the access token.*Full authentication is required to access this resource/,
    );
    assert.equal(err.endpoint, "userinfo");
    assert.equal(err.status, 401);
  });

  it("a missing userName or an unknown role → bad_response", async () => {
    await rejectsWith(fetchUserInfo({ domainName: DOMAIN, accessToken: "a", fetch: fakeFetch(() => jsonResponse(200, { name: "x" })) }), "bad_response", /userName/);
    await rejectsWith(fetchUserInfo({ domainName: DOMAIN, accessToken: "a", fetch: fakeFetch(() => jsonResponse(200, { userName: "x", role: "root" })) }), "bad_response", /role/);
  });

  it("malformed JSON → bad_response; timeout → timeout", async () => {
    await rejectsWith(fetchUserInfo({ domainName: DOMAIN, accessToken: "a", fetch: fakeFetch(() => jsonResponse(200, "{userName:x}")) }), "bad_response", /not JSON/);
    const hang: FetchLike = (_u, init) => new Promise((_r, reject) => init.signal!.addEventListener("abort", () => reject(init.signal!.reason)));
    await rejectsWith(fetchUserInfo({ domainName: DOMAIN, accessToken: "a", fetch: hang, timeoutMs: 30 }), "timeout");
  });
});

/**
 * 联营 tenants for login tests, delivered like the marketplace does: a signed newInstance
 * (base interface), then signed tenantSync / applicationSync / authSync (Kit), with the
 * domainName pointing at the in-process OneAccess emulator. `emulatorFetch` answers the
 * OneAccess calls of any such tenant through handleEmulatorRequest (what the Next.js route
 * /dev/oneaccess/[tenantId]/[...path] does), so the OAuth client runs unchanged.
 */
import { randomBytes } from "node:crypto";
import { after, before } from "node:test";
import { resetEnvForTests } from "~/env";
import type { PrismaClient } from "~/generated/prisma/client";
import { encryptClientSecretForTest } from "~/koogallery/rsa";
import { buildAuthorizeUrl, type FetchLike } from "~/server/oneaccess";
import { EmulatorStore, emulatorBasePath, emulatorDomainName, handleEmulatorRequest, type EmulatorOptions } from "~/dev/oneaccess-emulator";
import { callBase, callKit, kitTimeStamp, newOrder, testRsaKeys } from "./marketplace";

export const LOGIN_APP_URL = "http://localhost:3000";
export const LOGIN_CALLBACK = `${LOGIN_APP_URL}/api/auth/callback/oneaccess`;
export const LOGIN_APP_ID = "app-login-test";
/** The NEXTAUTH_SECRET of loginEnvForThisFile (tests that encode or decode session cookies need it). */
export const LOGIN_SECRET = "integration-nextauth-secret-0123456789";

/**
 * Hooks for a test file that signs customers in: the app's URL, the next-auth secret and the
 * 应用凭证 appId set before the file's tests, the previous environment restored after them.
 */
export function loginEnvForThisFile(): void {
  const saved = { ...process.env };
  before(() => {
    Object.assign(process.env, { APP_URL: LOGIN_APP_URL, NEXTAUTH_URL: LOGIN_APP_URL, NEXTAUTH_SECRET: LOGIN_SECRET, KOOGALLERY_APP_ID: LOGIN_APP_ID });
    resetEnvForTests();
  });
  after(() => {
    process.env = { ...saved };
    resetEnvForTests();
  });
}

export interface KitUser {
  userName: string;
  name?: string;
  role?: "admin" | "user";
  enable?: "true" | "false";
}

export interface SyncedTenant {
  tenantId: string;
  tenantCode: string;
  name: string;
  instanceId: string;
  clientId: string;
  clientSecret: string;
  domainName: string;
}

/** A tenant bound to a fresh instance, with its OAuth client and users, all through signed calls. */
export async function syncLoginTenant(
  prisma: PrismaClient,
  opts: { name?: string; users?: KitUser[]; appId?: string; /** bind this existing instance instead of buying one */ instance?: { instanceId: string; orderId: string } } = {},
): Promise<SyncedTenant> {
  let order: { orderId: string };
  let instanceId: string;
  if (opts.instance) {
    order = { orderId: opts.instance.orderId };
    instanceId = opts.instance.instanceId;
  } else {
    const o = newOrder();
    const created = await callBase(prisma, o);
    if (created.json.resultCode !== "000000") throw new Error(`newInstance: ${created.text}`);
    order = o;
    instanceId = created.json.instanceId as string;
  }
  const suffix = randomBytes(4).toString("hex");
  const tenantId = `t-${suffix}`;
  const tenantCode = `code-${suffix}`;
  const name = opts.name ?? `Tenant ${suffix}`;
  const clientId = `client-${suffix}`;
  const clientSecret = `secret-${randomBytes(8).toString("hex")}`;
  const domainName = emulatorDomainName(LOGIN_APP_URL, tenantId);
  const appId = opts.appId ?? LOGIN_APP_ID;
  const ts = kitTimeStamp();
  const users = (opts.users ?? [{ userName: "alice", role: "admin" }, { userName: "bob" }]).map((u) => ({
    userName: u.userName,
    name: u.name ?? u.userName.toUpperCase(),
    orgCode: "1",
    role: u.role ?? "user",
    enable: u.enable ?? "true",
  }));
  const calls: Array<[string, Record<string, unknown>]> = [
    ["tenantSync", { instanceId, orderId: order.orderId, tenantId, tenantCode, name, domainName, flag: 1, testFlag: 0, timeStamp: ts }],
    ["applicationSync", { instanceId, tenantId, appId, clientId, clientSecret: encryptClientSecretForTest(clientSecret, testRsaKeys().publicKey), flag: 1, testFlag: 0, timeStamp: ts }],
    ["authSync", { instanceId, tenantId, appId, currentSyncTime: ts, flag: 1, testFlag: 0, timeStamp: ts, userList: users }],
  ];
  for (const [kind, body] of calls) {
    const r = await callKit(prisma, kind, body);
    if (r.json.resultCode !== "000000") throw new Error(`${kind}: ${r.text}`);
  }
  return { tenantId, tenantCode, name, instanceId, clientId, clientSecret, domainName };
}

export interface Emulator {
  store: EmulatorStore;
  fetch: FetchLike;
  /** Logs `userName` in at the tenant's emulator and answers the code it redirects with. */
  code(t: SyncedTenant, userName: string, opts?: { otherAccount?: boolean }): Promise<string>;
}

/** The emulator for every tenant synced with LOGIN_APP_URL, answering in-process. */
export function emulator(prisma: PrismaClient, over: Partial<EmulatorOptions> = {}): Emulator {
  const store = over.store ?? new EmulatorStore();
  const call = (url: string, init?: RequestInit) => {
    const m = /^\/dev\/oneaccess\/([^/]+)\//.exec(new URL(url).pathname);
    const tenantId = decodeURIComponent(m?.[1] ?? "");
    return handleEmulatorRequest(prisma, new Request(url, init), { basePath: emulatorBasePath(tenantId), tenantId, enabled: true, store, ...over });
  };
  return {
    store,
    fetch: (url, init) => call(url, init),
    async code(t, userName, opts = {}) {
      const url = buildAuthorizeUrl({ domainName: t.domainName, clientId: t.clientId, redirectUri: LOGIN_CALLBACK });
      const form: Record<string, string> = opts.otherAccount ? { userName: "__other__", otherUserName: userName, password: "demo" } : { userName, password: "demo" };
      const res = await call(url, { method: "POST", headers: { "Content-Type": "application/x-www-form-urlencoded" }, body: new URLSearchParams(form).toString() });
      const location = res.headers.get("location");
      if (res.status !== 302 || !location) throw new Error(`emulator login of ${userName} failed: ${res.status} ${await res.text()}`);
      return new URL(location).searchParams.get("code")!;
    },
  };
}

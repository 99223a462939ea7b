/**
 * The emulator's state: authorization codes, access/refresh tokens and SSO sessions.
 *
 * DECISION: kept IN MEMORY, one store per process on globalThis (like the database handle in
 * src/server/db.ts, so Next.js' separately bundled route handlers and dev hot reloads share it).
 * The emulator is a development tool mounted inside this app, and `next dev` / `next start`
 * serve from one process, so every code it issues is redeemed in the same process. Consequences,
 * stated on purpose:
 * - restarting the server forgets every emulator code, token and session (sign in again);
 * - it does NOT work behind several replicas/processes (a code issued by one process is unknown
 *   to another). Production OneAccess is Huawei's, never this; if the emulator must ever run on
 *   several replicas, move these maps into a table (codes and tokens need only the columns of
 *   the records below).
 * Expired entries are pruned on every request.
 */
import { randomBytes } from "node:crypto";

export interface CodeRecord {
  tenantId: string;
  clientId: string;
  redirectUri: string;
  userName: string;
  scope: string;
  expiresAt: number;
  /** Set on first redemption; a second redemption revokes what the first one issued. */
  redeemed?: { accessToken: string; refreshToken: string };
  /** A directory-only account (EmulatorOptions.directoryLogins): not an active synced user. */
  directory?: boolean;
}

export interface TokenRecord {
  tenantId: string;
  clientId: string;
  userName: string;
  scope: string;
  expiresAt: number;
  /** Issued to a directory-only account: userinfo answers, refresh does not. */
  directory?: boolean;
}

export interface SessionRecord {
  tenantId: string;
  userName: string;
  expiresAt: number;
}

export class EmulatorStore {
  readonly codes = new Map<string, CodeRecord>();
  readonly accessTokens = new Map<string, TokenRecord>();
  readonly refreshTokens = new Map<string, TokenRecord>();
  readonly sessions = new Map<string, SessionRecord>();

  /** Drops everything expired. */
  prune(nowMs: number): void {
    for (const map of [this.codes, this.accessTokens, this.refreshTokens, this.sessions] as Map<string, { expiresAt: number }>[]) {
      for (const [k, v] of map) if (v.expiresAt <= nowMs) map.delete(k);
    }
  }

  clear(): void {
    this.codes.clear();
    this.accessTokens.clear();
    this.refreshTokens.clear();
    this.sessions.clear();
  }
}

/** 32 random bytes, base64url: codes, tokens and session ids. */
export function randomToken(): string {
  return randomBytes(32).toString("base64url");
}

const globalForEmulator = globalThis as unknown as { __oneAccessEmulatorStore?: EmulatorStore };

/** The process-wide store (see the DECISION above). */
export function getEmulatorStore(): EmulatorStore {
  globalForEmulator.__oneAccessEmulatorStore ??= new EmulatorStore();
  return globalForEmulator.__oneAccessEmulatorStore;
}

/**
 * Settings of one baseline server process, passed by the bench as base64url JSON in argv[2].
 */
export interface BaselineConfig {
  port: number;
  db: { kind: "postgres"; url: string; poolSize: number } | { kind: "pglite"; dir: string };
  /** The 基础接口 key: verifies signatures and derives the appInfo credential key. */
  accessKey: string;
  /** Decrypts the customer's next-auth session cookie. */
  nextAuthSecret: string;
  /** DATA_ENCRYPTION_KEY: seals and unseals the instances' admin passwords. */
  dataKey: string;
  windowMs: number;
  /** frontEndUrl / adminUrl of appInfo. */
  appUrl: string;
  /**
   * A deliberately wrong answer, to prove the bench catches it: "wrong-code" answers newInstance
   * with 000005; "lost-debit" answers a metered call as served without debiting.
   */
  inject?: "wrong-code" | "lost-debit";
}

export function parseBaselineConfig(arg: string | undefined): BaselineConfig {
  if (!arg) throw new Error("usage: node --import tsx bench/baseline/server.ts <base64url JSON config>");
  return JSON.parse(Buffer.from(arg, "base64url").toString("utf8")) as BaselineConfig;
}

/**
 * Settings of the production interface, read from the environment once per call so that
 * tests can vary them. Every guess about an unconfirmed point of the spec is a switch here
 * (README "Decisions").
 */
import { getEnv, type Env } from "~/env";

export interface MarketplaceConfig {
  accessKey: string;
  kitAccessKey: string;
  /** Key bound to License授权码交付接口 (License callbacks); absent → accessKey. */
  licenseAccessKey?: string;
  windowMs: number;
  /** encryptType of returned credentials, or "none" for plaintext. */
  credentialEncryption: "1" | "2" | "none";
  newInstanceAppInfo: boolean;
  bodySign: boolean;
  frontEndUrl: string;
  adminUrl: string;
  /** PEM private key for applicationSync clientSecret (undefined → secrets cannot be accepted). */
  rsaPrivateKey?: string;
}

export function marketplaceConfig(env: Env = getEnv()): MarketplaceConfig {
  const appUrl = env.APP_URL.replace(/\/+$/, "");
  return {
    accessKey: env.KOOGALLERY_ACCESS_KEY,
    kitAccessKey: env.KOOGALLERY_KIT_ACCESS_KEY,
    licenseAccessKey: env.KOOGALLERY_LICENSE_ACCESS_KEY,
    windowMs: env.KOOGALLERY_SIGNATURE_WINDOW_SECONDS * 1000,
    credentialEncryption: env.KOOGALLERY_CREDENTIAL_ENCRYPTION,
    newInstanceAppInfo: env.KOOGALLERY_NEW_INSTANCE_APPINFO,
    bodySign: env.KOOGALLERY_BODY_SIGN,
    frontEndUrl: env.KOOGALLERY_FRONTEND_URL ?? `${appUrl}/`,
    adminUrl: env.KOOGALLERY_ADMIN_URL ?? `${appUrl}/`,
    rsaPrivateKey: env.KOOGALLERY_RSA_PRIVATE_KEY,
  };
}

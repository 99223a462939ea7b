/**
 * appInfo: how the buyer reaches the instance (queryInstance, and newInstance when enabled).
 * userName/password are encrypted as docs/protocol/base-interface.md#credential-encryption describes (iv + base64(AES-CBC), key
 * derived from the access key with Java's SHA1PRNG) unless KOOGALLERY_CREDENTIAL_ENCRYPTION=none.
 */
import { encryptCredential } from "~/koogallery/credential-crypto";
import { unseal } from "~/server/crypto/at-rest";
import type { MarketplaceConfig } from "./config";

export interface AppInfo {
  frontEndUrl: string;
  adminUrl: string;
  userName: string;
  password: string;
  memo: string;
}

export interface InstanceCredentials {
  adminUserName: string;
  adminPasswordEnc: string;
}

export function buildAppInfo(instance: InstanceCredentials, config: MarketplaceConfig): { appInfo: AppInfo; encryptType?: "1" | "2" } {
  const password = unseal(instance.adminPasswordEnc);
  const enc = config.credentialEncryption;
  const protect = (v: string) => (enc === "none" ? v : encryptCredential(v, config.accessKey, enc));
  return {
    appInfo: {
      frontEndUrl: config.frontEndUrl,
      adminUrl: config.adminUrl,
      userName: protect(instance.adminUserName),
      password: protect(password),
      memo: "实例已开通，请使用管理员账号登录并及时修改初始密码 / Instance ready: sign in with the admin account and change the initial password.",
    },
    ...(enc === "none" ? {} : { encryptType: enc }),
  };
}

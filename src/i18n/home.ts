/**
 * The public start page's strings (src/app/page.tsx), in each locale: `en` defines the keys and
 * zh-CN must have the same ones (admin/define.ts). Pure module.
 */
import { defineArea } from "./admin/define";
import type { Locale } from "./locales";

const HOME = defineArea(
  {
    "home.intro":
      "Sell your SaaS on Huawei Cloud KooGallery (华为云云商店). This app answers the marketplace's signed lifecycle calls — new instance, renewal, freeze and unfreeze, upgrade, release — keeps each purchased instance in an explicit state machine, and logs every call for your staff.",
    "home.address.title": "Production address",
    "home.address.before": "Register this address in the seller console (卖家中心 › 应用工具 › 生产接口地址), with the access key set in",
    "home.customers.title": "For customers",
    "home.customers.text": "Buyers' users sign in with their organisation's 联营账号:",
    "home.customers.link": "Customer sign-in",
    "home.staff.title": "For ISV staff",
    "home.staff.calls": "Marketplace call log",
    "home.staff.callsNote": "— every call KooGallery made, with its answer.",
    "home.staff.signIn": "Staff sign-in",
  },
  {
    "home.intro":
      "在华为云云商店（KooGallery）上销售您的 SaaS。本应用应答云商店签名的生命周期调用——新购、续费、冻结与解冻、升级、释放——以明确的状态机管理每个已购实例，并为运营人员记录每一次调用。",
    "home.address.title": "生产系统接口地址",
    "home.address.before": "在卖家中心（应用工具 › 生产接口地址）登记此地址，访问密钥设置在",
    "home.customers.title": "客户入口",
    "home.customers.text": "买家的用户使用其组织的联营账号登录：",
    "home.customers.link": "客户登录",
    "home.staff.title": "ISV 运营人员",
    "home.staff.calls": "云商店调用日志",
    "home.staff.callsNote": "——云商店的每一次调用及其应答。",
    "home.staff.signIn": "运营人员登录",
  },
);

export type HomeKey = keyof (typeof HOME)["en"];

export function homeText(locale: Locale): (key: HomeKey) => string {
  const dict = HOME[locale];
  return (key) => dict[key];
}

/**
 * Every user-visible string of the tenant pages, in each locale. `en` defines the keys; every
 * other dictionary is typed `Dictionary`, so a missing or extra key is a type error, and
 * DICTIONARIES is a Record over LOCALES, so a new locale without a dictionary is one too.
 * Placeholders are `{name}`, filled by `t(key, { name })`; tests/unit/i18n checks that both
 * languages use the same ones. Catalog and error texts are not here: they arrive as `{ zh, en }`
 * and are picked with `pickText`.
 * Pure module: client components import it too (getTranslator(locale)).
 */
import type { Locale } from "./locales";

const en = {
  "app.name": "KooGallery SaaS Starter",
  "nav.label": "Main",
  "nav.home": "Home",
  "nav.apiConsole": "API console",
  "nav.projects": "Projects",
  "auth.signOut": "Sign out",
  "lang.label": "Language",
  "lang.switchTo": "Switch to {language}",
  "lang.name.zh-CN": "中文",
  "lang.name.en": "English",

  "home.title": "Home",
  "label.pair": "{name}: {value}",
  "org.label": "Organisation",

  "user.heading": "You",
  "user.name": "Name",
  "user.account": "Account",
  "user.role": "Role",

  "sub.heading": "Subscription",
  "sub.instance": "Instance",
  "sub.status": "Status",
  "sub.expires": "Expires",
  "sub.trialEnds": "Trial ends",
  "sub.plan": "Plan",
  "sub.billingMode": "Billing mode",
  "sub.inTrial": "Trial",
  "sub.test": "(test)",
  "sub.none": "No instance is bound to your organisation.",
  "sub.never": "—",

  "status.ACTIVE": "Active",
  "status.FROZEN": "Frozen — renew on KooGallery",
  "status.RELEASED": "Released",

  "billingMode.PERIOD": "Subscription (yearly/monthly)",
  "billingMode.ONE_TIME": "One-time purchase",
  "billingMode.ON_DEMAND": "Pay as you go",
  "billingMode.ON_DEMAND_PKG": "Pay-as-you-go package",
  "billingMode.STOP_WHEN_USED_UP_PKG": "Prepaid package (stops when used up)",

  "refusal.title": "The product cannot be used right now",
  "refusal.action": "Open KooGallery",

  "features.heading": "Features",
  "features.included": "Included",
  "features.notIncluded": "Not in your plan",

  "quotas.heading": "Quotas",
  "quotas.usage": "{used} of {limit} used",
  "quotas.over": "Over the limit: release some before adding more.",
  "quotas.empty": "Your plan has no count quotas.",

  "meters.heading": "Usage balances",
  "meters.period": "Quota month {start} – {end}",
  "meters.remaining": "Remaining:",
  "meters.unlimited": "Unlimited",
  "meters.usage": "{used} of {quota} {unit} used",
  "meters.usedThisPeriod": "Used this month: {used} {unit}",
  "meters.billedThisPeriod": "Billed on demand this month: {billed} {unit}",
  "meters.rule.allowance": "Monthly allowance",
  "meters.rule.packages": "Prepaid packages",
  "meters.rule.on-demand": "Pay as you go (packages are used first)",
  "meters.rule.unmetered": "Recorded, not limited",
  "meters.grants": "Packages and allowances",
  "meters.noGrants": "No active package or allowance.",
  "meters.empty": "Your plan has no metered usage.",
  "grant.kind.PACKAGE": "Package",
  "grant.kind.ALLOWANCE": "This month's allowance",
  "grant.balance": "{remaining} of {quota} left",
  "grant.validUntil": "valid until {date}",
  "grant.noExpiry": "no expiry",

  "chart.heading": "Usage in the last 30 days",
  "chart.title": "{meter}: usage per day, last 30 days ({unit})",
  "chart.desc": "{total} {unit} in total; the busiest day was {day} with {max}.",
  "chart.bar": "{day}: {amount} {unit}",
  "chart.empty": "No usage in the last 30 days.",

  "api.heading": "API console",
  "api.intro": "Calls the product's API. Every call counts 1 on the “{meter}” meter ({unit}).",
  "api.count": "Number of calls",
  "api.countHint": "(1 to 1000)",
  "api.run": "Run",
  "api.running": "Running…",
  "api.served": "{served} calls served.",
  "api.remaining": "Remaining: {remaining}",
  "api.onDemand": "{onDemand} of them billed on demand.",
  "api.replayed": "This request was already served: nothing was debited again.",
  "api.refused": "Request refused",
  "api.allOrNothing": "A request larger than the remaining balance is refused entirely: nothing is served or debited.",
  "api.invalidCount": "Enter a whole number from 1 to 1000.",
  "api.failed": "The request failed. Try again.",

  "projects.heading": "Projects",
  "projects.quota": "{used} of {limit} projects used",
  "projects.notInPlan": "Your plan has no projects.",
  "projects.stopped": "New projects cannot be created while the product is stopped.",
  "projects.empty": "No projects yet.",
  "projects.name": "Project name",
  "projects.nameHint": "(up to 80 characters)",
  "projects.create": "Create project",
  "projects.creating": "Creating…",
  "projects.meta": "Created by {user} · {date}",
  "projects.delete": "Delete",
  "projects.deleting": "Deleting…",
  "projects.deleteLabel": "Delete project {name}",
  "projects.refused": "Request refused",
  "projects.invalidName": "Enter a name of 1 to 80 characters.",
  "projects.failed": "The request failed. Try again.",

  "notFound.title": "Page not found",
  "notFound.body": "There is nothing at this address. It may have been mistyped, or the page no longer exists.",
  "notFound.backToApp": "Back to your home page",
  "notFound.backToSite": "Go to the start page",
} as const satisfies Record<string, string>;

export type MessageKey = keyof typeof en;
export type Dictionary = Record<MessageKey, string>;

const zhCN: Dictionary = {
  "app.name": "KooGallery SaaS Starter",
  "nav.label": "主导航",
  "nav.home": "首页",
  "nav.apiConsole": "API 控制台",
  "nav.projects": "项目",
  "auth.signOut": "退出登录",
  "lang.label": "语言",
  "lang.switchTo": "切换到 {language}",
  "lang.name.zh-CN": "中文",
  "lang.name.en": "English",

  "home.title": "首页",
  "label.pair": "{name}：{value}",
  "org.label": "企业",

  "user.heading": "当前用户",
  "user.name": "姓名",
  "user.account": "账号",
  "user.role": "角色",

  "sub.heading": "订购实例",
  "sub.instance": "实例",
  "sub.status": "状态",
  "sub.expires": "到期时间",
  "sub.trialEnds": "试用结束",
  "sub.plan": "套餐",
  "sub.billingMode": "计费模式",
  "sub.inTrial": "试用中",
  "sub.test": "（测试）",
  "sub.none": "您的企业尚未绑定订购实例。",
  "sub.never": "—",

  "status.ACTIVE": "正常",
  "status.FROZEN": "已冻结，请前往云商店续费",
  "status.RELEASED": "已释放",

  "billingMode.PERIOD": "包周期",
  "billingMode.ONE_TIME": "按次",
  "billingMode.ON_DEMAND": "按需",
  "billingMode.ON_DEMAND_PKG": "按需套餐包",
  "billingMode.STOP_WHEN_USED_UP_PKG": "用完即停套餐包",

  "refusal.title": "当前无法使用本产品",
  "refusal.action": "前往云商店",

  "features.heading": "功能",
  "features.included": "已包含",
  "features.notIncluded": "当前套餐不含",

  "quotas.heading": "配额",
  "quotas.usage": "已用 {used} / {limit}",
  "quotas.over": "已超出上限：请先释放部分资源再新增。",
  "quotas.empty": "当前套餐没有数量配额。",

  "meters.heading": "用量余额",
  "meters.period": "额度月份 {start} – {end}",
  "meters.remaining": "剩余：",
  "meters.unlimited": "不限",
  "meters.usage": "已用 {used} / {quota} {unit}",
  "meters.usedThisPeriod": "本月已用：{used} {unit}",
  "meters.billedThisPeriod": "本月按需计费：{billed} {unit}",
  "meters.rule.allowance": "每月额度",
  "meters.rule.packages": "套餐包",
  "meters.rule.on-demand": "按需计费（优先扣减套餐包）",
  "meters.rule.unmetered": "仅记录，不限量",
  "meters.grants": "套餐包与额度",
  "meters.noGrants": "暂无有效的套餐包或额度。",
  "meters.empty": "当前套餐没有计量用量。",
  "grant.kind.PACKAGE": "套餐包",
  "grant.kind.ALLOWANCE": "本月额度",
  "grant.balance": "剩余 {remaining} / {quota}",
  "grant.validUntil": "有效期至 {date}",
  "grant.noExpiry": "长期有效",

  "chart.heading": "近 30 天用量",
  "chart.title": "{meter}：近 30 天每日用量（{unit}）",
  "chart.desc": "合计 {total} {unit}；用量最高的一天是 {day}，共 {max}。",
  "chart.bar": "{day}：{amount} {unit}",
  "chart.empty": "近 30 天暂无用量。",

  "api.heading": "API 控制台",
  "api.intro": "调用本产品的 API。每次调用计入“{meter}”计量项 1 {unit}。",
  "api.count": "调用次数",
  "api.countHint": "（1 至 1000）",
  "api.run": "执行调用",
  "api.running": "调用中…",
  "api.served": "已完成 {served} 次调用。",
  "api.remaining": "剩余：{remaining}",
  "api.onDemand": "其中 {onDemand} 次按需计费。",
  "api.replayed": "该请求此前已处理，未重复扣减。",
  "api.refused": "请求被拒绝",
  "api.allOrNothing": "请求次数超过剩余额度时，整笔请求会被拒绝，不会调用也不会扣减任何额度。",
  "api.invalidCount": "请输入 1 到 1000 之间的整数。",
  "api.failed": "请求失败，请重试。",

  "projects.heading": "项目",
  "projects.quota": "已用 {used} / {limit} 个项目",
  "projects.notInPlan": "当前套餐不含项目。",
  "projects.stopped": "本产品当前已停止使用，暂不能新建项目。",
  "projects.empty": "暂无项目。",
  "projects.name": "项目名称",
  "projects.nameHint": "（最多 80 个字符）",
  "projects.create": "新建项目",
  "projects.creating": "创建中…",
  "projects.meta": "创建人 {user} · {date}",
  "projects.delete": "删除",
  "projects.deleting": "删除中…",
  "projects.deleteLabel": "删除项目 {name}",
  "projects.refused": "请求被拒绝",
  "projects.invalidName": "请输入 1 到 80 个字符的名称。",
  "projects.failed": "请求失败，请重试。",

  "notFound.title": "页面不存在",
  "notFound.body": "此地址下没有内容。可能是地址输入有误，或该页面已不存在。",
  "notFound.backToApp": "返回首页",
  "notFound.backToSite": "前往起始页",
};

export const DICTIONARIES: Record<Locale, Dictionary> = { "zh-CN": zhCN, en };

export type Vars = Record<string, string | number>;
export type Translate = (key: MessageKey, vars?: Vars) => string;

/** The `{name}` placeholders of a message, in order of appearance. */
export function placeholders(message: string): string[] {
  return [...message.matchAll(/\{([a-zA-Z]+)\}/g)].map((m) => m[1]!);
}

/** Fills `{name}` placeholders; one missing from `vars` stays visible rather than vanishing. */
export function format(message: string, vars?: Vars): string {
  if (!vars) return message;
  return message.replace(/\{([a-zA-Z]+)\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole));
}

export function getTranslator(locale: Locale): Translate {
  const dict = DICTIONARIES[locale];
  return (key, vars) => format(dict[key], vars);
}

/** A key built from data (a status, a billing mode …), if the dictionary has it. */
export function messageKey(key: string): MessageKey | null {
  return Object.hasOwn(en, key) ? (key as MessageKey) : null;
}

/** Translates a data-driven key such as `status.${status}`, falling back to the raw value. */
export function translateOr(t: Translate, key: string, fallback: string): string {
  const k = messageKey(key);
  return k ? t(k) : fallback;
}

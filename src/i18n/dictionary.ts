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

  "login.title": "Sign in",
  "login.intro": "Use your organisation's 联营账号 (Huawei Cloud KooGallery joint-operation account).",
  "login.required": "Please sign in to continue.",
  "login.signedOut": "You have signed out.",
  "login.staffSession": "You are signed in as ISV staff ({name}). Signing in with a 联营账号 here replaces that session.",
  "login.backToStaff": "Back to the staff console",
  "login.unified": "Sign in with 联营账号",
  "login.unifiedUnavailable": "The KooGallery unified login needs {variable} (the 应用凭证's appId). Use your organisation's code below.",
  "login.orgHeading": "Sign in to a known organisation",
  "login.orgLabel": "Tenant code or ID",
  "login.orgHint": "(up to {max} characters)",
  "login.continue": "Continue",
  "login.demoHeading": "Demo organisations (local OneAccess emulator)",
  "login.demoNote": "Development only ({variable} is on). Every demo user's password is {password}.",
  "login.demoPasswordVariable": "the {variable}",
  "login.demoEmpty": "No tenant uses the emulator yet: run {command}.",
  "login.staffQuestion": "ISV staff?",
  "login.staffLink": "Staff sign-in",

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
  "sub.test": "(test)",
  "sub.none": "No instance is bound to your organisation.",
  "sub.never": "—",

  "state.active": "Active",
  "state.trial": "Trial",
  "state.trialEnding": "Trial ends soon",
  "state.runningLow": "Running low",
  "state.usedUp": "Used up",
  "state.allowanceUsedUp": "Monthly allowance used up",
  "state.frozen": "Frozen",
  "state.expired": "Expired",
  "state.trialEnded": "Trial ended",
  "state.released": "Released",

  "billingMode.PERIOD": "Subscription (yearly/monthly)",
  "billingMode.ONE_TIME": "One-time purchase",
  "billingMode.ON_DEMAND": "Pay as you go",
  "billingMode.ON_DEMAND_PKG": "Pay-as-you-go package",
  "billingMode.STOP_WHEN_USED_UP_PKG": "Prepaid package (stops when used up)",

  "notice.frozen.title": "Your subscription is frozen",
  "notice.frozen.body": "The product cannot be used until the subscription is renewed on KooGallery. Your data is kept.",
  "notice.expired.title": "Your subscription has expired",
  "notice.expired.body": "The product cannot be used until the subscription is renewed on KooGallery. Your data is kept.",
  "notice.trialEnded.title": "Your trial has ended",
  "notice.trialEnded.body": "Buy the product on KooGallery to keep using it. Your data is kept.",
  "notice.released.title": "This subscription was released",
  "notice.released.body": "It can no longer be used, and its data will be deleted. Buy the product again on KooGallery to continue.",
  "notice.since": "Since {date}.",
  "notice.usedUp.title": "Your {meter} package is used up",
  "notice.usedUp.body": "All {quota} {unit} are used. New requests are refused until you buy a new package on KooGallery; nothing is billed on demand.",
  "notice.allowanceUsedUp.title": "This month's {meter} allowance is used up",
  "notice.allowanceUsedUp.body": "New requests are refused until the allowance renews on {date}. Upgrade on KooGallery for a larger allowance.",
  "notice.runningLow.title": "Your {meter} balance is running low",
  "notice.runningLow.packages": "{remaining} of {quota} {unit} left (less than {percent}). At zero, requests are refused until you buy a new package.",
  "notice.runningLow.allowance": "{remaining} of {quota} {unit} left this month (less than {percent}). The allowance renews on {date}.",
  "notice.trialEnding.title": "Your trial ends soon",
  "notice.trialEnding.body": "The trial ends on {date}. Buy the product on KooGallery to keep using it without interruption.",
  "action.renew": "Renew on KooGallery",
  "action.buy": "Buy on KooGallery",
  "action.buyPackage": "Buy a package on KooGallery",
  "action.upgrade": "Upgrade on KooGallery",
  "action.newWindow": "(opens in a new tab)",

  "features.heading": "Features",
  "features.included": "Included",
  "features.notIncluded": "Not in your plan",

  "quotas.heading": "Quotas",
  "quotas.usage": "{used} of {limit} used",
  "quotas.over": "Over the limit: release some before adding more.",
  "quotas.empty": "Your plan has no count quotas.",
  "quotas.seatsHint": "Users of your organisation who may sign in, as synced from KooGallery.",

  "meters.heading": "Usage balances",
  "meters.period": "Quota month {start} – {end} ({zone})",
  "meters.remaining": "Remaining:",
  "meters.unlimited": "Unlimited",
  "meters.usage": "{used} of {quota} {unit} used",
  "meters.usedThisPeriod": "Used this month: {used} {unit}",
  "meters.onDemandThisPeriod": "Billed on demand this month, beyond your packages: {billed} {unit}",
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
  "chart.zone": "Days run from midnight to midnight {zone}, like the quota month.",

  "api.heading": "API console",
  "api.intro": "Calls the product's API. Every call counts 1 on the “{meter}” meter ({unit}).",
  "api.count": "Number of calls",
  "api.countHint": "(1 to 1000)",
  "api.run": "Run",
  "api.running": "Running…",
  "api.served.one": "{served} call served.",
  "api.served.other": "{served} calls served.",
  "api.remaining": "Remaining: {remaining}",
  "api.onDemand": "{onDemand} of them billed on demand.",
  "api.replayed": "This request was already served: nothing was debited again.",
  "api.refused": "Request refused",
  "api.allOrNothing": "A request larger than the remaining balance is refused entirely: nothing is served or debited.",
  "api.invalidCount": "Enter a whole number from 1 to 1000.",
  "api.overBalance": "Only {remaining} {unit} left: a larger request would be refused entirely. Enter {remaining} or fewer.",
  "api.failed": "The request failed. Try again.",

  "projects.heading": "Projects",
  "projects.quota": "{used} of {limit} projects used",
  "projects.notInPlan": "Your plan has no projects.",
  "projects.stopped": "While the product is stopped, projects can be viewed but not created or deleted.",
  "projects.atLimit": "All {limit} projects of your plan are in use. Delete one, or upgrade on KooGallery for more.",
  "projects.empty": "No projects yet.",
  "projects.name": "Project name",
  "projects.nameHint": "(up to {max} characters)",
  "projects.nameCount": "{count} / {max} characters",
  "projects.nameTooLong": "The name is {count} characters long; at most {max} are allowed.",
  "projects.create": "Create project",
  "projects.creating": "Creating…",
  "projects.meta": "Created by {user} · {date}",
  "projects.delete": "Delete",
  "projects.deleting": "Deleting…",
  "projects.deleteLabel": "Delete project {name}",
  "projects.confirmDelete": "Delete project “{name}”? This cannot be undone.",
  "projects.confirmYes": "Delete project",
  "projects.confirmNo": "Cancel",
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

  "login.title": "登录",
  "login.intro": "请使用贵企业的联营账号（华为云云商店联营账号）登录。",
  "login.required": "请先登录后再继续。",
  "login.signedOut": "您已安全退出。",
  "login.staffSession": "您当前以服务商员工身份（{name}）登录。在此使用联营账号登录将替换该会话。",
  "login.backToStaff": "返回服务商控制台",
  "login.unified": "联营账号登录",
  "login.unifiedUnavailable": "云商店统一登录需要配置 {variable}（应用凭证的 appId）。请在下方通过企业编码登录。",
  "login.orgHeading": "指定企业登录",
  "login.orgLabel": "企业编码或租户ID",
  "login.orgHint": "（最多 {max} 个字符）",
  "login.continue": "继续",
  "login.demoHeading": "演示企业（本地 OneAccess 模拟器）",
  "login.demoNote": "仅用于开发（已开启 {variable}）。所有演示用户的密码均为 {password}。",
  "login.demoPasswordVariable": "{variable} 的值",
  "login.demoEmpty": "尚无企业使用模拟器：请运行 {command}。",
  "login.staffQuestion": "服务商员工？",
  "login.staffLink": "员工登录",

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
  "sub.test": "（测试）",
  "sub.none": "您的企业尚未绑定订购实例。",
  "sub.never": "—",

  "state.active": "正常",
  "state.trial": "试用中",
  "state.trialEnding": "试用即将结束",
  "state.runningLow": "余量不足",
  "state.usedUp": "已用完",
  "state.allowanceUsedUp": "本月额度已用完",
  "state.frozen": "已冻结",
  "state.expired": "已到期",
  "state.trialEnded": "试用已结束",
  "state.released": "已释放",

  "billingMode.PERIOD": "包周期",
  "billingMode.ONE_TIME": "按次",
  "billingMode.ON_DEMAND": "按需",
  "billingMode.ON_DEMAND_PKG": "按需套餐包",
  "billingMode.STOP_WHEN_USED_UP_PKG": "用完即停套餐包",

  "notice.frozen.title": "您的订购已冻结",
  "notice.frozen.body": "在云商店续费之前无法使用本产品。您的数据会被保留。",
  "notice.expired.title": "您的订购已到期",
  "notice.expired.body": "在云商店续费之前无法使用本产品。您的数据会被保留。",
  "notice.trialEnded.title": "试用已结束",
  "notice.trialEnded.body": "请前往云商店购买正式版以继续使用。您的数据会被保留。",
  "notice.released.title": "该订购已释放",
  "notice.released.body": "已无法继续使用，数据将被删除。如需继续使用，请在云商店重新购买。",
  "notice.since": "自 {date} 起。",
  "notice.usedUp.title": "{meter}套餐包已用完",
  "notice.usedUp.body": "{quota} {unit}已全部用完。在云商店购买新的套餐包之前，新的请求将被拒绝；不会产生按需费用。",
  "notice.allowanceUsedUp.title": "本月{meter}额度已用完",
  "notice.allowanceUsedUp.body": "额度将于 {date} 恢复，在此之前新的请求将被拒绝。如需更多额度，请前往云商店升级。",
  "notice.runningLow.title": "{meter}余量不足",
  "notice.runningLow.packages": "剩余 {remaining} / {quota} {unit}（不足 {percent}）。用完后请求将被拒绝，需购买新的套餐包。",
  "notice.runningLow.allowance": "本月剩余 {remaining} / {quota} {unit}（不足 {percent}）。额度将于 {date} 恢复。",
  "notice.trialEnding.title": "试用即将结束",
  "notice.trialEnding.body": "试用将于 {date} 结束。请前往云商店购买正式版，以免中断使用。",
  "action.renew": "前往云商店续费",
  "action.buy": "前往云商店购买",
  "action.buyPackage": "前往云商店购买套餐包",
  "action.upgrade": "前往云商店升级",
  "action.newWindow": "（在新标签页打开）",

  "features.heading": "功能",
  "features.included": "已包含",
  "features.notIncluded": "当前套餐不含",

  "quotas.heading": "配额",
  "quotas.usage": "已用 {used} / {limit}",
  "quotas.over": "已超出上限：请先释放部分资源再新增。",
  "quotas.empty": "当前套餐没有数量配额。",
  "quotas.seatsHint": "贵企业可登录本应用的用户数（由云商店同步）。",

  "meters.heading": "用量余额",
  "meters.period": "额度月份 {start} – {end}（{zone}）",
  "meters.remaining": "剩余：",
  "meters.unlimited": "不限",
  "meters.usage": "已用 {used} / {quota} {unit}",
  "meters.usedThisPeriod": "本月已用：{used} {unit}",
  "meters.onDemandThisPeriod": "本月超出套餐包的按需计费：{billed} {unit}",
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
  "chart.zone": "每日按 {zone} 零点划分，与额度月份一致。",

  "api.heading": "API 控制台",
  "api.intro": "调用本产品的 API。每次调用计入“{meter}”计量项 1 {unit}。",
  "api.count": "调用次数",
  "api.countHint": "（1 至 1000）",
  "api.run": "执行调用",
  "api.running": "调用中…",
  "api.served.one": "已完成 {served} 次调用。",
  "api.served.other": "已完成 {served} 次调用。",
  "api.remaining": "剩余：{remaining}",
  "api.onDemand": "其中 {onDemand} 次按需计费。",
  "api.replayed": "该请求此前已处理，未重复扣减。",
  "api.refused": "请求被拒绝",
  "api.allOrNothing": "请求次数超过剩余额度时，整笔请求会被拒绝，不会调用也不会扣减任何额度。",
  "api.invalidCount": "请输入 1 到 1000 之间的整数。",
  "api.overBalance": "仅剩 {remaining} {unit}：超出余额的请求会被整笔拒绝。请输入不超过 {remaining} 的次数。",
  "api.failed": "请求失败，请重试。",

  "projects.heading": "项目",
  "projects.quota": "已用 {used} / {limit} 个项目",
  "projects.notInPlan": "当前套餐不含项目。",
  "projects.stopped": "本产品当前已停止使用：可以查看项目，但不能新建或删除。",
  "projects.atLimit": "套餐的 {limit} 个项目已全部用完。请先删除一个，或前往云商店升级以获得更多。",
  "projects.empty": "暂无项目。",
  "projects.name": "项目名称",
  "projects.nameHint": "（最多 {max} 个字符）",
  "projects.nameCount": "{count} / {max} 个字符",
  "projects.nameTooLong": "名称长度为 {count} 个字符，最多允许 {max} 个。",
  "projects.create": "新建项目",
  "projects.creating": "创建中…",
  "projects.meta": "创建人 {user} · {date}",
  "projects.delete": "删除",
  "projects.deleting": "删除中…",
  "projects.deleteLabel": "删除项目 {name}",
  "projects.confirmDelete": "确定删除项目“{name}”吗？此操作无法撤销。",
  "projects.confirmYes": "确认删除",
  "projects.confirmNo": "取消",
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

/** The frame of every staff page: navigation, account menu, banners. */
import { defineArea } from "./define";

export const shell = defineArea(
  {
    "shell.title": "KooGallery SaaS Starter",
    "shell.nav.label": "Staff console",
    "shell.nav.menu": "Menu",
    "shell.nav.overview": "Overview",
    "shell.nav.calls": "Call log",
    "shell.nav.instances": "Instances",
    "shell.nav.tenants": "Tenants",
    "shell.nav.usage": "Usage",
    "shell.nav.signIns": "Sign-ins",
    "shell.nav.licenses": "Licenses",
    "shell.devDefaults": "Development defaults in use for {names}. Set them before going live.",
  },
  {
    "shell.title": "云商店 SaaS 起步工程",
    "shell.nav.label": "运营控制台",
    "shell.nav.menu": "菜单",
    "shell.nav.overview": "概览",
    "shell.nav.calls": "调用日志",
    "shell.nav.instances": "实例",
    "shell.nav.tenants": "租户",
    "shell.nav.usage": "用量",
    "shell.nav.signIns": "登录记录",
    "shell.nav.licenses": "授权码",
    "shell.devDefaults": "以下配置仍在使用开发默认值：{names}。上线前请设置。",
  },
);

/**
 * Tenant home: the signed-in 联营账号, their organisation and its purchased instance — read
 * through `tenant.me` (tenantProcedure), so a customer only ever sees their own tenant.
 */
import type { Metadata } from "next";
import { api } from "~/trpc/server";
import { requireCustomer } from "./require-customer";

export const metadata: Metadata = { title: "Home · 首页" };

const STATUS: Record<string, { en: string; zh: string; className: string }> = {
  ACTIVE: { en: "Active", zh: "正常", className: "text-green-800" },
  FROZEN: { en: "Frozen — renew on KooGallery", zh: "已冻结，请前往云商店续费", className: "text-amber-800" },
  RELEASED: { en: "Released", zh: "已释放", className: "text-red-800" },
};

const day = (d: Date | null) => (d ? `${d.toISOString().slice(0, 16).replace("T", " ")} UTC` : "—");

export default async function TenantHomePage() {
  await requireCustomer();
  const me = await api.tenant.me();
  const status = me.instance ? (STATUS[me.instance.status] ?? { en: me.instance.status, zh: me.instance.status, className: "" }) : null;

  return (
    <main className="space-y-8">
      <div>
        <p className="text-sm text-slate-500">
          Organisation <span lang="zh-CN">· 企业</span>
        </p>
        <h1 className="text-2xl font-bold" data-testid="tenant-name">
          {me.tenant.name}
        </h1>
        <p className="font-mono text-xs text-slate-500" data-testid="tenant-id">
          {me.tenant.tenantCode} / {me.tenant.tenantId}
        </p>
      </div>

      <section className="rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
        <h2 className="text-lg font-semibold">
          You <span lang="zh-CN" className="font-normal text-slate-500">· 当前用户</span>
        </h2>
        <dl className="mt-3 grid grid-cols-[max-content_1fr] gap-x-6 gap-y-1 text-sm">
          <dt className="text-slate-500">Name · 姓名</dt>
          <dd data-testid="user-name">{me.user.name}</dd>
          <dt className="text-slate-500">Account · 账号</dt>
          <dd className="font-mono" data-testid="user-account">
            {me.user.userName}
          </dd>
          <dt className="text-slate-500">Role · 角色</dt>
          <dd data-testid="user-role">{me.user.role}</dd>
        </dl>
      </section>

      <section className="rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
        <h2 className="text-lg font-semibold">
          Subscription <span lang="zh-CN" className="font-normal text-slate-500">· 订购实例</span>
        </h2>
        {me.instance && status ? (
          <dl className="mt-3 grid grid-cols-[max-content_1fr] gap-x-6 gap-y-1 text-sm">
            <dt className="text-slate-500">Instance · 实例</dt>
            <dd className="font-mono" data-testid="instance-id">
              {me.instance.id}
            </dd>
            <dt className="text-slate-500">Status · 状态</dt>
            <dd className={status.className} data-testid="instance-status" data-status={me.instance.status}>
              {status.en} · <span lang="zh-CN">{status.zh}</span>
              {me.instance.isTest ? " (test)" : ""}
            </dd>
            <dt className="text-slate-500">Expires · 到期</dt>
            <dd data-testid="instance-expiry">{day(me.instance.expireAt)}</dd>
          </dl>
        ) : (
          <p className="mt-3 text-sm text-slate-600">No instance is bound to your organisation.</p>
        )}
      </section>
    </main>
  );
}

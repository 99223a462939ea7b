/**
 * Frame of the tenant (customer) pages: who is signed in, and sign-out. The guard runs here and
 * again in every page (layouts and pages render in parallel).
 * EXTENSION POINT: add nav entries to NAV (billing widgets, the product itself …).
 */
import Link from "next/link";
import type { ReactNode } from "react";
import { requireCustomer } from "./require-customer";

const NAV = [{ href: "/app", label: "Home · 首页" }] as const;

export default async function CustomerLayout({ children }: { children: ReactNode }) {
  const user = await requireCustomer();
  return (
    <div className="min-h-screen">
      <header className="border-b border-slate-200 bg-white">
        <div className="mx-auto flex max-w-5xl items-center gap-6 px-6 py-3">
          <Link href="/app" className="font-semibold">
            KooGallery SaaS Starter
          </Link>
          <nav className="flex gap-4 text-sm">
            {NAV.map((item) => (
              <Link key={item.href} href={item.href} className="text-slate-700 hover:text-blue-700">
                {item.label}
              </Link>
            ))}
          </nav>
          <div className="ml-auto flex items-center gap-3 text-sm">
            <span className="text-slate-600" data-testid="customer-name">
              {user.name}
            </span>
            {/* A plain form: POST /logout revokes the session and goes through the tenant's OneAccess logout. */}
            <form method="post" action="/logout">
              <button type="submit" className="rounded border border-slate-300 px-3 py-1 hover:bg-slate-100">
                Sign out · 退出
              </button>
            </form>
          </div>
        </div>
      </header>
      <div className="mx-auto max-w-5xl px-6 py-6">{children}</div>
    </div>
  );
}

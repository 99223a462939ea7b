import type { Metadata } from "next";
import { connection } from "next/server";
import type { ReactNode } from "react";
import { getI18n } from "~/i18n/server";
import "~/styles/globals.css";
import { TRPCReactProvider } from "~/trpc/react";

/** The tab title in the visitor's language: "<page> · <app name>" (src/i18n/dictionary.ts "app.name"). */
export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getI18n();
  const name = t("app.name");
  return {
    title: { default: name, template: `%s · ${name}` },
    description: "Sell your SaaS on Huawei Cloud KooGallery: lifecycle callbacks, call log and admin.",
  };
}

export default async function RootLayout({ children }: { children: ReactNode }) {
  // Every page is rendered per request: the Content-Security-Policy nonce (src/proxy.ts) is new
  // each time, and Next can only put it on its inline scripts while rendering. A page prerendered
  // at build time (the 404 page, say) would carry scripts without it, which the policy blocks.
  await connection();
  return (
    <html lang="en">
      <body className="min-h-screen bg-slate-50 font-sans text-slate-900 antialiased">
        <TRPCReactProvider>{children}</TRPCReactProvider>
      </body>
    </html>
  );
}

import type { Metadata } from "next";
import type { ReactNode } from "react";
import "~/styles/globals.css";
import { TRPCReactProvider } from "~/trpc/react";

export const metadata: Metadata = {
  title: { default: "KooGallery SaaS Starter", template: "%s · KooGallery SaaS Starter" },
  description: "Sell your SaaS on Huawei Cloud KooGallery: lifecycle callbacks, call log and admin.",
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body className="min-h-screen bg-slate-50 font-sans text-slate-900 antialiased">
        <TRPCReactProvider>{children}</TRPCReactProvider>
      </body>
    </html>
  );
}

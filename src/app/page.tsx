/**
 * Public home page: what this installation is and the one address the ISV registers in the
 * KooGallery seller console.
 */
import Link from "next/link";
import { connection } from "next/server";
import { getEnv, productionAddress } from "~/env";

export default async function HomePage() {
  // APP_URL is read per request (not baked in at build time), so one build serves any domain.
  await connection();
  const address = productionAddress(getEnv());

  return (
    <main className="mx-auto max-w-3xl px-6 py-16">
      <h1 className="text-3xl font-bold tracking-tight">KooGallery SaaS Starter</h1>
      <p className="mt-4 text-lg text-slate-700">
        Sell your SaaS on Huawei Cloud KooGallery (华为云云商店). This app answers the marketplace&apos;s
        signed lifecycle calls — new instance, renewal, freeze and unfreeze, upgrade, release — keeps
        each purchased instance in an explicit state machine, and logs every call for your staff.
      </p>

      <section className="mt-10 rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
        <h2 className="text-lg font-semibold">Production address</h2>
        <p className="mt-2 text-sm text-slate-600">
          Register this address in the seller console (卖家中心 › 应用工具 › 生产接口地址), with the access
          key set in <code className="font-mono">KOOGALLERY_ACCESS_KEY</code>:
        </p>
        <p className="mt-3 break-all rounded bg-slate-100 px-3 py-2 font-mono text-sm" data-testid="production-address">
          {address}
        </p>
      </section>

      <section className="mt-10">
        <h2 className="text-lg font-semibold">For customers</h2>
        <p className="mt-3 text-slate-700">
          Buyers&apos; users sign in with their organisation&apos;s 联营账号:{" "}
          <Link className="text-blue-700 underline" href="/login">
            Customer sign-in
          </Link>
          .
        </p>
      </section>

      <section className="mt-10">
        <h2 className="text-lg font-semibold">For ISV staff</h2>
        <ul className="mt-3 list-disc space-y-1 pl-6 text-slate-700">
          <li>
            <Link className="text-blue-700 underline" href="/admin/calls">
              Marketplace call log
            </Link>{" "}
            — every call KooGallery made, with its answer.
          </li>
          <li>
            <Link className="text-blue-700 underline" href="/admin/login">
              Staff sign-in
            </Link>
          </li>
        </ul>
      </section>
    </main>
  );
}

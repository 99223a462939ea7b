/**
 * Staff list of License codes (联营License 授权码): what the marketplace's callbacks and this app's
 * activations and heartbeats established about each code, newest first, with links to each code's
 * callbacks in the call log. Filters are in the query string (?status=…&q=…&hideTest=1).
 */
import type { Metadata } from "next";
import Link from "next/link";
import { api } from "~/trpc/server";
import { LICENSE_CODE_STATUSES } from "~/server/api/routers/license-admin.schema";
import { DataTable, fieldClass, FilterForm } from "../list-parts";
import { first, type RawSearchParams } from "../query-params";
import { requireStaff } from "../require-staff";
import { LicenseApiActions } from "./api-actions";
import { heartbeatClass, licenseCallsHref, licenseHref, STATUS_BADGE, utc } from "./format";

export const metadata: Metadata = { title: "Licenses" };

const COLUMNS = ["License code", "Status", "Expires", "Activated", "Last heartbeat", "Callbacks", "Refused", "Product / order"];

export default async function LicensesPage({ searchParams }: { searchParams: Promise<RawSearchParams> }) {
  await requireStaff();
  const sp = await searchParams;
  const status = LICENSE_CODE_STATUSES.find((s) => s === first(sp.status));
  const search = first(sp.q)?.slice(0, 64);
  const hideTest = first(sp.hideTest) === "1";
  const rows = await api.licenseAdmin.list({ status, search, includeTest: !hideTest });

  return (
    <main>
      <h1 className="text-2xl font-bold">License codes</h1>
      <p className="mt-1 text-sm text-slate-600">
        授权码 of License products: their state from KooGallery&apos;s callbacks (renewal, freeze, release) and what the open API answered when this
        app activated or checked them. Times in UTC.
      </p>
      <section className="mt-4 rounded-lg border border-slate-200 bg-white p-4" aria-label="Try a code">
        <h2 className="text-sm font-semibold">Activate or check a code</h2>
        <p className="mb-2 text-xs text-slate-600">Calls 激活授权码 / 查询授权码 with KOOGALLERY_OPENAPI_AK/SK and records the answer on the code.</p>
        <LicenseApiActions />
      </section>
      <div className="mt-4">
        <FilterForm action="/admin/licenses" label="Filter license codes">
          <label className="text-sm">
            Status
            <select name="status" defaultValue={status ?? ""} className={fieldClass}>
              <option value="">All</option>
              {LICENSE_CODE_STATUSES.map((s) => (
                <option key={s}>{s}</option>
              ))}
            </select>
          </label>
          <label className="text-sm">
            Search
            <input name="q" defaultValue={search} placeholder="code or order id" className={fieldClass} />
          </label>
          <label className="flex items-center gap-2 pb-2 text-sm">
            <input type="checkbox" name="hideTest" value="1" defaultChecked={hideTest} />
            Hide test codes
          </label>
        </FilterForm>
      </div>
      <DataTable className="mt-6" columns={COLUMNS} testId="license-table" isEmpty={rows.length === 0} empty="No license codes yet." emptyTestId="no-licenses">
        <tbody>
          {rows.map((r) => (
            <tr key={r.license} className="border-t border-slate-100 align-top" data-testid="license-row" data-license={r.license}>
              <td className="px-3 py-2 font-mono text-xs">
                <Link href={licenseHref(r.license)} className="text-blue-700 underline">
                  {r.license}
                </Link>
                {r.isTest ? <span className="ml-2 rounded bg-amber-100 px-1.5 font-sans text-xs text-amber-800">test</span> : null}
              </td>
              <td className="px-3 py-2">
                <span className={`rounded px-1.5 text-xs ${STATUS_BADGE[r.status]}`} data-testid="license-status">
                  {r.status}
                </span>
              </td>
              <td className="px-3 py-2 text-xs">{utc(r.expireAt)}</td>
              <td className="px-3 py-2 text-xs" data-testid="license-activated">{utc(r.activatedAt)}</td>
              <td className="px-3 py-2 text-xs" data-testid="license-heartbeat-cell">
                {r.lastHeartbeatAt ? (
                  <>
                    <span className={heartbeatClass(r.lastHeartbeatStatus)}>{r.lastHeartbeatStatus ?? r.lastHeartbeatCode}</span>
                    <div className="text-slate-500">{utc(r.lastHeartbeatAt)}</div>
                  </>
                ) : (
                  "—"
                )}
              </td>
              <td className="px-3 py-2 text-xs">
                <Link href={licenseCallsHref(r.license)} className="text-blue-700 underline" data-testid="license-callbacks">
                  {r.callbacks}
                </Link>
                {r.lastCallbackAt ? <div className="text-slate-500">{utc(r.lastCallbackAt)}</div> : null}
              </td>
              <td className="px-3 py-2 text-xs">{r.refusedTransitions > 0 ? <span className="text-red-700">{r.refusedTransitions}</span> : "0"}</td>
              <td className="px-3 py-2 font-mono text-xs">
                {r.productId ?? "—"}
                <br />
                {r.orderId ?? ""}
              </td>
            </tr>
          ))}
        </tbody>
      </DataTable>
    </main>
  );
}

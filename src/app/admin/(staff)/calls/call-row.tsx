/**
 * One call of the log: a summary row and, below it, the redacted request and response bodies
 * in <details> (expand without JavaScript). Long bodies and ids wrap inside their cell, so an
 * opened call never widens the table. The subject links to its instance, license code or tenant;
 * the time links to the call's own page (/admin/calls/<id>).
 */
import Link from "next/link";
import { adminMessageKey, type AdminTranslate } from "~/i18n/admin/dictionary";
import type { Locale } from "~/i18n/locales";
import type { RouterOutputs } from "~/trpc/types";
import { AdminTime } from "../admin-time";
import { callSubjects, tenantHref } from "../links";
import { WRAP_CELL } from "../list-parts";
import { resultLabel } from "./result-labels";

export type CallLogItem = RouterOutputs["callLog"]["list"]["items"][number];

/** A call's channel in the console's language (基础接口 / Kit / License); an unknown one as stored. */
export function channelLabel(channel: string, t: AdminTranslate): string {
  const key = adminMessageKey(`calls.group.${channel}`);
  return key ? t(key) : channel;
}

function ResultBadge({ call, t, locale }: { call: CallLogItem; t: AdminTranslate; locale: Locale }) {
  const code = call.resultCode;
  if (code === null && call.interruptedAt !== null) {
    return (
      <span className="rounded bg-amber-100 px-1.5 py-0.5 font-mono text-xs text-amber-900" title={t("calls.interruptedHint")}>
        {t("calls.interrupted")}
      </span>
    );
  }
  if (code === null) return <span className="rounded bg-slate-200 px-1.5 py-0.5 font-mono text-xs">{t("calls.pending")}</span>;
  const ok = code === "000000";
  return (
    <span className={`rounded px-1.5 py-0.5 font-mono text-xs ${ok ? "bg-green-100 text-green-800" : "bg-red-100 text-red-800"}`} title={resultLabel(call.channel, code, locale) ?? undefined}>
      {code}
    </span>
  );
}

function Json({ label, value }: { label: string; value: unknown }) {
  return (
    <div className="min-w-0 flex-1">
      <p className="text-xs font-semibold uppercase text-slate-500">{label}</p>
      <pre className="mt-1 max-h-96 overflow-y-auto whitespace-pre-wrap rounded bg-slate-900 p-3 font-mono text-xs text-slate-100 [overflow-wrap:anywhere]">
        {value === null || value === undefined ? "—" : JSON.stringify(value, null, 2)}
      </pre>
    </div>
  );
}

export function CallRow({ call, t, locale }: { call: CallLogItem; t: AdminTranslate; locale: Locale }) {
  const subjects = callSubjects(call);
  return (
    <tbody className="border-b border-slate-200" data-testid="call-row" data-call-id={call.id} data-result-code={call.resultCode ?? ""}>
      <tr className="align-top">
        <td className="px-3 py-2 font-mono text-xs">
          <Link href={`/admin/calls/${call.id}`} className="text-blue-700 underline" data-testid="call-link" title={t("calls.open")}>
            <AdminTime at={call.receivedAt} />
          </Link>
        </td>
        <td className="px-3 py-2" data-channel={call.channel}>
          {channelLabel(call.channel, t)}
        </td>
        <td className="px-3 py-2 font-medium">{call.activity ?? "—"}</td>
        <td className="max-w-48 px-3 py-2 font-mono text-xs [overflow-wrap:anywhere]">
          <div>{call.orderId ?? "—"}</div>
          {call.orderLineId ? <div className="text-slate-500">{call.orderLineId}</div> : null}
        </td>
        <td className="max-w-48 px-3 py-2 font-mono text-xs [overflow-wrap:anywhere]">
          {subjects.map((s) => (
            <div key={s.id}>
              {s.href ? (
                <Link href={s.href} className="text-blue-700 underline" data-testid="call-subject">
                  {s.id}
                </Link>
              ) : (
                s.id
              )}
            </div>
          ))}
          {call.tenantId ? (
            <div>
              <Link href={tenantHref(call.tenantId)} className="text-blue-700 underline" data-testid="call-tenant">
                {call.tenantId}
              </Link>
            </div>
          ) : null}
          {!call.instanceId && !call.tenantId ? "—" : null}
        </td>
        <td className={`${WRAP_CELL} px-3 py-2`}>
          <ResultBadge call={call} t={t} locale={locale} />
          {call.resultMsg ? <div className="mt-1 max-w-xs text-xs text-slate-600 [overflow-wrap:anywhere]" data-i18n-exempt="resultMsg as answered">{call.resultMsg}</div> : null}
        </td>
        <td className="whitespace-nowrap px-3 py-2 text-right font-mono text-xs">{call.latencyMs === null ? "—" : `${call.latencyMs} ms`}</td>
        <td className="px-3 py-2">
          {call.isTest ? <span className="rounded bg-amber-100 px-1.5 py-0.5 text-xs text-amber-900">{t("common.test")}</span> : null}
        </td>
      </tr>
      <tr>
        {/* max-w-0 + w-full: the details cell takes the table's width and never sets it. */}
        <td colSpan={8} className="w-full max-w-0 whitespace-normal px-3 pb-2">
          <details>
            <summary className="cursor-pointer text-xs text-blue-700 [overflow-wrap:anywhere]">
              {t("calls.details")} ({call.path}
              {call.requestBytes !== null ? `, ${t("calls.bytes", { n: call.requestBytes.toLocaleString(locale) })}` : ""}
              {call.httpStatus ? `, HTTP ${call.httpStatus}` : ""})
            </summary>
            <div className="mt-2 flex flex-col gap-3 lg:flex-row">
              <Json label={t("calls.request")} value={call.requestBody} />
              <Json label={t("calls.response")} value={call.responseBody} />
            </div>
          </details>
        </td>
      </tr>
    </tbody>
  );
}

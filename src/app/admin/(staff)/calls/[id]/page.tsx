/**
 * Everything logged for one marketplace, Kit or License call (MarketplaceCall, written by
 * src/server/marketplace/call-log.ts), and "Re-run against this server" (rerun-panel.tsx).
 * An unknown or malformed id is the console's 404.
 */
import type { Metadata } from "next";
import Link from "next/link";
import type { ReactNode } from "react";
import { isResultCode, RESULT_CODES } from "~/koogallery/result-codes";
import { getAdminI18n } from "~/i18n/server";
import { api } from "~/trpc/server";
import { JsonBlock } from "../../json-block";
import { idParam, orNotFound } from "../../not-found-guard";
import { requireStaff } from "../../require-staff";
import { AdminTime } from "../../admin-time";
import { callSubjects } from "../../links";
import { RerunPanel } from "./rerun-panel";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getAdminI18n();
  return { title: t("ops.meta.call") };
}

/** The documented meaning of a result code; License calls' 000003 is 授权码ID不存在. */
function meaning(code: string | null, channel: string, zh: boolean): string | null {
  if (!code || !isResultCode(code)) return null;
  if (channel === "license" && code === "000003") return zh ? "授权码ID不存在" : "license code does not exist";
  return RESULT_CODES[code][zh ? "zh" : "en"];
}

function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="min-w-0">
      <dt className="text-xs font-semibold uppercase text-slate-500">{label}</dt>
      <dd className="mt-0.5 text-sm [overflow-wrap:anywhere]">{children}</dd>
    </div>
  );
}

export default async function CallDetailPage({ params }: { params: Promise<{ id: string }> }) {
  await requireStaff();
  const id = idParam((await params).id);
  const { call, rerunRefusal } = await orNotFound(api.callLog.detail({ id }));
  const { locale, t } = await getAdminI18n();
  const copyTexts = { label: t("ops.copy"), copied: t("ops.copied"), failed: t("ops.copyFailed") };
  const none = t("ops.none");
  const ok = call.resultCode === "000000";
  // The subject of a License call is its code, kept in instanceId (call-log.schema.ts); a
  // queryInstance call may name several instances, one link each (links.ts).
  const subjects = callSubjects(call);

  return (
    <main className="min-w-0">
      <Link href="/admin/calls" className="text-sm text-blue-700 underline">
        {t("ops.call.back")}
      </Link>
      <h1 className="mt-2 text-2xl font-bold [overflow-wrap:anywhere]">{t("ops.call.title", { id: call.activity ?? call.path })}</h1>
      <p className="font-mono text-xs text-slate-500 [overflow-wrap:anywhere]" data-testid="call-id">
        {call.id}
      </p>

      <dl className="mt-4 grid grid-cols-1 gap-4 rounded border border-slate-200 bg-white p-4 sm:grid-cols-2 lg:grid-cols-4" data-testid="call-fields">
        <Field label={t("ops.call.channel")}>{call.channel}</Field>
        <Field label={t("ops.call.activity")}>{call.activity ?? none}</Field>
        <Field label={t("ops.call.result")}>
          {call.resultCode ? (
            <span className={`rounded px-1.5 py-0.5 font-mono text-xs ${ok ? "bg-green-100 text-green-800" : "bg-red-100 text-red-800"}`} data-testid="call-result">
              {call.resultCode}
            </span>
          ) : call.interruptedAt ? (
            t("ops.call.interrupted")
          ) : (
            t("ops.call.pending")
          )}
        </Field>
        <Field label={t("ops.call.meaning")}>{meaning(call.resultCode, call.channel, locale === "zh-CN") ?? none}</Field>
        <Field label={t("ops.call.message")}>{call.resultMsg ? <span data-i18n-exempt="resultMsg as answered">{call.resultMsg}</span> : none}</Field>
        <Field label={t("ops.call.http")}>{call.httpStatus ?? none}</Field>
        <Field label={t("ops.call.latency")}>{call.latencyMs !== null ? t("ops.call.latencyMs", { ms: call.latencyMs }) : none}</Field>
        <Field label={t("ops.call.size")}>{call.requestBytes !== null ? t("ops.call.bytes", { n: call.requestBytes }) : none}</Field>
        <Field label={t("ops.call.received")}>
          <AdminTime at={call.receivedAt} precise />
        </Field>
        <Field label={t("ops.call.completed")}>
          {call.completedAt ? (
            <AdminTime at={call.completedAt} precise />
          ) : call.interruptedAt ? (
            <>
              {t("ops.call.interrupted")} <AdminTime at={call.interruptedAt} precise />
            </>
          ) : (
            none
          )}
        </Field>
        <Field label={t("ops.call.instance")}>
          {subjects.length > 0
            ? subjects.map((s) => (
                <div key={s.id}>
                  {s.href ? (
                    <Link href={s.href} className="font-mono text-blue-700 underline" data-testid="call-instance-link">
                      {s.id}
                    </Link>
                  ) : (
                    s.id
                  )}
                </div>
              ))
            : none}
        </Field>
        <Field label={t("ops.call.tenant")}>
          {call.tenantId ? (
            <Link href={`/admin/tenants/${encodeURIComponent(call.tenantId)}`} className="font-mono text-blue-700 underline" data-testid="call-tenant-link">
              {call.tenantId}
            </Link>
          ) : (
            none
          )}
        </Field>
        <Field label={t("ops.call.order")}>{call.orderId ? `${call.orderId}${call.orderLineId ? ` / ${call.orderLineId}` : ""}` : none}</Field>
        <Field label={t("ops.call.path")}>
          <span className="font-mono text-xs">{call.path}</span>
        </Field>
        <Field label={t("ops.call.test")}>{call.isTest ? t("ops.call.yes") : t("ops.call.no")}</Field>
      </dl>

      <div className="mt-6 grid grid-cols-1 gap-6 lg:grid-cols-2">
        <JsonBlock title={t("ops.call.request")} value={call.requestBody} empty={t("ops.call.noBody")} testId="call-request" copy={copyTexts} />
        <JsonBlock title={t("ops.call.response")} value={call.responseBody} empty={t("ops.call.pending")} testId="call-response" copy={copyTexts} />
      </div>

      <div className="mt-6">
        <RerunPanel id={call.id} refusal={rerunRefusal} loggedCode={call.resultCode} />
      </div>
    </main>
  );
}

/**
 * One call of the log: a summary row and, below it, the redacted request and response bodies
 * in <details> (expand without JavaScript).
 */
import type { RouterOutputs } from "~/trpc/types";

export type CallLogItem = RouterOutputs["callLog"]["list"]["items"][number];

function formatTime(d: Date): string {
  // UTC, the marketplace's own time base; server-rendered, so no locale mismatch on hydration.
  return d.toISOString().replace("T", " ").replace("Z", " UTC");
}

function ResultBadge({ code, interrupted }: { code: string | null; interrupted: boolean }) {
  if (code === null && interrupted) {
    return (
      <span className="rounded bg-amber-100 px-1.5 py-0.5 font-mono text-xs text-amber-900" title="The server stopped before answering; the marketplace retries such calls.">
        interrupted
      </span>
    );
  }
  if (code === null) return <span className="rounded bg-slate-200 px-1.5 py-0.5 font-mono text-xs">pending</span>;
  const ok = code === "000000";
  return (
    <span className={`rounded px-1.5 py-0.5 font-mono text-xs ${ok ? "bg-green-100 text-green-800" : "bg-red-100 text-red-800"}`}>
      {code}
    </span>
  );
}

function Json({ label, value }: { label: string; value: unknown }) {
  return (
    <div className="min-w-0 flex-1">
      <p className="text-xs font-semibold uppercase text-slate-500">{label}</p>
      <pre className="mt-1 max-h-96 overflow-auto rounded bg-slate-900 p-3 font-mono text-xs text-slate-100">
        {value === null || value === undefined ? "—" : JSON.stringify(value, null, 2)}
      </pre>
    </div>
  );
}

export function CallRow({ call }: { call: CallLogItem }) {
  return (
    <tbody className="border-b border-slate-200" data-testid="call-row" data-call-id={call.id}>
      <tr className="align-top">
        <td className="whitespace-nowrap px-3 py-2 font-mono text-xs">{formatTime(call.receivedAt)}</td>
        <td className="px-3 py-2">{call.channel}</td>
        <td className="px-3 py-2 font-medium">{call.activity ?? "—"}</td>
        <td className="px-3 py-2 font-mono text-xs">
          <div>{call.orderId ?? "—"}</div>
          {call.orderLineId ? <div className="text-slate-500">{call.orderLineId}</div> : null}
        </td>
        <td className="px-3 py-2 font-mono text-xs">{call.instanceId ?? call.tenantId ?? "—"}</td>
        <td className="px-3 py-2">
          <ResultBadge code={call.resultCode} interrupted={call.interruptedAt !== null} />
          {call.resultMsg ? <div className="mt-1 max-w-xs text-xs text-slate-600">{call.resultMsg}</div> : null}
        </td>
        <td className="whitespace-nowrap px-3 py-2 text-right font-mono text-xs">
          {call.latencyMs === null ? "—" : `${call.latencyMs} ms`}
        </td>
        <td className="px-3 py-2">
          {call.isTest ? <span className="rounded bg-amber-100 px-1.5 py-0.5 text-xs text-amber-900">test</span> : null}
        </td>
      </tr>
      <tr>
        <td colSpan={8} className="px-3 pb-2">
          <details>
            <summary className="cursor-pointer text-xs text-blue-700">
              Request / response ({call.path}
              {call.requestBytes !== null ? `, ${call.requestBytes.toLocaleString("en")} bytes` : ""}
              {call.httpStatus ? `, HTTP ${call.httpStatus}` : ""})
            </summary>
            <div className="mt-2 flex flex-col gap-3 lg:flex-row">
              <Json label={call.resultCode === "000000" ? "Request (redacted)" : "Request (redacted; a preview unless the call was verified)"} value={call.requestBody} />
              <Json label="Response (redacted)" value={call.responseBody} />
            </div>
          </details>
        </td>
      </tr>
    </tbody>
  );
}

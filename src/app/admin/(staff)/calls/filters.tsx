/**
 * Filter bar: a plain GET form, so filtering works without JavaScript and the result is a
 * linkable URL. Activities and result codes come from the protocol library's own lists.
 */
import Link from "next/link";
import { KIT_KINDS } from "~/koogallery/kit-schemas";
import { RESULT_CODES } from "~/koogallery/result-codes";
import { ACTIVITIES } from "~/koogallery/schemas";
import type { CallLogView } from "./search-params";

const selectClass = "mt-1 block rounded border border-slate-300 bg-white px-2 py-1.5 text-sm";

export function CallLogFilters({ view }: { view: CallLogView }) {
  const activities = [...ACTIVITIES, ...KIT_KINDS] as string[];
  // Keep a linked value that is not in the known list selectable (e.g. a newer activity).
  if (view.activity && !activities.includes(view.activity)) activities.push(view.activity);
  return (
    <form method="get" action="/admin/calls" className="flex flex-wrap items-end gap-4" aria-label="Filter calls">
      <label className="text-sm">
        Activity
        <select name="activity" defaultValue={view.activity ?? ""} className={selectClass}>
          <option value="">All</option>
          {activities.map((a) => (
            <option key={a} value={a}>
              {a}
            </option>
          ))}
        </select>
      </label>
      <label className="text-sm">
        Result code
        <select name="resultCode" defaultValue={view.resultCode ?? ""} className={`${selectClass} max-w-64`}>
          <option value="">All</option>
          {Object.entries(RESULT_CODES).map(([code, msg]) => (
            <option key={code} value={code}>
              {code} {msg.en}
            </option>
          ))}
        </select>
      </label>
      <label className="text-sm">
        Channel
        <select name="channel" defaultValue={view.channel ?? ""} className={selectClass}>
          <option value="">All</option>
          <option value="base">base (lifecycle)</option>
          <option value="kit">kit (联营 sync)</option>
        </select>
      </label>
      <label className="flex items-center gap-2 pb-2 text-sm">
        <input type="checkbox" name="hideTest" value="1" defaultChecked={view.hideTest} />
        Hide test calls
      </label>
      <button type="submit" className="rounded bg-blue-700 px-4 py-1.5 text-sm font-medium text-white hover:bg-blue-800">
        Filter
      </button>
      <Link href="/admin/calls" className="pb-2 text-sm text-slate-600 underline">
        Reset
      </Link>
    </form>
  );
}

/**
 * Filter bar of the call log (a plain GET form, see list-parts.tsx). Activities and result codes
 * come from the protocol library's own lists.
 */
import { KIT_KINDS } from "~/koogallery/kit-schemas";
import { LICENSE_ACTIVITIES } from "~/koogallery/license-schemas";
import { RESULT_CODES } from "~/koogallery/result-codes";
import { ACTIVITIES } from "~/koogallery/schemas";
import { fieldClass, FilterForm } from "../list-parts";
import type { CallLogView } from "./search-params";

export function CallLogFilters({ view }: { view: CallLogView }) {
  const activities = [...ACTIVITIES, ...KIT_KINDS, ...LICENSE_ACTIVITIES] as string[];
  // Keep a linked value that is not in the known list selectable (e.g. a newer activity).
  if (view.activity && !activities.includes(view.activity)) activities.push(view.activity);
  return (
    <FilterForm action="/admin/calls" label="Filter calls">
      <label className="text-sm">
        Activity
        <select name="activity" defaultValue={view.activity ?? ""} className={fieldClass}>
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
        <select name="resultCode" defaultValue={view.resultCode ?? ""} className={`${fieldClass} max-w-64`}>
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
        <select name="channel" defaultValue={view.channel ?? ""} className={fieldClass}>
          <option value="">All</option>
          <option value="base">base (lifecycle)</option>
          <option value="kit">kit (联营 sync)</option>
          <option value="license">license (授权码)</option>
        </select>
      </label>
      <label className="text-sm">
        Instance / license code
        <input name="instanceId" defaultValue={view.instanceId ?? ""} className={fieldClass} />
      </label>
      <label className="text-sm">
        Request id
        <input name="requestId" defaultValue={view.requestId ?? ""} className={fieldClass} />
      </label>
      <label className="flex items-center gap-2 pb-2 text-sm">
        <input type="checkbox" name="hideTest" value="1" defaultChecked={view.hideTest} />
        Hide test calls
      </label>
    </FilterForm>
  );
}

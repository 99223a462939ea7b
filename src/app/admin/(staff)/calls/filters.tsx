/**
 * Filter bar of the call log (a plain GET form, see list-parts.tsx). Activities and result codes
 * come from the protocol library's own lists; the result codes are grouped by channel because the
 * same number means different things there (result-labels.ts).
 */
import { KIT_KINDS } from "~/koogallery/kit-schemas";
import { LICENSE_ACTIVITIES } from "~/koogallery/license-schemas";
import { ACTIVITIES } from "~/koogallery/schemas";
import { getAdminI18n } from "~/i18n/server";
import { fieldClass, FilterForm, labelClass, WindowFields } from "../list-parts";
import { CODES_BY_CHANNEL, resultLabel, type CallChannel } from "./result-labels";
import { ERROR_RESULTS, WITHIN_HOURS, type CallLogView } from "./search-params";

const CHANNELS: CallChannel[] = ["base", "kit", "license"];

export async function CallLogFilters({ view }: { view: CallLogView }) {
  const { locale, t } = await getAdminI18n();
  const activities = [...ACTIVITIES, ...KIT_KINDS, ...LICENSE_ACTIVITIES] as string[];
  // Keep a linked value that is not in the known list selectable (e.g. a newer activity).
  if (view.activity && !activities.includes(view.activity)) activities.push(view.activity);
  // A code's option carries the meaning of the selected channel, or of each channel in its group.
  const groups = view.channel ? [view.channel] : CHANNELS;
  const seen = new Set<string>();
  return (
    <FilterForm action="/admin/calls" label={t("calls.filterLabel")}>
      <WindowFields view={view} placeholder={t("calls.searchPlaceholder")} />
      <label className={labelClass}>
        {t("calls.activity")}
        <select name="activity" defaultValue={view.activity ?? ""} className={fieldClass}>
          <option value="">{t("common.all")}</option>
          {activities.map((a) => (
            <option key={a} value={a}>
              {a}
            </option>
          ))}
        </select>
      </label>
      <label className={labelClass}>
        {t("calls.resultCode")}
        <select name="resultCode" defaultValue={view.errorsOnly ? ERROR_RESULTS : (view.resultCode ?? "")} className={`${fieldClass} sm:max-w-72`} data-testid="result-code-filter">
          <option value="">{t("common.all")}</option>
          <option value={ERROR_RESULTS}>{t("calls.errorsOnly")}</option>
          {groups.map((ch) => (
            <optgroup key={ch} label={t(`calls.group.${ch}`)}>
              {Object.keys(CODES_BY_CHANNEL[ch]).map((code) => {
                // One option per code (a select cannot hold a value twice); later groups add the codes they alone have.
                if (seen.has(code)) return null;
                seen.add(code);
                const meanings = groups.flatMap((g) => {
                  const m = resultLabel(g, code, locale);
                  return m ? [groups.length > 1 ? `${t(`calls.group.${g}`)}: ${m}` : m] : [];
                });
                const distinct = [...new Set(meanings.map((m) => m.replace(/^[^:]+: /, "")))];
                const label = distinct.length === 1 ? distinct[0] : meanings.join(" · ");
                return (
                  <option key={code} value={code}>
                    {code} {label}
                  </option>
                );
              })}
            </optgroup>
          ))}
        </select>
      </label>
      <label className={labelClass}>
        {t("calls.within")}
        <select name="hours" defaultValue={view.hours ?? ""} className={fieldClass} data-testid="within-filter">
          <option value="">{t("common.any")}</option>
          {WITHIN_HOURS.map((h) => (
            <option key={h} value={h}>
              {t(`calls.within.${h}`)}
            </option>
          ))}
        </select>
      </label>
      <label className={labelClass}>
        {t("calls.channel")}
        <select name="channel" defaultValue={view.channel ?? ""} className={fieldClass}>
          <option value="">{t("common.all")}</option>
          {CHANNELS.map((ch) => (
            <option key={ch} value={ch}>
              {t(`calls.channel.${ch}`)}
            </option>
          ))}
        </select>
      </label>
      <label className={labelClass}>
        {t("calls.subject")}
        <input name="instanceId" defaultValue={view.instanceId ?? ""} className={fieldClass} />
      </label>
      <label className={labelClass}>
        {t("calls.requestId")}
        <input name="requestId" defaultValue={view.requestId ?? ""} className={fieldClass} />
      </label>
      <label className="flex items-center gap-2 pb-2 text-sm">
        <input type="checkbox" name="hideTest" value="1" defaultChecked={view.hideTest} />
        {t("calls.hideTest")}
      </label>
    </FilterForm>
  );
}

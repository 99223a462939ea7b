/**
 * The rows of a lifecycle table (an instance's, a license code's) in the console's language:
 * "原状态 → 新状态" with translated statuses — no status before (the row that created it) is
 * "(new)", none after (a refused event) "(unchanged)" — and an instance event's name. A value this
 * console has no text for is shown as stored. Pure functions over the admin translator.
 */
import { adminMessageKey, type AdminTranslate } from "~/i18n/admin/dictionary";

function statusText(status: string | null, t: AdminTranslate, missing: "common.status.none" | "common.status.unchanged"): string {
  if (!status) return t(missing);
  const key = adminMessageKey(`common.status.${status}`);
  return key ? t(key) : status;
}

/** "正常 → 已冻结", "（新建）→ 正常", "已释放 → （未变更）". */
export function transitionText(from: string | null, to: string | null, t: AdminTranslate): string {
  return `${statusText(from, t, "common.status.none")} → ${statusText(to, t, "common.status.unchanged")}`;
}

/** An InstanceTransition event (create, refresh, freeze …). */
export function eventText(event: string, t: AdminTranslate): string {
  const key = adminMessageKey(`instances.event.${event}`);
  return key ? t(key) : event;
}

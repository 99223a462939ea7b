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

/**
 * Why a lifecycle row was refused or left unchanged, in the console's language. The server stores
 * these reasons in English (src/server/marketplace/instance-state.ts, apply-event.ts,
 * debug-sandbox.ts); the ones with a known shape are re-worded here from the row's own event and
 * statuses. Any other reason (a renewal's "RENEWAL → 20271231…", an operator's note) is shown as
 * stored, because it quotes the request rather than explains.
 */
export function transitionReasonText(
  row: { event: string; fromStatus: string | null; reason: string | null },
  t: AdminTranslate,
): string {
  const { event, fromStatus: from, reason } = row;
  if (!reason) return "";
  const status = (s: string) => statusText(s, t, "common.status.none");
  if (from && reason === `${event} is not allowed when the instance is ${from}`) {
    return t("instances.reason.illegal", { status: status(from) });
  }
  const already = /^already ([A-Z]+)$/.exec(reason);
  if (already) return t("instances.reason.already", { status: status(already[1]!) });
  const ignored = /^debug call \(testFlag=1\) (\w+) on a production instance: recorded, not applied$/.exec(reason);
  if (ignored) return t("instances.reason.debugIgnored", { event: eventText(ignored[1]!, t) });
  if (/^debug call \w+ revived the released debug instance$/.test(reason) || reason === "debug newInstance revived the released debug instance") {
    return t("instances.reason.debugRevived");
  }
  if (reason === "debug call (testFlag=1) named an unknown instance: debug instance created") return t("instances.reason.debugCreated");
  return reason;
}

/**
 * A License code's lifecycle reason in the console's language; the stored English texts come from
 * src/server/license/license-state.ts and apply-license-event.ts. Other reasons are shown as stored.
 */
export function licenseReasonText(reason: string | null, t: AdminTranslate): string {
  if (!reason) return "";
  const illegal = /^\w+ is not allowed when the license code is ([A-Z]+)$/.exec(reason);
  if (illegal) return t("licenses.reason.illegal", { status: statusText(illegal[1]!, t, "common.status.none") });
  if (/^\w+ of a license code that was never seen$/.test(reason)) return t("licenses.reason.unknown");
  if (reason === "debug call (testFlag=1) on a production license code: recorded, not applied") return t("licenses.reason.debugIgnored");
  return reason;
}

/**
 * The rows of a lifecycle table (an instance's, a license code's) in the console's language:
 * "原状态 → 新状态" with translated statuses — no status before (the row that created it) is
 * "(new)", none after (a refused event) "(unchanged)" — and an instance event's name. A value this
 * console has no text for is shown as stored. Pure functions over the admin translator.
 */
import { adminMessageKey, type AdminTranslate } from "~/i18n/admin/dictionary";
import { formatDateTime } from "~/i18n/format";
import { isValidCompactUtc, parseCompactUtc } from "~/koogallery/time";
import { isInstanceReasonCode, isLicenseNoteCode, isLicenseReasonCode, parseRefreshQuote, quotedPart, type LicenseReasonCode } from "~/server/lifecycle/reasons";

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

/** A lifecycle row as the console reads it; `reasonCode` is null on rows older than the column. */
interface ReasonRow {
  event: string;
  fromStatus: string | null;
  reason: string | null;
  reasonCode?: string | null;
}

/**
 * Why a lifecycle row was refused or left unchanged, in the console's language. Rows carry a
 * reason code (src/server/lifecycle/reasons.ts) worded here from the row's own event and status.
 * Rows written before the code existed are matched by their stored English text (the server's
 * wording of the time). A refresh's quote of its request ("RENEWAL → 20271231160000") is worded
 * from its scene and expiry (quoteText); any other reason (an operator's note) is shown as stored.
 */
export function transitionReasonText(row: ReasonRow, t: AdminTranslate): string {
  const { event, fromStatus: from, reasonCode } = row;
  if (isInstanceReasonCode(reasonCode)) {
    switch (reasonCode) {
      case "illegal":
        return t("instances.reason.illegal", { status: status(from, t) });
      case "already":
        return t("instances.reason.already", { status: status(from, t) });
      case "debugIgnored":
        return t("instances.reason.debugIgnored", { event: eventText(event, t) });
      case "debugRevived":
        return t("instances.reason.debugRevived");
      case "debugCreated":
        return t("instances.reason.debugCreated");
    }
  }
  return legacyTransitionReasonText(row, t);
}

/** A status named inside a reason ("已冻结"); none is "(new)". */
function status(s: string | null, t: AdminTranslate): string {
  return statusText(s, t, "common.status.none");
}

/** Rows without a code: re-worded by matching the English the server stored before codes. */
function legacyTransitionReasonText({ event, fromStatus: from, reason }: ReasonRow, t: AdminTranslate): string {
  if (!reason) return "";
  if (from && reason === `${event} is not allowed when the instance is ${from}`) {
    return t("instances.reason.illegal", { status: status(from, t) });
  }
  const already = /^already ([A-Z]+)$/.exec(reason);
  if (already) return t("instances.reason.already", { status: status(already[1]!, t) });
  const ignored = /^debug call \(testFlag=1\) (\w+) on a production instance: recorded, not applied$/.exec(reason);
  if (ignored) return t("instances.reason.debugIgnored", { event: eventText(ignored[1]!, t) });
  if (/^debug call \w+ revived the released debug instance$/.test(reason) || reason === "debug newInstance revived the released debug instance") {
    return t("instances.reason.debugRevived");
  }
  if (reason === "debug call (testFlag=1) named an unknown instance: debug instance created") return t("instances.reason.debugCreated");
  return quoteText(reason, t);
}

/**
 * A refresh row's quote of its request, "RENEWAL → 20271231160000", as "续费：请求的到期时间为
 * 2027-12-31 16:00 UTC". The time is written in UTC, zone named, as the request gave it (the
 * expiry applied may be later: a renewal never shortens it). Any other text is returned as is.
 */
function quoteText(text: string, t: AdminTranslate): string {
  const quote = parseRefreshQuote(text);
  if (!quote || !isValidCompactUtc(quote.expireTime)) return text;
  const sceneKey = adminMessageKey(`common.scene.${quote.scene}`);
  return t("common.reason.refresh", { scene: sceneKey ? t(sceneKey) : quote.scene, expiry: formatDateTime(parseCompactUtc(quote.expireTime), 0) });
}

/**
 * A License code's lifecycle reason in the console's language, from the row's reason code; an
 * applied callback's note follows the request's own words, worded ("续费：…; 已是“正常”"). Rows
 * without a code are matched by their stored English text; other reasons are shown as stored.
 */
export function licenseReasonText(row: Omit<ReasonRow, "event">, t: AdminTranslate): string {
  const { fromStatus: from, reason, reasonCode } = row;
  if (isLicenseReasonCode(reasonCode)) {
    const note = licenseNoteText(reasonCode, from, t);
    const quote = isLicenseNoteCode(reasonCode) ? quotedPart(reason) : null;
    return quote ? `${quoteText(quote, t)}${t("common.reason.then")}${note}` : note;
  }
  return legacyLicenseReasonText(reason, t);
}

function licenseNoteText(code: LicenseReasonCode, from: string | null, t: AdminTranslate): string {
  switch (code) {
    case "illegal":
      return t("licenses.reason.illegal", { status: status(from, t) });
    case "unknown":
      return t("licenses.reason.unknown");
    case "debugIgnored":
      return t("licenses.reason.debugIgnored");
    case "firstSeen":
      return t("licenses.reason.firstSeen");
    case "already":
      return t("licenses.reason.already", { status: status(from, t) });
    case "debugRevived":
      return t("licenses.reason.debugRevived");
  }
}

function legacyLicenseReasonText(reason: string | null, t: AdminTranslate): string {
  if (!reason) return "";
  const illegal = /^\w+ is not allowed when the license code is ([A-Z]+)$/.exec(reason);
  if (illegal) return t("licenses.reason.illegal", { status: status(illegal[1]!, t) });
  if (/^\w+ of a license code that was never seen$/.test(reason)) return t("licenses.reason.unknown");
  if (reason === "debug call (testFlag=1) on a production license code: recorded, not applied") return t("licenses.reason.debugIgnored");
  return quoteText(reason, t);
}

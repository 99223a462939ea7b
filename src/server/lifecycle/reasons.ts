/**
 * Why a lifecycle row (InstanceTransition, LicenseTransition) was refused or left unchanged.
 *
 * A row stores two things: `reason`, an English sentence for the audit trail and the CSV export,
 * and `reasonCode`, one of the codes below, so the console can word the reason in its own
 * language from the code and the row's own columns (event, fromStatus) instead of parsing the
 * English. A reason that quotes the request (a renewal's "RENEWAL → 20271231…", refreshQuote) has no
 * code of its own; on a License row it is stored before the note, joined by "; " (joinReason /
 * quotedPart). The console words such a quote from its parts (parseRefreshQuote).
 * Old rows written before the column existed have no code; the console falls back to their text.
 * README "Lifecycle reasons" lists the codes.
 *
 * Pure: no database, no framework, so the server and the console share it.
 */

/** Codes an InstanceTransition row can carry. */
export const INSTANCE_REASON_CODES = [
  /** The transition table has no row for (event, fromStatus): refused. */
  "illegal",
  /** freeze / unfreeze / release found the instance already there. */
  "already",
  /** A debug call (testFlag=1) named a production instance: recorded, not applied. */
  "debugIgnored",
  /** A debug call brought a released debug instance back. */
  "debugRevived",
  /** A debug call named an instance never seen: a debug instance was created. */
  "debugCreated",
] as const;
export type InstanceReasonCode = (typeof INSTANCE_REASON_CODES)[number];

/** Codes a LicenseTransition row can carry ("unknown" only ever reaches the error message). */
export const LICENSE_REASON_CODES = [
  "illegal",
  "unknown",
  "debugIgnored",
  /** The first callback naming this code created it. */
  "firstSeen",
  "already",
  /** A debug call revived a released test code. */
  "debugRevived",
] as const;
export type LicenseReasonCode = (typeof LICENSE_REASON_CODES)[number];

/** The License codes that note an applied callback; they follow the request's words (joinReason). */
export const LICENSE_NOTE_CODES = ["firstSeen", "already", "debugRevived"] as const satisfies readonly LicenseReasonCode[];
export type LicenseNoteCode = (typeof LICENSE_NOTE_CODES)[number];

export interface Reason<C extends string> {
  code: C;
  /** The English sentence stored in `reason`. */
  text: string;
}

const SEPARATOR = "; ";

/** A License row's stored text: the request's own words (if any), then the note. */
export function joinReason(quote: string | null | undefined, note: string | null): string | null {
  return [quote, note].filter(Boolean).join(SEPARATOR) || null;
}

/**
 * The request's words in front of a coded note (joinReason's first part), or null when the row's
 * text is the note alone. Quotes are built by the server from a scene and a timestamp, neither of
 * which contains the separator.
 */
export function quotedPart(reason: string | null): string | null {
  if (!reason) return null;
  const at = reason.lastIndexOf(SEPARATOR);
  return at > 0 ? reason.slice(0, at) : null;
}

/**
 * The words a refresh row (refreshInstance, refreshLicenseCode) quotes from its request: the scene
 * and the expiry it asked for, "RENEWAL → 20271231160000" (expireTime, UTC yyyyMMddHHmmss). One
 * builder and one parser, so the console can word the quote instead of showing it as sent.
 */
export function refreshQuote(scene: string, expireTime: string): string {
  return `${scene} → ${expireTime}`;
}

const REFRESH_QUOTE = /^([A-Z][A-Z_]{0,39}) → (\d{14})$/;

/** A refresh quote's scene and expireTime, or null when the text is not one. */
export function parseRefreshQuote(text: string | null | undefined): { scene: string; expireTime: string } | null {
  const m = REFRESH_QUOTE.exec(text ?? "");
  return m ? { scene: m[1]!, expireTime: m[2]! } : null;
}

/** A stored code this version knows (a newer server may have written one it does not). */
function isOneOf<C extends string>(codes: readonly C[], code: string | null | undefined): code is C {
  return (codes as readonly string[]).includes(code ?? "");
}

export const isInstanceReasonCode = (code: string | null | undefined): code is InstanceReasonCode => isOneOf(INSTANCE_REASON_CODES, code);
export const isLicenseReasonCode = (code: string | null | undefined): code is LicenseReasonCode => isOneOf(LICENSE_REASON_CODES, code);
export const isLicenseNoteCode = (code: string | null | undefined): code is LicenseNoteCode => isOneOf(LICENSE_NOTE_CODES, code);

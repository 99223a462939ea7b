/**
 * KooGallery time formats.
 *
 * Spec: docs/protocol/base-interface.md#refreshinstance (expireTime `yyyyMMddHHmmss` UTC, but the example sends
 * 17 digits → accept both), docs/protocol/base-interface.md#queryinstance (statisticalTime `yyyyMMddHHmmssSSS` UTC), docs/protocol/base-interface.md#v1-legacy (V1 timeStamp UTC);
 * docs/protocol/open-api.md#usage-push-signing and #apig-signing (usage push ts and X-Sdk-Date `yyyyMMdd'T'HHmmss'Z'` UTC);
 * docs/protocol/kit.md#signature (kit `timeStamp` `yyyyMMddHHmmssSSS`, default zone UTC+8).
 */

export class InvalidTimeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidTimeError';
  }
}

const pad = (n: number, w = 2): string => String(n).padStart(w, '0');

function daysInMonth(year: number, month: number): number {
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]!;
}

/**
 * The earliest year a marketplace time may carry. The protocol gives no lower bound, but its clock
 * is Unix time (the signature `timestamp` is UNIX milliseconds, docs/protocol/base-interface.md#signature)
 * and every time it sends is a moment of a real order, renewal or sync, so nothing genuine predates
 * 1970. Anything earlier (year 0000 in particular, which PostgreSQL cannot store) is a bad parameter
 * (000002), not a database failure (000005). 1970 rather than year 1 also keeps every zone offset
 * (Kit times are UTC+8) far from the year-0 edge.
 */
export const MIN_YEAR = 1970;

/** Parse 14 or 17 digits as wall-clock time at `offsetMinutes` east of UTC; validates every field. */
function parseDigits(value: string, offsetMinutes: number): Date {
  if (typeof value !== 'string' || !/^[0-9]{14}(?:[0-9]{3})?$/.test(value)) {
    throw new InvalidTimeError('must be yyyyMMddHHmmss or yyyyMMddHHmmssSSS');
  }
  const year = Number(value.slice(0, 4));
  const month = Number(value.slice(4, 6));
  const day = Number(value.slice(6, 8));
  const hour = Number(value.slice(8, 10));
  const minute = Number(value.slice(10, 12));
  const second = Number(value.slice(12, 14));
  const ms = value.length === 17 ? Number(value.slice(14, 17)) : 0;
  if (year < MIN_YEAR) throw new InvalidTimeError(`year ${value.slice(0, 4)} is before ${MIN_YEAR}`);
  if (month < 1 || month > 12) throw new InvalidTimeError(`invalid month ${value.slice(4, 6)}`);
  if (day < 1 || day > daysInMonth(year, month)) throw new InvalidTimeError(`invalid day ${value.slice(6, 8)}`);
  if (hour > 23) throw new InvalidTimeError(`invalid hour ${value.slice(8, 10)}`);
  if (minute > 59) throw new InvalidTimeError(`invalid minute ${value.slice(10, 12)}`);
  if (second > 59) throw new InvalidTimeError(`invalid second ${value.slice(12, 14)}`);
  const d = new Date(0);
  // setUTCFullYear, not Date.UTC: Date.UTC maps years 0–99 to 1900–1999.
  d.setUTCFullYear(year, month - 1, day);
  d.setUTCHours(hour, minute, second, ms);
  return new Date(d.getTime() - offsetMinutes * 60_000);
}

/** `yyyyMMddHHmmss` or `yyyyMMddHHmmssSSS` in UTC → Date. Throws InvalidTimeError. */
export function parseCompactUtc(value: string): Date {
  return parseDigits(value, 0);
}

export function isValidCompactUtc(value: string): boolean {
  try {
    parseCompactUtc(value);
    return true;
  } catch {
    return false;
  }
}

function parts(date: Date, offsetMinutes: number) {
  if (!(date instanceof Date) || Number.isNaN(date.getTime())) throw new InvalidTimeError('invalid Date');
  const d = new Date(date.getTime() + offsetMinutes * 60_000);
  const year = d.getUTCFullYear();
  if (year < 0 || year > 9999) throw new InvalidTimeError('year outside 0000–9999');
  return {
    y: pad(year, 4), M: pad(d.getUTCMonth() + 1), d: pad(d.getUTCDate()),
    H: pad(d.getUTCHours()), m: pad(d.getUTCMinutes()), s: pad(d.getUTCSeconds()), S: pad(d.getUTCMilliseconds(), 3),
  };
}

/** Date → `yyyyMMddHHmmssSSS` (UTC), e.g. UsageInfo.statisticalTime. */
export function formatCompactUtc(date: Date): string {
  const p = parts(date, 0);
  return p.y + p.M + p.d + p.H + p.m + p.s + p.S;
}

/** Date → `yyyyMMddHHmmss` (UTC), e.g. expireTime in the documented short form. */
export function formatCompactUtcSeconds(date: Date): string {
  return formatCompactUtc(date).slice(0, 14);
}

/** Date → `yyyyMMdd'T'HHmmss'Z'` (UTC): usage-push record times and the APIG X-Sdk-Date header. */
export function formatUsageTime(date: Date): string {
  const p = parts(date, 0);
  return `${p.y}${p.M}${p.d}T${p.H}${p.m}${p.s}Z`;
}

/** Parse `yyyyMMdd'T'HHmmss'Z'`. */
export function parseUsageTime(value: string): Date {
  const m = /^([0-9]{8})T([0-9]{6})Z$/.exec(value);
  if (!m) throw new InvalidTimeError("must be yyyyMMdd'T'HHmmss'Z'");
  return parseDigits(m[1]! + m[2]!, 0);
}

const KIT_OFFSET_MINUTES = 8 * 60;

/** Kit `timeStamp` / `currentSyncTime`: `yyyyMMddHHmmssSSS` (14 digits tolerated) in UTC+8. */
export function parseKitTimestamp(value: string): Date {
  return parseDigits(value, KIT_OFFSET_MINUTES);
}

/** Date → kit `yyyyMMddHHmmssSSS` in UTC+8 (simulator). */
export function formatKitTimestamp(date: Date): string {
  const p = parts(date, KIT_OFFSET_MINUTES);
  return p.y + p.M + p.d + p.H + p.m + p.s + p.S;
}

"use client";
/**
 * A point in time in the reader's own time zone, with the zone written out
 * ("2025-06-30 20:00 UTC-4"; the IANA name as a tooltip).
 *
 * Why a client component and not a time-zone cookie: the browser knows its zone
 * (Intl.DateTimeFormat().resolvedOptions().timeZone) at the moment it renders, so there is
 * nothing to store, nothing stale after travel, and no extra round trip on the first visit. The
 * server's HTML (and a browser without JavaScript) shows the time in the quota month's offset
 * (UTC+8 for the starter), labelled as such; useSyncExternalStore swaps in the browser's zone
 * right after hydration without a hydration mismatch.
 */
import { useSyncExternalStore } from "react";
import { formatDateTime, formatInTimeZone } from "~/i18n/format";

const noSubscribe = () => () => {};
const browserZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC";
const noZoneOnServer = () => null;

interface Props {
  /** Epoch milliseconds (a Date crosses the server → client boundary as a number). */
  at: number;
  /** The offset the server renders in before the browser's zone is known. */
  fallbackOffsetMinutes: number;
  testId?: string;
  /** Seconds and milliseconds too (the staff call detail). */
  precise?: boolean;
}

export function LocalTime({ at, fallbackOffsetMinutes, testId, precise = false }: Props) {
  const zone = useSyncExternalStore(noSubscribe, browserZone, noZoneOnServer);
  const d = new Date(at);
  return (
    <time dateTime={d.toISOString()} title={zone ?? undefined} data-testid={testId} data-zone={zone ?? "server"} className="whitespace-nowrap">
      {zone ? formatInTimeZone(d, zone, precise) : formatDateTime(d, fallbackOffsetMinutes, precise)}
    </time>
  );
}

/**
 * A fixed clock for tests of hourly billing. "Now" is the middle of the hour the test file was
 * loaded in, and every debit and worker cycle is placed on it, never on the wall clock. Why:
 * - hour arithmetic done at two moments straddles an hour boundary when a run crosses one (CI
 *   once failed at 22:00: hourStart(5) had moved between the debit and the assertion);
 * - the worker aggregates an hour only once it has been closed for the aggregation delay (60 s),
 *   so a wall-clock "now" in the first minute of an hour leaves the last hour unaggregated.
 * The middle of the hour is at most 30 minutes from the wall clock, and the hours the tests debit
 * (hourStart(1) and earlier) have always ended before the wall clock's current hour began.
 */
export const HOUR = 3_600_000;

export interface HourClock {
  /** The fixed "now": the middle of the current hour. */
  readonly now: number;
  /** The start of the hour `hoursAgo` hours before the current one (0 = the current hour). */
  hourStart(hoursAgo: number): number;
}

export function hourClock(wallMs = Date.now()): HourClock {
  const currentHour = Math.floor(wallMs / HOUR) * HOUR;
  return { now: currentHour + HOUR / 2, hourStart: (hoursAgo) => currentHour - hoursAgo * HOUR };
}

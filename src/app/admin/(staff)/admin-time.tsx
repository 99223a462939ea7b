/**
 * The console's one way to print a time: the tenant pages' LocalTime (browser zone, zone written
 * out, e.g. "2026-12-02 21:30 UTC+8"), falling back to the console offset in the server HTML.
 * `null` prints the dash. Server component.
 */
import { LocalTime } from "~/app/app/_components/local-time";
import { consoleOffsetMinutes } from "./console-offset";

export function AdminTime({ at, testId, precise }: { at: Date | null | undefined; testId?: string; precise?: boolean }) {
  if (!at) return <span data-testid={testId}>—</span>;
  return <LocalTime at={at.getTime()} fallbackOffsetMinutes={consoleOffsetMinutes()} testId={testId} precise={precise} />;
}

/**
 * True once React has hydrated this page in the browser (false on the server and in the first
 * client render, so the markup matches). Buttons wired to a handler stay disabled, and controlled
 * inputs read-only, until then: a click before hydration would do nothing (or submit the form
 * natively, putting its fields in the URL), and text typed before it would be reset by the first
 * render. On a busy phone that window is long enough to hit. Client components only.
 */
import { useSyncExternalStore } from "react";

const noSubscribe = () => () => {};

export function useHydrated(): boolean {
  return useSyncExternalStore(
    noSubscribe,
    () => true,
    () => false,
  );
}

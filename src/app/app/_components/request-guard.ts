/**
 * What the tenant pages' forms (API console, projects) share around their tRPC mutations:
 * buttons enabled and inputs editable only once hydrated (a click before that would do nothing, or
 * reload the page; text typed before it would be reset by the first render),
 * one request at a time — a ref covers the gap between a click and the re-render that disables
 * the buttons — and a refusal shown as the server's appError code and message in the user's
 * language (or, for what the browser checks itself, an input problem: titled as such, never as a
 * refusal). Client components only.
 */
import { useRef } from "react";
import { useHydrated } from "~/app/_shared/use-hydrated";
import { asSentence } from "~/i18n/format";
import { pickText, type Locale, type Text } from "~/i18n/locales";

export interface Refusal {
  code: string;
  message: string;
  /** The balance the server said is left (appError.facts.remaining), for balance refusals. */
  remaining?: number;
  /** Checked in the browser, never sent: an input problem, not a server refusal. */
  input?: true;
}

/** `pending`: the component's mutations (isPending of each, or-ed). */
export function useRequestGuard(pending: boolean) {
  const ready = useHydrated();
  const inFlight = useRef(false);
  return {
    /** For the inputs (`readOnly={!guard.hydrated}`): keeps their look, refuses early typing. */
    hydrated: ready,
    /** For the buttons: not hydrated yet, or a request is pending. */
    disabled: !ready || pending,
    /** A request is on its way (pending, or clicked and not re-rendered yet): send nothing. */
    busy: () => inFlight.current || pending,
    /** Marks a request as sent: pass the result as the options of the `mutate` call. */
    track: () => {
      inFlight.current = true;
      return { onSettled: () => void (inFlight.current = false) };
    },
  };
}

/**
 * A failed call: the server's appError (code, message in the locale, as a sentence), else
 * REQUEST_FAILED with `fallback`.
 */
export function refusalOf(
  err: { data?: { appError?: { code: string; message: Text; facts?: { remaining?: number } } } | null },
  locale: Locale,
  fallback: string,
): Refusal {
  const app = err.data?.appError;
  const remaining = app?.facts?.remaining;
  return {
    code: app?.code ?? "REQUEST_FAILED",
    message: app ? asSentence(pickText(app.message, locale), locale) : fallback,
    ...(typeof remaining === "number" ? { remaining } : {}),
  };
}

/** A problem with what was typed, found before sending anything. */
export function inputProblem(message: string): Refusal {
  return { code: "INVALID_INPUT", message, input: true };
}

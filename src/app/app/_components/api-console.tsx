"use client";
/**
 * The product's metered feature: run N calls of its API (tenant.callApi), debited from the
 * API-calls meter as one all-or-nothing use. Each click gets its own requestId, so a retried or
 * double-sent request debits once; the button is disabled while a request is in flight. After
 * every answer the server-rendered balances and chart are refreshed (router.refresh()).
 *
 * A request that cannot succeed is not offered: with the product stopped, the feature not in the
 * plan or the balance at zero (`blocked`), or more calls than a balance that refuses at zero has
 * left (`refusingBalance`), Run is disabled and the reason is shown next to it. The server still
 * refuses all of these on its own (featureProcedure, consume()); when this tab's balance is stale
 * and the server refuses a request larger than what is really left, the refusal carries that
 * balance (appError.facts.remaining) and the console says "only N left", not "used up".
 * Numbers the browser checks itself (1 to MAX) are an input problem, titled as such.
 */
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useId, useState, type FormEvent } from "react";
import { getTranslator } from "~/i18n/dictionary";
import { formatNumber, pluralCategory } from "~/i18n/format";
import { pickText, type Locale, type Text } from "~/i18n/locales";
import { useTRPC } from "~/trpc/react";
import { inputProblem, refusalOf, useRequestGuard, type Refusal } from "./request-guard";
import { newRequestId } from "./request-id";
import { unitFor } from "./units";

const MIN = 1;
const MAX = 1000;
/** Refusals where the size of the request matters: a smaller one might still fit. */
const BALANCE_CODES = new Set(["PACKAGE_EXHAUSTED", "QUOTA_EXCEEDED"]);

type Outcome =
  | { kind: "ok"; served: number; remaining: number | null; onDemand: number; replayed: boolean }
  | ({ kind: "error" } & Refusal);

interface Props {
  locale: Locale;
  /** The meter the console debits, already in the user's language. */
  meterName: string;
  units: { unit: Text; unitOne: Text };
  /** Why no request can succeed now (code and message in the user's language), or null. */
  blocked: Refusal | null;
  /** What is left of a balance that refuses larger requests (packages, allowance); null when none does. */
  refusingBalance: number | null;
}

export function ApiConsole({ locale, meterName, units, blocked, refusingBalance }: Props) {
  const t = getTranslator(locale);
  const trpc = useTRPC();
  const router = useRouter();
  const inputId = useId();
  const reasonId = useId();
  const errorMessageId = useId();
  const [count, setCount] = useState(String(MIN));
  const [outcome, setOutcome] = useState<Outcome | null>(null);

  const call = useMutation(
    trpc.tenant.callApi.mutationOptions({
      onSuccess: (r) => setOutcome({ kind: "ok", served: r.served, remaining: r.remaining, onDemand: r.onDemand, replayed: r.replayed }),
      onError: (err) => setOutcome({ kind: "error", ...worded(refusalOf(err, locale, t("api.failed"))) }),
      onSettled: () => router.refresh(),
    }),
  );
  const guard = useRequestGuard(call.isPending);

  const num = (x: number) => formatNumber(x, locale);
  const unit = (x: number) => unitFor(units, x, locale);
  /**
   * A balance refusal with something still left (this tab's balance was stale: another tab or
   * user spent part of it) says how much is left, not that the balance is used up.
   */
  function worded(r: Refusal): Refusal {
    if (!BALANCE_CODES.has(r.code) || r.remaining === undefined || r.remaining <= 0) return r;
    return { ...r, message: t("api.onlyLeft", { remaining: num(r.remaining), unit: unit(r.remaining) }) };
  }
  const n = Number(count);
  const valid = Number.isInteger(n) && n >= MIN && n <= MAX;
  const reason: Refusal | null =
    blocked ??
    (refusingBalance !== null && valid && n > refusingBalance
      ? { code: "OVER_BALANCE", message: t("api.overBalance", { remaining: num(refusingBalance), unit: unit(refusingBalance) }) }
      : null);

  // After a stale tab's refusal the red box already says "only N left, enter N or fewer": the
  // amber note would repeat it word for word, so it waits until the refusal is dismissed.
  const refusalSaysIt = reason?.code === "OVER_BALANCE" && outcome?.kind === "error" && BALANCE_CODES.has(outcome.code) && outcome.remaining !== undefined;
  const describedBy = reason ? (refusalSaysIt ? errorMessageId : reasonId) : undefined;

  function run(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    if (guard.busy() || reason) return;
    if (!valid) {
      setOutcome({ kind: "error", ...inputProblem(t("api.invalidCount", { min: num(MIN), max: num(MAX) })) });
      return;
    }
    setOutcome(null);
    call.mutate({ count: n, requestId: newRequestId() }, guard.track());
  }

  return (
    <div className="mt-3 space-y-4">
      <p className="text-sm text-slate-600" data-testid="api-meter">
        {t("api.intro", { meter: meterName, unit: pickText(units.unit, locale) })}
      </p>
      <form onSubmit={run} noValidate className="flex flex-wrap items-end gap-3">
        <label htmlFor={inputId} className="text-sm">
          {t("api.count")} <span className="text-xs text-slate-500">{t("api.countHint", { min: num(MIN), max: num(MAX) })}</span>
          <input
            id={inputId}
            type="number"
            inputMode="numeric"
            min={MIN}
            max={MAX}
            step={1}
            required
            value={count}
            readOnly={!guard.hydrated}
            onChange={(e) => {
              setCount(e.target.value);
              // An error was about the number as it was; a result stays (it says what was served).
              if (outcome?.kind === "error") setOutcome(null);
            }}
            data-testid="api-count"
            className="mt-1 block w-32 rounded border border-slate-300 px-3 py-1.5 focus:border-blue-600"
          />
        </label>
        <button
          type="submit"
          disabled={guard.disabled || reason !== null}
          aria-busy={call.isPending}
          aria-describedby={describedBy}
          data-testid="api-run"
          className="rounded bg-blue-700 px-4 py-1.5 text-sm font-medium text-white hover:bg-blue-800 disabled:cursor-not-allowed disabled:opacity-60"
        >
          {call.isPending ? t("api.running") : t("api.run")}
        </button>
      </form>
      {reason && !refusalSaysIt ? (
        <p id={reasonId} data-testid="api-blocked" data-code={reason.code} className="rounded border border-amber-300 bg-amber-50 px-4 py-2 text-sm text-amber-950">
          {reason.message}
        </p>
      ) : null}

      <div aria-live="polite">
        {outcome?.kind === "ok" ? (
          <div
            data-testid="api-result"
            data-served={outcome.served}
            data-remaining={outcome.remaining ?? "unlimited"}
            data-replayed={outcome.replayed}
            className="rounded border border-green-200 bg-green-50 px-4 py-3 text-sm text-green-900"
          >
            <p>{t(`api.served.${pluralCategory(outcome.served, locale)}`, { served: num(outcome.served) })}</p>
            <p>{t("api.remaining", { remaining: outcome.remaining === null ? t("meters.unlimited") : `${num(outcome.remaining)} ${unit(outcome.remaining)}` })}</p>
            {outcome.onDemand > 0 ? <p>{t("api.onDemand", { onDemand: num(outcome.onDemand) })}</p> : null}
            {outcome.replayed ? <p>{t("api.replayed")}</p> : null}
          </div>
        ) : null}
        {outcome?.kind === "error" ? (
          <div
            data-testid="api-error"
            data-code={outcome.code}
            data-input={outcome.input ? "true" : undefined}
            data-remaining={outcome.remaining}
            className="rounded border border-red-200 bg-red-50 px-4 py-3 text-sm text-red-900"
          >
            <p className="font-medium" data-testid="api-error-title">
              {outcome.input ? t("api.invalidTitle") : t("api.refused")}
            </p>
            <p id={errorMessageId} data-testid="api-error-message">{outcome.message}</p>
            {/* "A larger request is refused whole" only helps while something is left (and "only N left" says it already). */}
            {BALANCE_CODES.has(outcome.code) && outcome.remaining === undefined && (refusingBalance ?? 0) > 0 ? <p className="mt-1 text-xs">{t("api.allOrNothing")}</p> : null}
          </div>
        ) : null}
      </div>
    </div>
  );
}

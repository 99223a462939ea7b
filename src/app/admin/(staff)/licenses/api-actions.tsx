"use client";
/**
 * Activate / Heartbeat through the License open API (staff-only `licenseAdmin.activate` and
 * `licenseAdmin.heartbeat`): with a `license`, buttons for that code; without, a field to try any
 * code (e.g. a test code applied for in the seller centre). The marketplace's answer is shown
 * next to the buttons and the server-rendered page is refreshed, since the code's row changed.
 * Without KOOGALLERY_OPENAPI_AK/SK both buttons are disabled and the reason is shown under them.
 */
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useId, useState } from "react";
import { useHydrated } from "~/app/_shared/use-hydrated";
import { useTRPC } from "~/trpc/react";
import { getAdminTranslator } from "~/i18n/admin/dictionary";
import { asSentence } from "~/i18n/format";
import { pickText } from "~/i18n/locales";
import { useStaffRole } from "../staff-role";

type Outcome = { ok: true; code: string; message: string; status: string | null } | { ok: false; code: string; kind: string; message: string };

/** Each call's button words, idle and while the call runs. */
const WORDS = {
  activate: { idle: "ops.license.activate", pending: "ops.license.activating" },
  heartbeat: { idle: "ops.license.heartbeat", pending: "ops.license.checking" },
} as const;

function OutcomeLine({ outcome }: { outcome: Outcome }) {
  return (
    <p role="status" data-testid="license-api-outcome" data-i18n-exempt="marketplace answer" className={`text-xs ${outcome.ok ? "text-green-800" : "text-red-700"}`}>
      {outcome.ok ? `${outcome.code} ${outcome.status ?? ""} ${outcome.message}` : `${outcome.kind}: ${outcome.message}`}
    </p>
  );
}

/**
 * `unavailable`: why the open API cannot be called at all (no AK/SK; licenseAdmin.openApi), as a
 * sentence in the console's language — the buttons are then disabled and it is shown under them.
 */
export function LicenseApiActions({ license, unavailable = null }: { license?: string; unavailable?: string | null }) {
  const trpc = useTRPC();
  const router = useRouter();
  const [code, setCode] = useState(license ?? "");
  // Owner-only (ownerProcedure refuses a viewer too): disabled, with the reason as the title.
  const { role, locale } = useStaffRole();
  const t = getAdminTranslator(locale);
  const ownerOnly = role !== "owner" ? t("ops.ownerOnly") : undefined;
  // Not configured comes first: an owner could not call it either.
  const blockedBy = unavailable ?? ownerOnly;
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const reasonId = useId();
  const done = { onSuccess: (o: Outcome) => (setOutcome(o), router.refresh()) };
  const activate = useMutation(trpc.licenseAdmin.activate.mutationOptions(done));
  const heartbeat = useMutation(trpc.licenseAdmin.heartbeat.mutationOptions(done));
  const hydrated = useHydrated();
  const busy = !hydrated || activate.isPending || heartbeat.isPending;
  const error = activate.error ?? heartbeat.error;
  const button = "rounded border border-blue-700 px-2 py-1 text-xs font-medium text-blue-700 hover:bg-blue-50 disabled:opacity-50";
  const run = (which: "activate" | "heartbeat") => {
    setOutcome(null);
    activate.reset();
    heartbeat.reset();
    if (which === "activate") activate.mutate({ license: code.trim() });
    else heartbeat.mutate({ license: code.trim() });
  };

  return (
    <div className="flex flex-col gap-1">
      <div className="flex flex-wrap items-end gap-2">
        {license ? null : (
          <label className="text-sm">
            {t("ops.license.code")}
            <input
              value={code}
              onChange={(e) => setCode(e.target.value)}
              readOnly={!hydrated}
              maxLength={64}
              placeholder={t("ops.license.code")}
              data-testid="license-code-input"
              className="mt-1 block w-72 rounded border border-slate-300 px-2 py-1.5 font-mono text-sm"
            />
          </label>
        )}
        {/* The two calls differ only in which API they hit and their words: one button shape. */}
        {(["activate", "heartbeat"] as const).map((which) => (
          <button
            key={which}
            type="button"
            className={button}
            disabled={!!blockedBy || busy || !code.trim()}
            title={blockedBy}
            aria-describedby={unavailable ? reasonId : undefined}
            onClick={() => run(which)}
            data-testid={`license-${which}`}
          >
            {t(({ activate, heartbeat })[which].isPending ? WORDS[which].pending : WORDS[which].idle)}
          </button>
        ))}
      </div>
      {unavailable ? (
        <p id={reasonId} data-testid="license-api-unavailable" className="text-xs text-amber-900">
          {unavailable}
        </p>
      ) : null}
      {outcome ? <OutcomeLine outcome={outcome} /> : null}
      {error ? (
        <p role="alert" data-testid="license-api-error" className="text-xs text-red-700">
          {error.data?.appError ? asSentence(pickText(error.data.appError.message, locale), locale) : error.message}
        </p>
      ) : null}
    </div>
  );
}

"use client";
/** Copies a text to the clipboard, then says "Copied" for a moment (or why it could not). */
import { useEffect, useState } from "react";
import { getAdminTranslator } from "~/i18n/admin/dictionary";
import { useStaffRole } from "./staff-role";

export function CopyButton({ text, label, testId }: { text: string; label: string; testId?: string }) {
  const { locale } = useStaffRole();
  const t = getAdminTranslator(locale);
  const [state, setState] = useState<"idle" | "copied" | "failed">("idle");
  useEffect(() => {
    if (state === "idle") return;
    const timer = setTimeout(() => setState("idle"), 2000);
    return () => clearTimeout(timer);
  }, [state]);
  return (
    <button
      type="button"
      data-testid={testId}
      aria-label={`${t("ops.copy")}: ${label}`}
      onClick={() => {
        // navigator.clipboard exists only in secure contexts (https, localhost).
        if (!navigator.clipboard) return setState("failed");
        navigator.clipboard.writeText(text).then(
          () => setState("copied"),
          () => setState("failed"),
        );
      }}
      className="rounded border border-slate-300 bg-white px-2 py-0.5 text-xs text-slate-700 hover:bg-slate-50"
    >
      <span aria-live="polite">{state === "copied" ? t("ops.copied") : state === "failed" ? t("ops.copyFailed") : t("ops.copy")}</span>
    </button>
  );
}

"use client";
/**
 * Copies a value (an address, an id, the public key) with navigator.clipboard and says so for a
 * moment. Without JavaScript or clipboard access the value stays selectable next to it.
 */
import { useState } from "react";
import { useHydrated } from "~/app/_shared/use-hydrated";

interface Props {
  value: string;
  label: string;
  copied: string;
  failed: string;
  testId?: string;
}

export function CopyButton({ value, label, copied, failed, testId }: Props) {
  const [state, setState] = useState<"idle" | "copied" | "failed">("idle");
  const hydrated = useHydrated();
  const onClick = async () => {
    try {
      await navigator.clipboard.writeText(value);
      setState("copied");
    } catch {
      setState("failed");
    }
    setTimeout(() => setState("idle"), 2000);
  };
  return (
    <button
      type="button"
      onClick={onClick}
      disabled={!hydrated}
      data-testid={testId}
      data-state={state}
      className="shrink-0 rounded border border-slate-300 bg-white px-2 py-0.5 font-sans text-xs text-slate-700 hover:bg-slate-100"
    >
      <span aria-live="polite">{state === "copied" ? `✓ ${copied}` : state === "failed" ? failed : label}</span>
    </button>
  );
}

"use client";
/**
 * The phone menu of the staff frame (layout.tsx): a <details>, so it opens without JavaScript.
 * The frame is a layout and stays mounted across client navigation, so the menu would stay open
 * over the next page; with JavaScript it closes when a link in it is followed and whenever the
 * path changes (back/forward too).
 */
import { usePathname } from "next/navigation";
import { useEffect, useRef, type ReactNode } from "react";

export function NavMenu({ summary, children }: { summary: ReactNode; children: ReactNode }) {
  const ref = useRef<HTMLDetailsElement>(null);
  const pathname = usePathname();
  useEffect(() => {
    if (ref.current) ref.current.open = false;
  }, [pathname]);
  return (
    <details
      ref={ref}
      className="w-full lg:hidden"
      data-testid="nav-menu"
      onClick={(e) => {
        // A link of the menu: close now (a link to the page already shown changes no address).
        if (e.target instanceof Element && e.target.closest("a") && ref.current) ref.current.open = false;
      }}
    >
      <summary className="cursor-pointer list-none select-none rounded border border-slate-300 px-3 py-1 text-sm [&::-webkit-details-marker]:hidden">{summary}</summary>
      {children}
    </details>
  );
}

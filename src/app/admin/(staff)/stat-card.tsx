/** A figure at a glance (overview traffic, usage summary): label, value, a detail line, a tone; optionally a link to the rows behind it. */
import Link from "next/link";
import type { ReactNode } from "react";

export interface StatCardProps {
  label: string;
  value: string;
  detail?: ReactNode;
  tone?: "warn" | "bad";
  href?: string;
  /** The card's testid; its value carries `${testId}-value`. */
  testId: string;
}

export function StatCard({ label, value, detail, tone, href, testId }: StatCardProps) {
  const border = tone === "bad" ? "border-red-300 bg-red-50" : tone === "warn" ? "border-amber-300 bg-amber-50" : "border-slate-200 bg-white";
  const body = (
    <>
      {/* Sentence case, balanced over its lines: an uppercase "ERROR ANSWERS (24 H)" broke badly in a narrow card. */}
      <p className="text-sm font-medium leading-snug text-slate-600 [text-wrap:balance]">{label}</p>
      <p className="mt-1 text-2xl font-bold [overflow-wrap:anywhere]" data-testid={`${testId}-value`}>
        {value}
      </p>
      {detail ? <p className="mt-1 text-xs text-slate-600">{detail}</p> : null}
    </>
  );
  return (
    <div className={`min-w-0 rounded-lg border p-4 ${border}`} data-testid={testId}>
      {href ? (
        <Link href={href} className="block hover:opacity-80">
          {body}
        </Link>
      ) : (
        body
      )}
    </div>
  );
}

/** The white section frame the tenant pages use (same as the admin pages' cards). */
import type { ReactNode } from "react";

export function Card({ title, children, id, testId }: { title: string; children: ReactNode; id?: string; testId?: string }) {
  return (
    <section id={id} data-testid={testId} aria-labelledby={id ? `${id}-title` : undefined} className="rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
      <h2 id={id ? `${id}-title` : undefined} className="text-lg font-semibold">
        {title}
      </h2>
      {children}
    </section>
  );
}

/**
 * A JSON body pretty-printed and wrapped (no horizontal scrolling, long tokens break anywhere),
 * with a copy button. Server component; the button is the client part.
 */
import { CopyButton } from "./copy-button";

/** The copy button's texts in the page's language. */
export interface CopyTexts {
  label: string;
  copied: string;
  failed: string;
}

export function JsonBlock({ title, value, empty, testId, copy }: { title: string; value: unknown; empty: string; testId: string; copy: CopyTexts }) {
  const text = value === null || value === undefined ? null : JSON.stringify(value, null, 2);
  return (
    <section className="min-w-0" data-testid={testId}>
      <div className="flex items-center justify-between gap-2">
        <h2 className="text-sm font-semibold text-slate-700">{title}</h2>
        {text ? <CopyButton value={text} label={copy.label} copied={copy.copied} failed={copy.failed} testId={`${testId}-copy`} /> : null}
      </div>
      {text ? (
        <pre className="mt-1 max-h-[32rem] overflow-y-auto whitespace-pre-wrap rounded bg-slate-900 p-3 font-mono text-xs text-slate-100 [overflow-wrap:anywhere]">{text}</pre>
      ) : (
        <p className="mt-1 text-sm text-slate-500">{empty}</p>
      )}
    </section>
  );
}

/**
 * The 404 body every not-found page shares (site, customer console, staff console): they differ
 * only in frame, words and the ways back, so those are props and the markup (and its test ids,
 * which the e2e checks find) lives once.
 */
import Link from "next/link";

export interface WayBack {
  href: string;
  label: string;
}

export function NotFoundBody({ className, lang, title, text, back, more = [] }: { className: string; lang?: string; title: string; text: string; back: WayBack; more?: WayBack[] }) {
  return (
    <main lang={lang} className={className} data-testid="not-found">
      <p className="text-sm font-semibold text-slate-500">404</p>
      <h1 className="mt-1 text-2xl font-bold">{title}</h1>
      <p className="mt-2 text-slate-600">{text}</p>
      <p className={more.length > 0 ? "mt-6 flex gap-4 text-sm" : "mt-6"}>
        <Link href={back.href} className="text-blue-700 underline" data-testid="not-found-back">
          {back.label}
        </Link>
        {more.map((w) => (
          <Link key={w.href} href={w.href} className="text-blue-700 underline">
            {w.label}
          </Link>
        ))}
      </p>
    </main>
  );
}

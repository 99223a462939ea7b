/**
 * A horizontal used/limit bar: blue, amber from 80 %, red when full. The fill is an SVG rect, not
 * a `style="width:…"` attribute: the Content-Security-Policy allows no inline style attributes.
 */
export function ProgressBar({ value, max, label }: { value: number; max: number; label: string }) {
  const ratio = max > 0 ? value / max : value > 0 ? 1 : 0;
  const pct = Math.min(Math.max(ratio, 0), 1) * 100;
  const fill = ratio >= 1 ? "fill-red-600" : ratio >= 0.8 ? "fill-amber-500" : "fill-blue-600";
  return (
    <div
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={max}
      aria-valuenow={Math.min(value, max)}
      className="h-2 w-full overflow-hidden rounded-full bg-slate-200"
    >
      <svg className="block h-full w-full" viewBox="0 0 100 1" preserveAspectRatio="none" aria-hidden="true">
        <rect width={pct} height="1" className={fill} />
      </svg>
    </div>
  );
}

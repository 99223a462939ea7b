/**
 * The page banners of a purchase that stopped or is about to (tenant.usage `state.notices`, see
 * src/server/billing/purchase-state.ts): what happened, in the user's language, and a link to
 * KooGallery (KOOGALLERY_PRODUCT_URL) to renew, buy or top up. Red and `role="alert"` when
 * something is refused now; amber and `role="status"` for warnings.
 */
import type { ReactNode } from "react";
import type { MessageKey, Translate } from "~/i18n/dictionary";
import { formatNumber } from "~/i18n/format";
import { pickText, type Locale } from "~/i18n/locales";
import { rich } from "~/i18n/rich";
import { LOW_BALANCE_RATIO } from "~/server/billing";
import { LocalTime } from "./local-time";
import { unitFor } from "./units";
import type { MeterView, UsageView } from "./usage-types";

type Notice = UsageView["state"]["notices"][number];

interface Props {
  notices: Notice[];
  meters: MeterView[];
  productUrl: string;
  locale: Locale;
  t: Translate;
  offsetMinutes: number;
}

const ACTION: Record<Notice["kind"], MessageKey> = {
  frozen: "action.renew",
  expired: "action.renew",
  trialEnded: "action.buy",
  released: "action.buy",
  usedUp: "action.buyPackage",
  allowanceUsedUp: "action.upgrade",
  runningLow: "action.buyPackage",
  trialEnding: "action.buy",
};

const STOPS = new Set<Notice["kind"]>(["frozen", "expired", "trialEnded", "released", "usedUp", "allowanceUsedUp"]);

export function PurchaseNotices({ notices, ...rest }: Props) {
  if (notices.length === 0) return null;
  return (
    <div className="space-y-3" data-testid="notices">
      {notices.map((n) => (
        <NoticeBanner key={`${n.kind}:${"meter" in n ? n.meter : ""}`} notice={n} {...rest} />
      ))}
    </div>
  );
}

function NoticeBanner({ notice: n, meters, productUrl, locale, t, offsetMinutes }: Omit<Props, "notices"> & { notice: Notice }) {
  const num = (x: number) => formatNumber(x, locale);
  const time = (d: Date) => <LocalTime at={d.getTime()} fallbackOffsetMinutes={offsetMinutes} />;
  const meter = "meter" in n ? meters.find((m) => m.meter === n.meter) : undefined;
  const meterName = meter ? pickText(meter.name, locale) : "meter" in n ? n.meter : "";
  const stop = STOPS.has(n.kind);

  let title: string;
  let body: ReactNode;
  let action = ACTION[n.kind];
  switch (n.kind) {
    case "frozen":
    case "expired":
    case "trialEnded":
    case "released":
      title = t(`notice.${n.kind}.title`);
      body = (
        <>
          {t(`notice.${n.kind}.body`)}
          {n.since ? <> {rich(t("notice.since"), { date: time(n.since) })}</> : null}
        </>
      );
      break;
    case "usedUp":
      title = t("notice.usedUp.title", { meter: meterName });
      body = t("notice.usedUp.body", { quota: num(n.quota), unit: meter ? unitFor(meter, n.quota, locale) : "" });
      break;
    case "allowanceUsedUp":
      title = t("notice.allowanceUsedUp.title", { meter: meterName });
      body = rich(t("notice.allowanceUsedUp.body"), { date: time(n.resetsAt) });
      break;
    case "runningLow": {
      title = t("notice.runningLow.title", { meter: meterName });
      const vars = { remaining: num(n.remaining), quota: num(n.quota), unit: meter ? unitFor(meter, n.quota, locale) : "", percent: percent(locale) };
      body = n.source === "allowance" && n.resetsAt ? rich(t("notice.runningLow.allowance", vars), { date: time(n.resetsAt) }) : t("notice.runningLow.packages", vars);
      if (n.source === "allowance") action = "action.upgrade";
      break;
    }
    case "trialEnding":
      title = t("notice.trialEnding.title");
      body = rich(t("notice.trialEnding.body"), { date: time(n.endsAt) });
      break;
  }

  return (
    <div
      role={stop ? "alert" : "status"}
      data-testid="notice"
      data-kind={n.kind}
      data-meter={"meter" in n ? n.meter : undefined}
      className={`flex flex-wrap items-center justify-between gap-x-6 gap-y-3 rounded-lg border px-5 py-4 ${
        stop ? "border-red-200 bg-red-50 text-red-900" : "border-amber-300 bg-amber-50 text-amber-950"
      }`}
    >
      <div className="min-w-0 flex-1 basis-64">
        <p className="font-semibold">{title}</p>
        <p className="mt-1 text-sm">{body}</p>
      </div>
      <a
        href={productUrl}
        target="_blank"
        rel="noopener noreferrer"
        data-testid="notice-action"
        className={`shrink-0 rounded px-4 py-2 text-sm font-medium text-white ${stop ? "bg-red-700 hover:bg-red-800" : "bg-amber-700 hover:bg-amber-800"}`}
      >
        {t(action)}
        <span className="sr-only"> {t("action.newWindow")}</span>
      </a>
    </div>
  );
}

/** LOW_BALANCE_RATIO as the user reads it ("10%", "10%"). */
function percent(locale: Locale): string {
  return new Intl.NumberFormat(locale, { style: "percent", maximumFractionDigits: 1 }).format(LOW_BALANCE_RATIO);
}

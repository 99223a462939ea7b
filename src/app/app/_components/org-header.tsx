/** The organisation (tenant) the signed-in user belongs to. */
import type { Translate } from "~/i18n/dictionary";

export function OrgHeader({ tenant, t }: { tenant: { tenantId: string; tenantCode: string; name: string }; t: Translate }) {
  return (
    <div>
      <p className="text-sm text-slate-500">{t("org.label")}</p>
      <h1 className="text-2xl font-bold wrap-anywhere" data-testid="tenant-name">
        {tenant.name}
      </h1>
      <p className="font-mono text-xs break-all text-slate-500" data-testid="tenant-id">
        {tenant.tenantCode} / {tenant.tenantId}
      </p>
    </div>
  );
}

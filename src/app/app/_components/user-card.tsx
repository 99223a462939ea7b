/** The signed-in 联营账号. The role is shown as OneAccess sends it (admin, user …). */
import type { Translate } from "~/i18n/dictionary";
import { Card } from "./card";

export function UserCard({ user, t }: { user: { userName: string; name: string; role: string }; t: Translate }) {
  return (
    <Card title={t("user.heading")}>
      <dl className="mt-3 grid grid-cols-[max-content_minmax(0,1fr)] gap-x-6 gap-y-1 text-sm">
        <dt className="text-slate-500">{t("user.name")}</dt>
        <dd className="wrap-anywhere" data-testid="user-name">{user.name}</dd>
        <dt className="text-slate-500">{t("user.account")}</dt>
        <dd className="font-mono break-all" data-testid="user-account">
          {user.userName}
        </dd>
        <dt className="text-slate-500">{t("user.role")}</dt>
        <dd data-testid="user-role">{user.role}</dd>
      </dl>
    </Card>
  );
}

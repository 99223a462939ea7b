/** 404 inside the staff console's frame (unknown address, instance or tenant), with the way back. */
import { NotFoundBody } from "~/app/_shared/not-found-body";
import { getAdminI18n } from "~/i18n/server";

export default async function StaffNotFound() {
  const { t } = await getAdminI18n();
  return (
    <NotFoundBody
      className="py-10"
      title={t("notFound.title")}
      text={t("notFound.text")}
      back={{ href: "/admin", label: t("notFound.back") }}
      more={[
        { href: "/admin/instances", label: t("shell.nav.instances") },
        { href: "/admin/tenants", label: t("shell.nav.tenants") },
      ]}
    />
  );
}

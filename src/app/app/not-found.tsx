/** 404 inside the customer console's frame (header, language switch), in the page's language. */
import { NotFoundBody } from "~/app/_shared/not-found-body";
import { getI18n } from "~/i18n/server";

export default async function CustomerNotFound() {
  const { t } = await getI18n();
  return <NotFoundBody className="py-10" title={t("notFound.title")} text={t("notFound.body")} back={{ href: "/app", label: t("notFound.backToApp") }} />;
}

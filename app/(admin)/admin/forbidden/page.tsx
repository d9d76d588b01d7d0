import { getTranslations } from "next-intl/server";

export default async function ForbiddenPage() {
  const t = await getTranslations("common");
  return (
    <p className="text-lg text-stone-700" data-testid="forbidden">
      {t("forbidden")}
    </p>
  );
}

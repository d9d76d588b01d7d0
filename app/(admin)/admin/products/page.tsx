import Link from "next/link";
import { DataTable, EmptyState } from "@/components/admin/data-table";
import { getLocale, getTranslations } from "next-intl/server";
import { getDb } from "@/db/client";
import { ActionForm } from "@/components/ui/action-form";
import { PageHeader } from "@/components/admin/page-header";
import { Badge } from "@/components/ui/badge";
import { buttonClass } from "@/components/ui/button-class";
import { requirePagePermission } from "@/lib/auth/session";
import { formatWon } from "@/lib/format";
import { listProductsForAdmin } from "@/lib/products/admin";
import { setProductActiveAction } from "./actions";

export default async function ProductsPage() {
  await requirePagePermission("products", "/admin/products");
  const t = await getTranslations("admin.products");
  const tc = await getTranslations("admin.common");
  const locale = await getLocale();
  const products = listProductsForAdmin({ db: getDb() });
  return (
    <>
      <PageHeader
        title={t("title")}
        lead={t("lead")}
        actions={
          <Link href="/admin/products/new" className={buttonClass("primary")}>
            {t("new")}
          </Link>
        }
      />
      {products.length === 0 ? (
        <EmptyState>{t("empty")}</EmptyState>
      ) : (
        <DataTable
          testId="product-list"
          columns={[
            { label: t("name"), mobile: { order: 1, bare: true } },
            { label: t("category"), mobile: { order: 3 } },
            { label: t("price"), align: "right", mobile: { order: 4 } },
            { label: t("options"), mobile: { full: true } },
            { label: t("status"), mobile: { order: 2, bare: true } },
            { mobile: { full: true } },
          ]}
        >
          {products.map((p) => (
            <tr key={p.id} className={p.active ? "" : "bg-stone-50 text-stone-500"}>
              <td className="px-4 py-3">
                <Link
                  href={`/admin/products/${p.id}`}
                  className="inline-flex min-h-11 items-center font-semibold text-ink hover:text-brand-700 hover:underline"
                >
                  {p.name}
                </Link>
                <p className="text-sm text-stone-500">{t("perOrder", { count: p.maxPerOrder })}</p>
              </td>
              <td className="px-4 py-3">{p.category}</td>
              <td className="px-4 py-3 text-right tabular-nums">{formatWon(p.price, locale)}</td>
              <td className="px-4 py-3 text-sm">
                {p.optionGroups.length ? (
                  p.optionGroups.map((g) => g.name).join(", ")
                ) : (
                  <span className="text-stone-400">{t("noOptions")}</span>
                )}
              </td>
              <td className="px-4 py-3">
                <Badge tone={p.active ? "green" : "neutral"}>{p.active ? tc("active") : tc("inactive")}</Badge>
              </td>
              <td className="px-4 py-3">
                <div className="flex items-center justify-end gap-2">
                  <Link href={`/admin/products/${p.id}`} className={buttonClass("ghost")}>
                    {tc("edit")}
                  </Link>
                  <ActionForm
                    action={setProductActiveAction}
                    hidden={{ id: p.id, active: String(!p.active) }}
                    submitLabel={p.active ? t("deactivate") : t("reactivate")}
                    variant="secondary"
                    className="flex flex-col items-end gap-1"
                  />
                </div>
              </td>
            </tr>
          ))}
        </DataTable>
      )}
    </>
  );
}

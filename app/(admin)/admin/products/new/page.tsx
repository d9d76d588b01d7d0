import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { PageHeader } from "@/components/admin/page-header";
import { ProductForm } from "@/components/admin/product-form";
import { requirePagePermission } from "@/lib/auth/session";
import { saveProductAction } from "../actions";

export default async function NewProductPage() {
  await requirePagePermission("products", "/admin/products/new");
  const t = await getTranslations("admin.products");
  const tc = await getTranslations("admin.common");
  return (
    <div className="max-w-4xl">
      <Link href="/admin/products" className="mb-2 inline-flex min-h-11 items-center text-brand-700 hover:underline">
        ← {tc("back")}
      </Link>
      <PageHeader title={t("newTitle")} />
      <ProductForm action={saveProductAction} />
    </div>
  );
}

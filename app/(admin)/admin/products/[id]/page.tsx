import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { getDb } from "@/db/client";
import { ActionForm } from "@/components/ui/action-form";
import { PageHeader } from "@/components/admin/page-header";
import { ProductForm } from "@/components/admin/product-form";
import { ProductPhotoForm } from "@/components/admin/product-photo";
import { Badge } from "@/components/ui/badge";
import { Notice } from "@/components/ui/notice";
import { requirePagePermission } from "@/lib/auth/session";
import { getProductWithOptions } from "@/lib/products/catalogue";
import { removeProductPhotoAction, saveProductAction, setProductActiveAction, uploadProductPhotoAction } from "../actions";

export default async function EditProductPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<{ created?: string }>;
}) {
  const { id } = await params;
  await requirePagePermission("products", `/admin/products/${id}`);
  const productId = Number(id);
  const product = Number.isInteger(productId) && productId > 0 ? getProductWithOptions({ db: getDb(), id: productId }) : undefined;
  if (!product) notFound();
  const t = await getTranslations("admin.products");
  const tc = await getTranslations("admin.common");
  const { created } = await searchParams;
  return (
    <div className="max-w-4xl">
      <Link href="/admin/products" className="mb-2 inline-flex min-h-11 items-center text-brand-700 hover:underline">
        ← {tc("back")}
      </Link>
      <PageHeader
        title={
          <span className="flex items-center gap-3">
            {t("editTitle")} <Badge tone={product.active ? "green" : "neutral"}>{product.active ? tc("active") : tc("inactive")}</Badge>
          </span>
        }
        actions={
          <ActionForm
            action={setProductActiveAction}
            hidden={{ id: product.id, active: String(!product.active) }}
            submitLabel={product.active ? t("deactivate") : t("reactivate")}
            className="flex flex-col items-end gap-1"
          />
        }
      />
      {created && (
        <div className="mb-4">
          <Notice tone="success" testId="product-created">
            {t("created")}
          </Notice>
        </div>
      )}
      <div className="space-y-6">
        <ProductPhotoForm
          productId={product.id}
          photoKey={product.photoKey}
          name={product.name}
          upload={uploadProductPhotoAction}
          remove={removeProductPhotoAction}
        />
        <ProductForm key={product.id} product={product} action={saveProductAction} />
      </div>
    </div>
  );
}

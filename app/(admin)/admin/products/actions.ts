"use server";

import { revalidatePath } from "next/cache";
import { invalidateStorefront } from "@/lib/storefront/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { getDb } from "@/db/client";
import { defineAction, formToObject } from "@/lib/actions";
import { getTranslations } from "next-intl/server";
import { createProduct, setProductActive, updateProduct } from "@/lib/products/admin";
import { removeProductPhoto, setProductPhoto } from "@/lib/products/photos";
import { numeric } from "@/lib/validation/numbers";

/** The option editor sends its groups as one JSON field; the rest are plain inputs. */
function parseProductForm(form: FormData): unknown {
  const data = formToObject(form);
  try {
    data.optionGroups = JSON.parse(String(data.optionGroups ?? "[]"));
  } catch {
    data.optionGroups = null;
  }
  return data;
}

// lib/products/admin.ts validates the product itself (one set of Korean messages).
const productForm = z.object({ id: numeric(z.number().int().positive().optional()) }).passthrough();

export const saveProductAction = defineAction(
  { permission: "products", schema: productForm, parse: parseProductForm },
  async ({ id, ...input }) => {
    const db = getDb();
    const product = id ? updateProduct({ db, id, input }) : createProduct({ db, input });
    revalidatePath("/admin/products");
    revalidatePath("/admin/plan");
    revalidatePath("/");
    invalidateStorefront();
    if (!id) redirect(`/admin/products/${product.id}?created=1`);
    return { ok: true, message: (await getTranslations("admin.products"))("saved") };
  },
);

export const setProductActiveAction = defineAction(
  { permission: "products", schema: z.object({ id: numeric(z.number().int().positive()), active: z.enum(["true", "false"]) }) },
  async ({ id, active }) => {
    setProductActive({ db: getDb(), id, active: active === "true" });
    revalidatePath("/admin/products");
    revalidatePath("/admin/plan");
    revalidatePath("/");
    invalidateStorefront();
    const t = await getTranslations("admin.products");
    return { ok: true, message: t(active === "true" ? "reactivated" : "deactivated") };
  },
);

const photoForm = z.object({ id: z.coerce.number().int().positive(), photo: z.instanceof(File, { message: "photo_required" }) });

export const uploadProductPhotoAction = defineAction(
  { permission: "products", schema: photoForm, parse: (form) => ({ id: form.get("id"), photo: form.get("photo") }) },
  async ({ id, photo }) => {
    await setProductPhoto({ db: getDb(), productId: id, bytes: new Uint8Array(await photo.arrayBuffer()) });
    revalidatePath(`/admin/products/${id}`);
    revalidatePath("/");
    invalidateStorefront();
    return { ok: true, message: (await getTranslations("admin.products"))("photoSaved") };
  },
);

export const removeProductPhotoAction = defineAction(
  { permission: "products", schema: z.object({ id: z.coerce.number().int().positive() }) },
  async ({ id }) => {
    removeProductPhoto({ db: getDb(), productId: id });
    revalidatePath(`/admin/products/${id}`);
    revalidatePath("/");
    invalidateStorefront();
    return { ok: true, message: (await getTranslations("admin.products"))("photoRemoved") };
  },
);

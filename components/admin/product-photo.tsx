"use client";

import { useState } from "react";
import { useTranslations } from "next-intl";
import type { ActionState } from "@/lib/actions";
import { Button } from "@/components/ui/button";
import { FieldError } from "@/components/ui/field";
import { ActionNotice } from "@/components/ui/notice";
import { useActionForm } from "@/components/ui/use-action-form";
import { ProductPhoto } from "@/components/ui/product-photo";

type Action = (prev: ActionState, form: FormData) => Promise<ActionState>;

/** 8 MB, as lib/products/photos.ts checks again on the server: said here before a long upload. */
const MAX_BYTES = 8 * 1024 * 1024;

/** The product's photo: what customers see now, and a form to replace or remove it. */
export function ProductPhotoForm({
  productId,
  photoKey,
  name,
  upload,
  remove,
}: {
  productId: number;
  photoKey: string | null;
  name: string;
  upload: Action;
  remove: Action;
}) {
  const t = useTranslations("admin.products");
  const { state, pending, onSubmit } = useActionForm(upload);
  const removal = useActionForm(remove);
  const [tooBig, setTooBig] = useState(false);
  const error = tooBig ? t("photoTooBig") : state && !state.ok ? (state.fieldErrors?.photo ?? state.message) : undefined;
  return (
    <section className="rounded-2xl border border-stone-200 bg-stone-50 p-4" aria-labelledby="photo-heading" data-testid="product-photo">
      <h2 id="photo-heading" className="text-lg font-bold">
        {t("photo")}
      </h2>
      <p className="mb-3 text-sm text-stone-600">{t("photoLead")}</p>
      <div className="flex flex-wrap items-start gap-4">
        {photoKey ? (
          <ProductPhoto photoKey={photoKey} alt={name} sizes="160px" className="size-40 rounded-xl" />
        ) : (
          <p className="text-stone-600">{t("photoNone")}</p>
        )}
        <form
          onSubmit={(e) => {
            const file = (e.currentTarget.elements.namedItem("photo") as HTMLInputElement).files?.[0];
            if (file && file.size > MAX_BYTES) {
              e.preventDefault();
              setTooBig(true);
              return;
            }
            setTooBig(false);
            onSubmit(e);
          }}
          className="min-w-64 flex-1 space-y-2"
          noValidate
        >
          <input type="hidden" name="id" value={productId} />
          <label className="block">
            <span className="mb-1 block text-sm font-semibold text-stone-700">{t("photoFile")}</span>
            <input
              type="file"
              name="photo"
              accept="image/jpeg,image/png,image/webp"
              className="block w-full text-base file:mr-3 file:min-h-11 file:rounded-lg file:border file:border-stone-300 file:bg-white file:px-3"
              aria-invalid={error ? true : undefined}
              onChange={() => setTooBig(false)}
            />
          </label>
          <FieldError error={error} />
          {state?.ok && <ActionNotice state={state} />}
          <Button type="submit" disabled={pending} aria-busy={pending}>
            {pending ? t("photoUploading") : t("photoUpload")}
          </Button>
        </form>
      </div>
      {photoKey && (
        <form onSubmit={removal.onSubmit} className="mt-3">
          <input type="hidden" name="id" value={productId} />
          <Button type="submit" variant="ghost" disabled={removal.pending}>
            {t("photoRemove")}
          </Button>
          <ActionNotice state={removal.state} />
        </form>
      )}
    </section>
  );
}

"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { getDb } from "@/db/client";
import { defineAction, formToObject } from "@/lib/actions";
import { AppError, isAppError, renameFields } from "@/lib/errors";
import { GIVEN_LINES, recordReturn } from "@/lib/returns/returns";

/** Where the form may send staff back to: the card or the order page it was opened from. */
const back = z
  .string()
  .regex(/^\/admin\/(customers|orders)\/\d+$/)
  .optional();

/**
 * The staff form posts one `qty_<productId>` per line; they become `items` (only lines with a
 * quantity); the exchange's `given_product_<i>`/`given_qty_<i>` pairs become `given` (only
 * pairs with a product). The rest goes to `recordReturn` as the API sends it — same schema,
 * same rule; its field errors come back under the inputs they are about.
 */
export const recordReturnAction = defineAction(
  {
    permission: "counter",
    schema: z.object({ back, form: z.record(z.string(), z.unknown()) }),
    parse: (form: FormData) => ({ back: form.get("back") || undefined, form: formToObject(form) }),
  },
  ({ back: backTo, form }, { user }) => {
    const items = Object.entries(form)
      .filter(([k, v]) => k.startsWith("qty_") && typeof v === "string" && v.trim() !== "" && v.trim() !== "0")
      .map(([k, v]) => ({ product_id: Number(k.slice(4)), quantity: v }));
    if (items.length === 0) throw new AppError("validation", { message: "return_choose_items" });
    const givenLines = Array.from({ length: GIVEN_LINES }, (_, i) => i).filter((i) => {
      const product = form[`given_product_${i}`];
      return typeof product === "string" && product !== "";
    });
    const given = givenLines.map((i) => ({ product_id: form[`given_product_${i}`], quantity: form[`given_qty_${i}`] }));
    const input = {
      order_id: form.order_id || undefined,
      sale_id: form.sale_id || undefined,
      kind: form.kind,
      items,
      given,
      refund: form.refund,
      method: form.method,
      restock: form.restock === "on",
      note: form.note ?? "",
    };
    let result;
    try {
      result = recordReturn({ db: getDb(), source: "staff", actorUserId: user!.id, input });
    } catch (e) {
      if (!isAppError(e)) throw e;
      throw renameFields(e, (field) => {
        const [list, index, key] = field.split(".");
        if (list === "items" && key === "quantity" && items[Number(index)]) return `qty_${items[Number(index)].product_id}`;
        const line = givenLines[Number(index)];
        if (list === "given" && line !== undefined && key === "product_id") return `given_product_${line}`;
        if (list === "given" && line !== undefined && key === "quantity") return `given_qty_${line}`;
        return field;
      });
    }
    const to = backTo ?? (result.ret.customerId ? `/admin/customers/${result.ret.customerId}` : "/admin/orders");
    revalidatePath(to);
    redirect(to);
  },
);

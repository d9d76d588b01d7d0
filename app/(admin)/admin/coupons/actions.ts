"use server";

import { revalidatePath } from "next/cache";
import { getTranslations } from "next-intl/server";
import { z } from "zod";
import { getDb } from "@/db/client";
import { defineAction } from "@/lib/actions";
import { couponInput, createCoupon, issueCouponToPhone, setCouponPaused } from "@/lib/coupons/admin";
import { tellCouponCode } from "@/lib/messages/coupon-messages";

/** The coupon form: checkboxes arrive as one value or many; empty number boxes mean "no limit". */
function couponForm(form: FormData): unknown {
  const text = (name: string) => {
    const v = form.get(name);
    return typeof v === "string" ? v.trim() : "";
  };
  const orNull = (name: string) => text(name) || null;
  return {
    name: text("name"),
    kind: text("kind"),
    amount: text("amount"),
    min_spend: text("min_spend") || "0",
    product_ids: form.getAll("product_ids").map(String),
    categories: form.getAll("categories").map(String),
    starts_on: text("starts_on"),
    ends_on: orNull("ends_on"),
    total_limit: orNull("total_limit"),
    per_customer_limit: orNull("per_customer_limit"),
    code_mode: text("code_mode"),
    code: orNull("code"),
  };
}

export const createCouponAction = defineAction(
  { permission: "coupons", schema: couponInput, parse: couponForm },
  async (input, { user }) => {
    createCoupon({ db: getDb(), input, userId: user.id });
    revalidatePath("/admin/coupons");
    return { ok: true, message: (await getTranslations("coupons.admin"))("created") };
  },
);

const pauseInput = z.object({ id: z.coerce.number().int().positive(), paused: z.enum(["1", "0"]) });

export const pauseCouponAction = defineAction({ permission: "coupons", schema: pauseInput }, async (input) => {
  setCouponPaused({ db: getDb(), couponId: input.id, paused: input.paused === "1" });
  revalidatePath("/admin/coupons");
  return { ok: true, message: (await getTranslations("coupons.admin"))(input.paused === "1" ? "pausedDone" : "resumedDone") };
});

const issueInput = z.object({ id: z.coerce.number().int().positive(), phone: z.string().trim().min(1, "phone_required") });

export const issueCouponAction = defineAction({ permission: "coupons", schema: issueInput }, async (input) => {
  const code = issueCouponToPhone({ db: getDb(), couponId: input.id, phone: input.phone, tell: tellCouponCode("coupon_issued") });
  revalidatePath("/admin/coupons");
  return { ok: true, message: (await getTranslations("coupons.admin"))("issued", { code: code.code }) };
});

"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { getDb } from "@/db/client";
import { getTranslations } from "next-intl/server";
import { defineAction } from "@/lib/actions";
import { replyToInquiry } from "@/lib/inquiries/inquiries";
import { numeric } from "@/lib/validation/numbers";

export const replyInquiryAction = defineAction(
  { permission: "customers", schema: z.object({ inquiryId: numeric(z.number().int().positive()), body: z.string() }) },
  async (input, { user }) => {
    replyToInquiry({ db: getDb(), inquiryId: input.inquiryId, userId: user!.id, body: input.body });
    revalidatePath("/admin/inquiries");
    return { ok: true, message: (await getTranslations("actions"))("replySent") };
  },
);

"use server";

import { getDb } from "@/db/client";
import { defineAction } from "@/lib/actions";
import { createInquiry, inquiryFormSchema } from "@/lib/inquiries/inquiries";

export const createInquiryAction = defineAction({ permission: null, schema: inquiryFormSchema }, (input) => {
  createInquiry({ db: getDb(), input: { ...input, token: input.token || null, privacy: input.privacy === "on" } });
  return { ok: true, message: "문의를 남겼어요. 답변이 오면 '내 정보'에서 볼 수 있어요." };
});

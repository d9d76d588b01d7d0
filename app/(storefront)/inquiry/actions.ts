"use server";

import { getDb } from "@/db/client";
import { getTranslations } from "next-intl/server";
import { defineAction } from "@/lib/actions";
import { createInquiry, inquiryFormSchema } from "@/lib/inquiries/inquiries";

export const createInquiryAction = defineAction({ permission: null, schema: inquiryFormSchema }, async (input) => {
  createInquiry({ db: getDb(), input: { ...input, token: input.token || null, privacy: input.privacy === "on" } });
  return { ok: true, message: (await getTranslations("actions"))("inquirySent") };
});

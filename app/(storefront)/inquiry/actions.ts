"use server";

import { redirect } from "next/navigation";
import { getDb } from "@/db/client";
import { defineAction } from "@/lib/actions";
import { createInquiry, inquiryFormSchema } from "@/lib/inquiries/inquiries";

export const createInquiryAction = defineAction({ permission: null, schema: inquiryFormSchema }, (input) => {
  const { myPageToken } = createInquiry({ db: getDb(), input: { ...input, token: input.token || null, privacy: input.privacy === "on" } });
  // The success page says where the answer will appear (the private page, when it is safe to link).
  redirect(myPageToken ? `/inquiry/sent?me=${encodeURIComponent(myPageToken)}` : "/inquiry/sent");
});

"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { getDb } from "@/db/client";
import { getTranslations } from "next-intl/server";
import { defineAction } from "@/lib/actions";
import { confirmSubmission } from "@/lib/consultations/submissions";
import { correctName, deleteCustomer, setMyBirthday, withdrawMarketing } from "@/lib/customer-record/privacy";
import { birthdayInput } from "@/lib/loyalty/birthday";
import { integerInput } from "@/lib/validation/numbers";

// Public actions: the private token in the form is the only key, checked inside lib.
const token = z.string().min(16).max(64);

export const correctNameAction = defineAction({ permission: null, schema: z.object({ token, name: z.string() }) }, async (input) => {
  correctName({ db: getDb(), token: input.token, name: input.name });
  revalidatePath(`/me/${input.token}`);
  return { ok: true, message: (await getTranslations("actions"))("nameCorrected") };
});

export const setBirthdayAction = defineAction({ permission: null, schema: birthdayInput.extend({ token }) }, async (input) => {
  const birthday = setMyBirthday({ db: getDb(), token: input.token, input });
  revalidatePath(`/me/${input.token}`);
  return { ok: true, message: (await getTranslations("actions"))(birthday ? "birthdaySaved" : "birthdayCleared") };
});

export const withdrawMarketingAction = defineAction({ permission: null, schema: z.object({ token }) }, async (input) => {
  withdrawMarketing({ db: getDb(), token: input.token });
  revalidatePath(`/me/${input.token}`);
  return { ok: true, message: (await getTranslations("actions"))("marketingWithdrawn") };
});

export const confirmSubmissionAction = defineAction(
  { permission: null, schema: z.object({ token, submissionId: integerInput({ min: 1 }) }) },
  async (input) => {
    confirmSubmission({ db: getDb(), submissionId: input.submissionId, by: { token: input.token } });
    revalidatePath(`/me/${input.token}`);
    return { ok: true, message: (await getTranslations("actions"))("submissionConfirmedByCustomer") };
  },
);

export const deleteMyDataAction = defineAction(
  { permission: null, schema: z.object({ token, confirm: z.literal("on", { error: "delete_confirm" }) }) },
  (input) => {
    deleteCustomer({ db: getDb(), token: input.token });
    redirect("/me/deleted");
  },
);

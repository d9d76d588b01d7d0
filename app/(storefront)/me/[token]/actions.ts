"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { getDb } from "@/db/client";
import { defineAction } from "@/lib/actions";
import { confirmSubmission } from "@/lib/consultations/submissions";
import { correctName, deleteCustomer, withdrawMarketing } from "@/lib/customers/privacy";
import { integerInput } from "@/lib/validation/numbers";

// Public actions: the private token in the form is the only key, checked inside lib.
const token = z.string().min(16).max(64);

export const correctNameAction = defineAction({ permission: null, schema: z.object({ token, name: z.string() }) }, (input) => {
  correctName({ db: getDb(), token: input.token, name: input.name });
  revalidatePath(`/me/${input.token}`);
  return { ok: true, message: "이름을 고쳤어요." };
});

export const withdrawMarketingAction = defineAction({ permission: null, schema: z.object({ token }) }, (input) => {
  withdrawMarketing({ db: getDb(), token: input.token });
  revalidatePath(`/me/${input.token}`);
  return { ok: true, message: "마케팅 정보 수신 동의를 철회했어요." };
});

export const confirmSubmissionAction = defineAction({ permission: null, schema: z.object({ token, submissionId: integerInput({ min: 1 }) }) }, (input) => {
  confirmSubmission({ db: getDb(), submissionId: input.submissionId, by: { token: input.token } });
  revalidatePath(`/me/${input.token}`);
  return { ok: true, message: "내 응답으로 확인했어요." };
});

export const deleteMyDataAction = defineAction(
  { permission: null, schema: z.object({ token, confirm: z.literal("on", { error: "삭제하려면 확인란에 체크해 주세요." }) }) },
  (input) => {
    deleteCustomer({ db: getDb(), token: input.token });
    redirect("/me/deleted");
  },
);

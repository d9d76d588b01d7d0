"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { getDb } from "@/db/client";
import { getTranslations } from "next-intl/server";
import { defineAction } from "@/lib/actions";
import { confirmSubmission } from "@/lib/consultations/submissions";
import { addVisit } from "@/lib/consultations/visits";
import { logCardView } from "@/lib/customer-record/card";
import { AppError } from "@/lib/errors";
import { birthdayInput, setBirthday } from "@/lib/loyalty/birthday";
import { redeemPoints } from "@/lib/points/redeem";
import { integerInput, numeric } from "@/lib/validation/numbers";

export const addVisitAction = defineAction(
  {
    permission: "customers",
    schema: z.object({
      customerId: numeric(z.number().int().positive()),
      done: z.string().optional(),
      productsUsed: z.string().optional(),
      notes: z.string().optional(),
      advice: z.string().optional(),
      shared: z.literal("on").optional(),
      recommendations: z.string().max(20_000).optional(),
    }),
  },
  async (input, { user }) => {
    let recommendations: unknown = [];
    try {
      recommendations = JSON.parse(input.recommendations || "[]");
    } catch {
      throw new AppError("validation", { message: "recommendations_unreadable" });
    }
    addVisit({
      db: getDb(),
      customerId: input.customerId,
      userId: user!.id,
      input: { ...input, shared: input.shared === "on", recommendations },
    });
    revalidatePath(`/admin/customers/${input.customerId}`);
    return { ok: true, message: (await getTranslations("actions"))("visitSaved") };
  },
);

/** Staff set or clear the customer's birthday (month-day) on the card; `setBirthday` checks it again. */
export const setBirthdayAction = defineAction(
  { permission: "customers", schema: birthdayInput.extend({ customerId: numeric(z.number().int().positive()) }) },
  async (input) => {
    const birthday = setBirthday({ db: getDb(), customerId: input.customerId, input });
    revalidatePath(`/admin/customers/${input.customerId}`);
    return { ok: true, message: (await getTranslations("actions"))(birthday ? "birthdaySaved" : "birthdayCleared") };
  },
);

export const redeemPointsAction = defineAction(
  {
    permission: "counter",
    schema: z.object({
      customerId: numeric(z.number().int().positive()),
      points: numeric(z.number({ error: "points_number" }).int("points_whole_number_field").positive("points_whole_number_field")),
      requestKey: z.string().min(8).max(64),
    }),
  },
  async (input, { user }) => {
    const { balance } = redeemPoints({
      db: getDb(),
      customerId: input.customerId,
      points: input.points,
      userId: user!.id,
      requestKey: input.requestKey,
    });
    revalidatePath(`/admin/customers/${input.customerId}`);
    return { ok: true, message: (await getTranslations("actions"))("pointsRedeemed", { points: input.points, balance }) };
  },
);

/** One staff view of a customer card, sent once by the card page's view logger (the page itself writes nothing). */
export const logCardViewAction = defineAction(
  { permission: "customers", schema: z.object({ customerId: integerInput({ min: 1 }) }) },
  ({ customerId }, { user }) => {
    logCardView({ db: getDb(), customerId, userId: user!.id });
  },
);

/** Staff checked in person that an unconfirmed consultation submission is the customer's own. */
export const confirmSubmissionAction = defineAction(
  { permission: "customers", schema: z.object({ customerId: integerInput({ min: 1 }), submissionId: integerInput({ min: 1 }) }) },
  async (input, { user }) => {
    confirmSubmission({ db: getDb(), submissionId: input.submissionId, by: { userId: user!.id } });
    revalidatePath(`/admin/customers/${input.customerId}`);
    return { ok: true, message: (await getTranslations("actions"))("submissionConfirmedByStaff") };
  },
);

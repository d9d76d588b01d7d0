"use server";

import { z } from "zod";
import { getDb } from "@/db/client";
import { defineAction } from "@/lib/actions";
import { rawAnswersFromForm } from "@/lib/consultations/questions";
import { submitConsultation } from "@/lib/consultations/submissions";
import { numeric } from "@/lib/validation/numbers";

const schema = z.looseObject({
  slug: z.string().min(1).max(60),
  versionId: numeric(z.number().int().positive()),
  token: z.string().max(64).optional(),
  name: z.string().optional(),
  phone: z.string().max(40).optional(),
  consent: z.literal("on").optional(),
  marketing: z.literal("on").optional(),
});

/** Public: the customer is identified by name + phone, or by their private-link token. */
export const submitConsultationAction = defineAction({ permission: null, schema }, (input) => {
  const result = submitConsultation({
    db: getDb(),
    slug: input.slug,
    input: {
      templateVersionId: input.versionId,
      token: input.token || null,
      name: input.name,
      phone: input.phone,
      consent: input.consent === "on",
      marketing: input.marketing === "on",
      rawAnswers: rawAnswersFromForm(input),
    },
  });
  return { ok: true, data: { token: result.token } };
});

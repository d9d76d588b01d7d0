"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { getDb } from "@/db/client";
import { getTranslations } from "next-intl/server";
import { defineAction } from "@/lib/actions";
import { createTemplate, updateTemplate } from "@/lib/consultations/templates";
import { AppError } from "@/lib/errors";
import { numeric } from "@/lib/validation/numbers";

const schema = z.object({
  id: numeric(z.number().int().positive().optional()),
  title: z.string().max(200),
  description: z.string().max(2000).optional(),
  slug: z.string().max(100).optional(),
  active: z.literal("on").optional(),
  questions: z.string().max(200_000),
});

/** Owner only. Questions arrive as JSON from the builder and are validated in lib. */
export const saveTemplateAction = defineAction({ permission: "consultation_templates", schema }, async (input) => {
  let questions: unknown;
  try {
    questions = JSON.parse(input.questions);
  } catch {
    throw new AppError("validation", { message: "questions_unreadable" });
  }
  const data = {
    title: input.title,
    description: input.description ?? "",
    slug: input.slug ?? "",
    active: input.active === "on",
    questions,
  };
  const db = getDb();
  if (input.id) {
    const saved = updateTemplate({ db, id: input.id, input: data });
    revalidatePath("/admin/consultations");
    return {
      ok: true,
      message: (await getTranslations("actions"))(saved.newVersion ? "templateSavedNewVersion" : "saved", {
        version: saved.version.version,
      }),
      data: { id: saved.id },
    };
  }
  const created = createTemplate({ db, input: data });
  revalidatePath("/admin/consultations");
  redirect(`/admin/consultations/${created.id}?created=1`);
});

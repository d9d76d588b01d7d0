"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { getDb } from "@/db/client";
import { getTranslations } from "next-intl/server";
import { defineAction } from "@/lib/actions";
import { saveWeeklyNote } from "@/lib/metrics/weekly";

export const saveWeeklyNoteAction = defineAction(
  {
    permission: "metrics",
    schema: z.object({
      weekStart: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "week_start_check"),
      body: z.string().max(2000, "weekly_note_too_long"),
    }),
  },
  async ({ weekStart, body }) => {
    saveWeeklyNote({ db: getDb(), weekStart, body });
    revalidatePath("/admin/review");
    return { ok: true, message: (await getTranslations("actions"))("weeklyNoteSaved") };
  },
);

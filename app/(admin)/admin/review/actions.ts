"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { getDb } from "@/db/client";
import { defineAction } from "@/lib/actions";
import { saveWeeklyNote } from "@/lib/metrics/weekly";

export const saveWeeklyNoteAction = defineAction(
  {
    permission: "metrics",
    schema: z.object({
      weekStart: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "주의 시작 날짜를 확인해 주세요."),
      body: z.string().max(2000, "메모는 2,000자 이하로 적어 주세요."),
    }),
  },
  ({ weekStart, body }) => {
    saveWeeklyNote({ db: getDb(), weekStart, body });
    revalidatePath("/admin/review");
    return { ok: true, message: "이번 주 메모를 저장했어요." };
  },
);
